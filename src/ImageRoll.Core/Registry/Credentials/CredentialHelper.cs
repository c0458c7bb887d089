using System.Diagnostics;
using System.Text.Json;

namespace ImageRoll.Registry.Credentials;

/// <summary>
/// Runs <c>docker-credential-NAME get</c> by the credential-helper protocol (docker/docker-credential-helpers
/// client/client.go): the server URL goes to STDIN, never on the command line; STDOUT is
/// <c>{"ServerURL","Username","Secret"}</c>; the user name <c>&lt;token&gt;</c> marks Secret as an identity token.
/// A helper that does not know the server exits non-zero printing "credentials not found in native keychain".
/// </summary>
internal static class CredentialHelper
{
    private const string NotFoundMessage = "credentials not found";

    public static async Task<RegistryCredential?> GetAsync(
        string helper, string host, Func<string, string?> environment, TimeSpan timeout, CancellationToken ct)
    {
        var executable = Resolve("docker-credential-" + helper, environment("PATH"));
        if (executable is null)
        {
            throw new ImageRollException(RegistryErrors.CredentialHelperMissing, FailureKind.OperationFailed,
                $"Credential helper 'docker-credential-{helper}' (configured for registry {host}) is not on PATH.",
                $"Install docker-credential-{helper}, or remove it from credHelpers/credsStore in your Docker config, "
                + "or set IMAGEROLL_REGISTRY_USERNAME and IMAGEROLL_REGISTRY_PASSWORD.");
        }

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("get");
        DefaultRegistryCredentialProvider.WithholdFrom(start.Environment);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw Failed(helper, host, $"could not be started ({ex.Message})");
        }

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeoutCts.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeoutCts.Token);
            await process.StandardInput.WriteAsync(RegistryHosts.HelperServerName(host).AsMemory(), timeoutCts.Token).ConfigureAwait(false);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeoutCts.Token).ConfigureAwait(false);
            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            return process.ExitCode == 0 ? ParseOutput(helper, host, output) : NotFoundOrFail(helper, host, process.ExitCode, output, errors);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Kill(process);
            throw Failed(helper, host, $"did not answer within {timeout.TotalSeconds:0} s");
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
        catch (IOException ex)
        {
            Kill(process);
            throw Failed(helper, host, $"broke off ({ex.Message})");
        }
    }

    /// <summary>Finds an executable on a PATH string (the injected one, so tests can supply a fake helper).</summary>
    internal static string? Resolve(string name, string? path)
    {
        foreach (var dir in (path ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in OperatingSystem.IsWindows() ? new[] { name + ".exe", name + ".cmd", name } : new[] { name })
            {
                var full = System.IO.Path.Combine(dir, candidate);
                if (File.Exists(full))
                {
                    return full;
                }
            }
        }

        return null;
    }

    private static RegistryCredential? ParseOutput(string helper, string host, string output)
    {
        try
        {
            using var doc = JsonDocument.Parse(output);
            var root = doc.RootElement;
            var username = root.TryGetProperty("Username", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            var secret = root.TryGetProperty("Secret", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (string.IsNullOrEmpty(secret))
            {
                return null;
            }

            return username == "<token>"
                ? new RegistryCredential(null, null, secret)
                : new RegistryCredential(username, secret, null);
        }
        catch (JsonException)
        {
            // Never echo the output: it may hold the secret.
            throw Failed(helper, host, "printed something that is not the expected JSON {\"Username\",\"Secret\"}");
        }
    }

    private static RegistryCredential? NotFoundOrFail(string helper, string host, int exitCode, string output, string errors)
    {
        var said = (output + " " + errors).Trim();
        if (said.Contains(NotFoundMessage, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // A failing helper prints an error message, not credentials; still keep it short.
        var shown = said.Length > 200 ? said[..200] + "..." : said;
        throw Failed(helper, host, $"exited with code {exitCode}{(shown.Length > 0 ? ": " + shown : string.Empty)}");
    }

    private static ImageRollException Failed(string helper, string host, string what) =>
        new(RegistryErrors.CredentialHelperFailed, FailureKind.OperationFailed,
            $"Credential helper 'docker-credential-{helper}' {what} when asked for registry {host}.",
            $"Check that docker-credential-{helper} works and holds a login for {RegistryHosts.HelperServerName(host)} "
            + $"(docker login {host}), or set IMAGEROLL_REGISTRY_USERNAME and IMAGEROLL_REGISTRY_PASSWORD.");

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
