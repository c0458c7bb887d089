using ImageRoll.Kubernetes;

namespace ImageRoll.Core.Tests.Kubernetes;

internal static class KubeTestClients
{
    public static KubeClusterConfig Config(IKubeCredentials? credentials = null) =>
        new(new Uri("https://api.test:6443/"), "test-ctx", "team", "/tmp/kubeconfig", new KubeTlsSettings(), credentials ?? StaticCredentials.Bearer("secret-token"), "tester");

    public static KubeApiClient Create(FakeKubeHandler handler, IKubeCredentials? credentials = null, List<TimeSpan>? delays = null) =>
        new(Config(credentials), handler)
        {
            Delay = (d, _) =>
            {
                delays?.Add(d);
                return Task.CompletedTask;
            },
        };
}
