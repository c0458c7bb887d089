using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.RealCluster;

/// <summary>A namespace of one test on a real cluster, made and deleted with the real kubectl.</summary>
public sealed class E2eNamespace : IAsyncDisposable
{
    private readonly string _kubeconfig;
    private readonly string _home;

    private E2eNamespace(string kubeconfig, string name, string home)
    {
        _kubeconfig = kubeconfig;
        Name = name;
        _home = home;
    }

    public string Name { get; }

    /// <summary>The cluster options for imageroll: --kubeconfig and -n.</summary>
    public string[] Args => ["--kubeconfig", _kubeconfig, "-n", Name];

    public static async Task<E2eNamespace> CreateAsync(string kubeconfig)
    {
        var home = Directory.CreateTempSubdirectory("imageroll-e2e-kubectl-").FullName;
        var ns = new E2eNamespace(kubeconfig, $"imageroll-e2e-{Guid.NewGuid():N}"[..28], home);
        await ns.RunAsync(null, false, "create", "namespace", ns.Name);
        return ns;
    }

    public Task<string> KubectlAsync(params string[] args) => RunAsync(null, true, args);

    public Task<string> KubectlWithInputAsync(string stdin, params string[] args) => RunAsync(stdin, true, args);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExternalTool.RunAsync("/usr/bin/kubectl", ["--kubeconfig", _kubeconfig, "--cache-dir", Path.Combine(_home, "cache"), "delete", "namespace", Name, "--wait=false"], Env());
        }
        finally
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private Dictionary<string, string> Env() => new() { ["HOME"] = _home };

    private async Task<string> RunAsync(string? stdin, bool namespaced, params string[] args)
    {
        string[] prefix = namespaced
            ? ["--kubeconfig", _kubeconfig, "--cache-dir", Path.Combine(_home, "cache"), "-n", Name]
            : ["--kubeconfig", _kubeconfig, "--cache-dir", Path.Combine(_home, "cache")];
        var result = await ExternalTool.RunAsync("/usr/bin/kubectl", [.. prefix, .. args], Env(), stdin, timeout: TimeSpan.FromMinutes(2));
        return result.EnsureSuccess("kubectl " + string.Join(' ', args)).Stdout;
    }
}
