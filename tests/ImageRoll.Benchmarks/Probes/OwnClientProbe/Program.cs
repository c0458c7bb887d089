using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;

// OwnClientProbe SCENARIO KUBECONFIG NAME [RESOURCEVERSION]: the same work as KubernetesClientProbe, through
// ImageRoll's own client. Prints one line: "ok ..." or "fail ...".
var (scenario, kubeconfig, name) = (args[0], args[1], args[2]);
const string Ns = "default";
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
var ct = timeout.Token;
try
{
    using var api = KubeClientFactory.Create(new KubeConnectionOptions(kubeconfig), Environment.GetEnvironmentVariable);
    switch (scenario)
    {
        case "get":
            var d = await api.GetAsync<Deployment>(ResourceKind.Deployments, Ns, name, ct);
            Console.WriteLine($"ok resourceVersion {d.Metadata.ResourceVersion}");
            break;
        case "status":
            // What `imageroll status deployment/NAME` asks (the simulator's request log): the namespace's
            // deployments, pods and replicasets, then the events of a pod.
            var deployments = await api.ListAsync<Deployment>(ResourceKind.Deployments, Ns, null, ct);
            var pods = await api.ListAsync<Pod>(ResourceKind.Pods, Ns, null, ct);
            var replicaSets = await api.ListAsync<ReplicaSet>(ResourceKind.ReplicaSets, Ns, null, ct);
            var events = await api.ListAsync<KubeEvent>(ResourceKind.Events, Ns, new ListOptions(FieldSelector: $"involvedObject.name={name}"), ct);
            Console.WriteLine($"ok {deployments.Items.Count} deployments, {pods.Items.Count} pods, {replicaSets.Items.Count} replicasets, {events.Items.Count} events");
            break;
        case "watch":
            var seen = 0;
            await foreach (var e in api.WatchAsync<Deployment>(ResourceKind.Deployments, Ns, new WatchOptions(ResourceVersion: args[3]), ct))
            {
                seen++;
                if (e.Object?.Metadata.Name == name)
                {
                    Console.WriteLine($"ok relisted after 410: {e.Type} {name}");
                    return 0;
                }
            }

            Console.WriteLine($"fail the watch ended after {seen} events without {name}");
            return 1;
        case "instantiate":
            var dc = await api.PostSubresourceAsync<DeploymentConfig>(ResourceKind.DeploymentConfigs, Ns, name, "instantiate", new DeploymentRequest { Name = name }, ct);
            Console.WriteLine($"ok latestVersion {dc.Status.LatestVersion}");
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
