using System.Net;
using System.Net.Sockets;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Secrets;

/// <summary>
/// Two real registries (docker-registry, plain HTTP on 127.0.0.1) whose logins are sentinels: one with htpasswd Basic
/// auth (user <see cref="User"/>, password <see cref="Password"/>), one with the distribution token flow against
/// <see cref="SentinelTokenService"/> (the same login, or the identity token <see cref="IdentityToken"/>; the issued
/// bearer tokens are sentinels too). Started once per test class, stopped with it.
/// </summary>
public sealed class SentinelRegistries : IAsyncLifetime
{
    private readonly List<System.Diagnostics.Process> _processes = [];
    private string _dir = string.Empty;

    public string User { get; } = "sentinel-user";

    public Sentinel Password { get; } = Sentinel.New("registry-password");

    public Sentinel IdentityToken { get; } = Sentinel.New("identity-token", headerSafe: true);

    /// <summary>HOST:PORT of the htpasswd registry.</summary>
    public string Basic { get; private set; } = string.Empty;

    /// <summary>HOST:PORT of the token-auth registry.</summary>
    public string Token { get; private set; } = string.Empty;

    public SentinelTokenService TokenService { get; private set; } = null!;

    /// <summary>The secrets these registries know: the password, the identity token and every bearer token issued so far.</summary>
    public IEnumerable<Sentinel> Secrets => [Password, IdentityToken, .. TokenService.Issued.Select(t => Sentinel.Of("bearer-token", t))];

    public async ValueTask InitializeAsync()
    {
        _ = TestServices.Registry;
        Assert.SkipUnless(File.Exists("/usr/bin/docker-registry") && File.Exists("/usr/bin/htpasswd"), "docker-registry and htpasswd are needed (build/services.sh installs them)");
        _dir = Directory.CreateTempSubdirectory("imageroll-sentinel-registry-").FullName;
        var htpasswd = await ExternalTool.RunAsync("htpasswd", ["-iBn", User], stdin: Password.Value + "\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "htpasswd"), htpasswd.EnsureSuccess("htpasswd").Stdout);
        TokenService = await SentinelTokenService.StartAsync(User, Password.Value, IdentityToken.Value);
        await File.WriteAllTextAsync(Path.Combine(_dir, "issuer.pem"), TokenService.CertificatePem);

        Basic = await StartRegistryAsync("basic", $"""
            auth:
              htpasswd:
                realm: sentinel
                path: {_dir}/htpasswd
            """);
        Token = await StartRegistryAsync("token", $"""
            auth:
              token:
                realm: {TokenService.Realm}
                service: {SentinelTokenService.Service}
                issuer: {SentinelTokenService.Issuer}
                rootcertbundle: {_dir}/issuer.pem
            """);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        if (TokenService is not null)
        {
            await TokenService.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Leftover blobs of a stopped registry are harmless.
        }
    }

    private async Task<string> StartRegistryAsync(string name, string auth)
    {
        var port = FreePort();
        var config = Path.Combine(_dir, name + ".yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: info
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {_dir}/{name}-data
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            {auth}
            """);
        var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/docker-registry", ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = System.Diagnostics.Process.Start(psi)!;
        // distribution's registry.go ListenAndServe logs "listening on ADDR" (info) once the socket is bound: wait for
        // that line (or the process ending) instead of polling the port.
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException($"the {name} registry exited before it listened"));
            }
            else if (e.Data.Contains("listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);

        await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/v2/"));
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"the {name} registry answered {(int)response.StatusCode} on /v2/, not 401");
        return $"127.0.0.1:{port}";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
