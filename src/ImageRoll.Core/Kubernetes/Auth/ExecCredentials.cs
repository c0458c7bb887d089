using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageRoll.Kubernetes;

/// <summary>
/// A client-go credential plugin (client.authentication.k8s.io v1 and v1beta1;
/// staging/src/k8s.io/client-go/plugin/pkg/client/auth/exec/exec.go): runs the command with the configured args and
/// env plus KUBERNETES_EXEC_INFO, never interactively (stdin is closed), and caches what it returns until
/// status.expirationTimestamp (forever if none) or until a 401 invalidates it.
/// </summary>
internal sealed class ExecCredentials : IKubeCredentials
{
    private readonly ExecConfig _exec;
    private readonly string _user;
    private readonly string _source;
    private readonly ExecClusterInfo _cluster;
    private readonly Func<DateTimeOffset> _now;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (KubeAuth Auth, DateTimeOffset? Expires)? _cached;

    public ExecCredentials(ExecConfig exec, string user, string source, ExecClusterInfo cluster, Func<DateTimeOffset>? now = null)
    {
        _exec = exec;
        _user = user;
        _source = source;
        _cluster = cluster;
        _now = now ?? (() => DateTimeOffset.UtcNow);
        Validate();
    }

    public string Description => $"exec plugin '{Path.GetFileName(_exec.Command)}'";

    private string Field => $"users[{_user}].exec";

    public async ValueTask<KubeAuth> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } c && (c.Expires is null || _now() < c.Expires))
            {
                return c.Auth;
            }

            var result = await RunAsync(cancellationToken).ConfigureAwait(false);
            _cached = result;
            return result.Auth;
        }
        finally
        {
            _gate.Release();
        }
    }

    public bool Invalidate()
    {
        _gate.Wait();
        try
        {
            _cached = null;
        }
        finally
        {
            _gate.Release();
        }

        return true;
    }

    private void Validate()
    {
        if (string.IsNullOrWhiteSpace(_exec.Command))
        {
            throw Config($"{Field}.command in {_source} is not set.", $"Set {Field}.command to the credential plugin to run.");
        }

        if (_exec.ApiVersion is not ("client.authentication.k8s.io/v1" or "client.authentication.k8s.io/v1beta1"))
        {
            throw Config($"{Field}.apiVersion in {_source} is '{_exec.ApiVersion}'; ImageRoll (like kubectl) supports client.authentication.k8s.io/v1 and v1beta1.",
                "Set apiVersion: client.authentication.k8s.io/v1 (or upgrade the plugin; v1alpha1 was removed in Kubernetes 1.24).");
        }

        if (_exec.ApiVersion.EndsWith("/v1", StringComparison.Ordinal) && string.IsNullOrEmpty(_exec.InteractiveMode))
        {
            throw Config($"interactiveMode must be specified for {Field} in {_source} to use exec authentication plugin (apiVersion v1).",
                "Set interactiveMode: Never (or IfAvailable).");
        }

        if (_exec.InteractiveMode == "Always")
        {
            throw Config($"{Field}.interactiveMode in {_source} is Always, but ImageRoll runs credential plugins without a terminal.",
                "Set interactiveMode: Never or IfAvailable, and log in beforehand so the plugin needs no input.");
        }
    }

    private static ImageRollException Config(string message, string hint) => new(KubeconfigErrors.BadExecConfig, FailureKind.BadInput, message, hint);

    private async Task<(KubeAuth Auth, DateTimeOffset? Expires)> RunAsync(CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(_exec.Command!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in _exec.Args ?? [])
        {
            psi.ArgumentList.Add(arg);
        }

        // The plugin gets this process's environment, as client-go gives it (plugin/pkg/client/auth/exec/exec.go
        // refreshCredsLocked: os.Environ() plus the kubeconfig's env), less ImageRoll's registry login.
        Registry.Credentials.DefaultRegistryCredentialProvider.WithholdFrom(psi.Environment);
        foreach (var e in _exec.Env ?? [])
        {
            if (!string.IsNullOrEmpty(e.Name))
            {
                psi.Environment[e.Name] = e.Value ?? string.Empty;
            }
        }

        psi.Environment["KUBERNETES_EXEC_INFO"] = ExecInfo();
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception("the process did not start");
        }
        catch (Win32Exception ex)
        {
            var hint = string.IsNullOrWhiteSpace(_exec.InstallHint)
                ? $"Install '{_exec.Command}' or put it on PATH; it is the credential plugin {Field} in {_source} runs."
                : KubeErrors.OneLine(_exec.InstallHint)!;
            throw new ImageRollException(KubeconfigErrors.ExecPluginNotRunnable, FailureKind.BadInput,
                $"The credential plugin '{_exec.Command}' ({Field}.command in {_source}) {(File.Exists(_exec.Command) ? "cannot be run" : "was not found")}: {ex.Message}", hint, ex);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdoutTask = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderrTask = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var stdout = await stdoutTask.ConfigureAwait(false);
            var stderr = await stderrTask.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                var last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
                throw new ImageRollException(KubeconfigErrors.ExecPluginFailed, FailureKind.BadInput,
                    $"The credential plugin '{_exec.Command}' ({Field} in {_source}) exited with code {process.ExitCode}: {last ?? "(no output on stderr)"}",
                    "Run the plugin yourself to see why; it usually needs a fresh login (e.g. aws sso login, gcloud auth login, oc login).");
            }

            return Parse(stdout);
        }
    }

    /// <summary>KUBERNETES_EXEC_INFO: the ExecCredential spec (interactive false; the cluster when provideClusterInfo).</summary>
    private string ExecInfo()
    {
        var spec = new JsonObject { ["interactive"] = false };
        if (_exec.ProvideClusterInfo)
        {
            var c = new JsonObject { ["server"] = _cluster.Server.AbsoluteUri.TrimEnd('/') };
            if (!string.IsNullOrEmpty(_cluster.Cluster.TlsServerName))
            {
                c["tls-server-name"] = _cluster.Cluster.TlsServerName;
            }

            if (_cluster.Cluster.InsecureSkipTlsVerify)
            {
                c["insecure-skip-tls-verify"] = true;
            }

            if (_cluster.CertificateAuthorityData is not null)
            {
                c["certificate-authority-data"] = Convert.ToBase64String(_cluster.CertificateAuthorityData);
            }

            if (!string.IsNullOrEmpty(_cluster.Cluster.ProxyUrl))
            {
                c["proxy-url"] = _cluster.Cluster.ProxyUrl;
            }

            spec["cluster"] = c;
        }

        return new JsonObject { ["kind"] = "ExecCredential", ["apiVersion"] = _exec.ApiVersion, ["spec"] = spec }.ToJsonString();
    }

    private (KubeAuth Auth, DateTimeOffset? Expires) Parse(string stdout)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(stdout);
        }
        catch (JsonException ex)
        {
            throw Output($"did not print an ExecCredential JSON document: {ex.Message}", ex);
        }

        if (root?["apiVersion"]?.GetValue<string>() is var version && version != _exec.ApiVersion)
        {
            throw Output($"returned apiVersion '{version}', but {Field}.apiVersion is '{_exec.ApiVersion}'", null);
        }

        var status = root?["status"] ?? throw Output("printed no status", null);
        var token = status["token"]?.GetValue<string>();
        var certData = status["clientCertificateData"]?.GetValue<string>();
        var keyData = status["clientKeyData"]?.GetValue<string>();
        DateTimeOffset? expires = status["expirationTimestamp"]?.GetValue<string>() is { } ts ? DateTimeOffset.Parse(ts, System.Globalization.CultureInfo.InvariantCulture) : null;
        X509Certificate2? certificate = null;
        if (!string.IsNullOrEmpty(certData) || !string.IsNullOrEmpty(keyData))
        {
            if (string.IsNullOrEmpty(certData) || string.IsNullOrEmpty(keyData))
            {
                throw Output("returned only one of status.clientCertificateData and status.clientKeyData", null);
            }

            certificate = KubePem.ClientCertificate(Encoding.ASCII.GetBytes(certData), Encoding.ASCII.GetBytes(keyData), $"the status of credential plugin {Field}", _source);
        }

        if (string.IsNullOrEmpty(token) && certificate is null)
        {
            throw Output("returned neither status.token nor status.clientCertificateData/clientKeyData", null);
        }

        var header = string.IsNullOrEmpty(token) ? null : new AuthenticationHeaderValue("Bearer", token);
        return (new KubeAuth(header, certificate), expires);
    }

    private ImageRollException Output(string what, Exception? inner) =>
        new(KubeconfigErrors.BadExecCredential, FailureKind.BadInput, $"The credential plugin '{_exec.Command}' ({Field} in {_source}) {what}.",
            "Check the plugin's version against the kubeconfig's apiVersion; run it yourself to see its output.", inner);
}
