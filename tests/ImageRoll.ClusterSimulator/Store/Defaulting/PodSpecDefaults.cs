using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Store.Defaulting;

/// <summary>Pod spec defaults of k8s.io/kubernetes pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec, _Container, _Probe...).</summary>
internal static class PodSpecDefaults
{
    public static void Apply(JsonObject? spec, string restartPolicy = "Always")
    {
        if (spec is null)
        {
            return;
        }

        Defaults.Set(spec, "restartPolicy", restartPolicy);
        Defaults.Set(spec, "terminationGracePeriodSeconds", 30);
        Defaults.Set(spec, "dnsPolicy", "ClusterFirst");
        Defaults.Set(spec, "securityContext", new JsonObject());
        Defaults.Set(spec, "schedulerName", "default-scheduler");
        foreach (var list in new[] { "initContainers", "containers" })
        {
            foreach (var container in (spec[list] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                Container(container);
            }
        }
    }

    private static void Container(JsonObject container)
    {
        Defaults.Set(container, "resources", new JsonObject());
        Defaults.Set(container, "terminationMessagePath", "/dev/termination-log");
        Defaults.Set(container, "terminationMessagePolicy", "File");
        Defaults.Set(container, "imagePullPolicy", PullPolicy(Meta.Str(container["image"]) ?? ""));
        foreach (var port in (container["ports"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            Defaults.Set(port, "protocol", "TCP");
        }

        Probes(container);
    }

    /// <summary>
    /// SetDefaults_Probe and SetDefaults_HTTPGetAction, for a pod's containers and a workload template's alike (the
    /// defaulter walks every Probe in the object): what <c>kubectl describe</c> prints as
    /// <c>http-get http://:8080/ delay=0s timeout=1s period=10s #success=1 #failure=3</c>.
    /// </summary>
    internal static void Probes(JsonObject container)
    {
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (container[probe] is JsonObject p)
            {
                Defaults.Set(p, "timeoutSeconds", 1);
                Defaults.Set(p, "periodSeconds", 10);
                Defaults.Set(p, "successThreshold", 1);
                Defaults.Set(p, "failureThreshold", 3);
                if (p["httpGet"] is JsonObject get)
                {
                    Defaults.Set(get, "path", "/");
                    Defaults.Set(get, "scheme", "HTTP");
                }
            }
        }
    }

    /// <summary>
    /// Always for ":latest" or no tag (ParseImageName defaults the tag to latest), else IfNotPresent; an image that
    /// does not parse (the " " placeholder) gets IfNotPresent (SetDefaults_Container ignores the parse error).
    /// </summary>
    private static string PullPolicy(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal) || image.Length == 0 || image.Any(char.IsWhiteSpace))
        {
            return "IfNotPresent";
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        var tag = colon < 0 ? "" : image[(colon + 1)..];
        return tag.Length == 0 || tag == "latest" ? "Always" : "IfNotPresent";
    }
}
