using System.ComponentModel;
using System.Diagnostics;

namespace ImageRoll.Build;

/// <summary>
/// Runs a child process with its arguments as a list (no shell, nothing re-parsed) and secrets only in its
/// environment; each output line goes to a callback as it arrives.
/// </summary>
internal static class ChildProcess
{
    public sealed record Result(int ExitCode, IReadOnlyList<string> Output);

    public static async Task<Result> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        Action<string>? onLine,
        CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment)
        {
            if (v is null)
            {
                psi.Environment.Remove(k);
            }
            else
            {
                psi.Environment[k] = v;
            }
        }

        var lines = new List<string>();
        var gate = new object();
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                lines.Add(line);
                onLine?.Invoke(line);
            }
        }

        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new FileNotFoundException($"'{fileName}' could not be started: {ex.Message}", fileName, ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            throw;
        }

        // WaitForExitAsync returns after the redirected streams reach EOF, so every line has been seen.
        lock (gate)
        {
            return new Result(process.ExitCode, lines.ToArray());
        }
    }
}
