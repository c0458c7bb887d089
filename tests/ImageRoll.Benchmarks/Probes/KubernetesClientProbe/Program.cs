using k8s;
using k8s.Models;

// KubernetesClientProbe SCENARIO KUBECONFIG NAME [RESOURCEVERSION]: the same work as OwnClientProbe, through
// KubernetesClient. Prints one line: "ok ..." or "fail ...".
var (scenario, kubeconfig, name) = (args[0], args[1], args[2]);
const string Ns = "default";
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
var ct = timeout.Token;
try
{
    var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
    using var client = new Kubernetes(config);
    switch (scenario)
    {
        case "get":
            var d = await client.AppsV1.ReadNamespacedDeploymentAsync(name, Ns, cancellationToken: ct);
            Console.WriteLine($"ok resourceVersion {d.Metadata.ResourceVersion}");
            break;
        case "status":
            var deployments = await client.AppsV1.ListNamespacedDeploymentAsync(Ns, cancellationToken: ct);
            var pods = await client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: ct);
            var replicaSets = await client.AppsV1.ListNamespacedReplicaSetAsync(Ns, cancellationToken: ct);
            var events = await client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: $"involvedObject.name={name}", cancellationToken: ct);
            Console.WriteLine($"ok {deployments.Items.Count} deployments, {pods.Items.Count} pods, {replicaSets.Items.Count} replicasets, {events.Items.Count} events");
            break;
        case "watch":
            var seen = 0;
            Exception? error = null;
            await foreach (var (type, item) in client.AppsV1.WatchListNamespacedDeploymentAsync(Ns, resourceVersion: args[3], onError: e => error ??= e, cancellationToken: ct))
            {
                seen++;
                if (type != WatchEventType.Error && item?.Metadata?.Name == name)
                {
                    Console.WriteLine($"ok relisted after 410: {type} {name}");
                    return 0;
                }

                if (type == WatchEventType.Error)
                {
                    Console.WriteLine($"fail the watch yielded an ERROR event and no relist (event {seen})");
                    return 1;
                }
            }

            Console.WriteLine($"fail the watch ended after {seen} events without {name}{(error is null ? ", silently" : $": {error.GetType().Name}: {error.Message}")}");
            return 1;
        case "instantiate":
            // No subresource POST in the typed or generic clients: the nearest call is a custom-object create
            // whose plural carries the subresource path.
            var request = new Dictionary<string, object> { ["kind"] = "DeploymentRequest", ["apiVersion"] = "apps.openshift.io/v1", ["name"] = name, ["latest"] = true, ["force"] = true };
            var result = await client.CustomObjects.CreateNamespacedCustomObjectAsync(request, "apps.openshift.io", "v1", Ns, $"deploymentconfigs/{name}/instantiate", cancellationToken: ct);
            var latest = result is System.Text.Json.JsonElement json && json.TryGetProperty("status", out var status) && status.TryGetProperty("latestVersion", out var v) ? v.ToString() : "(not found)";
            Console.WriteLine($"ok (a custom-object create whose plural is \"deploymentconfigs/{name}/instantiate\") latestVersion {latest}");
            break;
        default:
            Console.WriteLine($"fail unknown scenario {scenario}");
            return 2;
    }

    return 0;
}
catch (Exception ex)
{
    Console.WriteLine($"fail {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
    return 1;
}
