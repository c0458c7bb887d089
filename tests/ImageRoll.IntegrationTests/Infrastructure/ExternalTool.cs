using System.Diagnostics;
using System.Text;

namespace ImageRoll.IntegrationTests.Infrastructure;

/// <summary>The result of running a real client (kubectl, skopeo, docker, curl).</summary>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public ToolResult EnsureSuccess(string what)
    {
        Assert.True(ExitCode == 0, $"{what} exited {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}");
        return this;
    }
}

/// <summary>
/// Runs a real client as a child process with arguments as a list (no shell) and secrets only in the environment.
/// </summary>
public static class ExternalTool
{
    public static async Task<ToolResult> RunAsync(
        string fileName,
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        string? stdin = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestServices.RepoRoot,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                psi.Environment[k] = v;
            }
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var outTask = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errTask = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', psi.ArgumentList)} did not finish in time");
        }

        stdout.Append(await outTask.ConfigureAwait(false));
        stderr.Append(await errTask.ConfigureAwait(false));
        return new ToolResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
