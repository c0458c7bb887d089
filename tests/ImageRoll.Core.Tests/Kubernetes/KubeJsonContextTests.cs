using System.Text.Json;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;

namespace ImageRoll.Core.Tests.Kubernetes;

/// <summary>
/// KubeJson's source-generated metadata: every Kubernetes object type of the engine (and its list) is in
/// KubeJsonContext, so no call fails at run time for a missing type (there is no reflection fallback), and a
/// <c>null</c> list reads as an empty one.
/// </summary>
public sealed class KubeJsonContextTests
{
    public static TheoryData<Type> ObjectTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(KubeObject).Assembly.GetTypes().Where(t => typeof(KubeObject).IsAssignableFrom(t) && !t.IsAbstract).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ObjectTypes))]
    public void Every_object_type_and_its_list_has_generated_metadata(Type type)
    {
        Assert.NotNull(KubeJson.TypeInfo(type));
        Assert.NotNull(KubeJson.TypeInfo(typeof(KubeList<>).MakeGenericType(type)));
    }

    [Fact]
    public void A_type_outside_the_context_is_refused_not_reflected()
    {
        Assert.Throws<NotSupportedException>(() => KubeJson.TypeInfo(typeof(Uri)));
    }

    [Fact]
    public void Null_lists_read_as_empty_and_times_keep_the_api_server_format()
    {
        var pod = JsonSerializer.Deserialize("""
            {"kind":"Pod","metadata":{"name":"p","creationTimestamp":"2024-05-01T10:00:00Z"},
             "spec":{"containers":null,"initContainers":null},"status":{"containerStatuses":null}}
            """, KubeJson.TypeInfo<Pod>())!;
        var list = JsonSerializer.Deserialize("""{"metadata":{},"items":null}""", KubeJson.TypeInfo<KubeList<ImageStream>>())!;

        Assert.Empty(pod.Spec.Containers);
        Assert.Empty(pod.Spec.InitContainers);
        Assert.Empty(list.Items);
        Assert.Contains("\"creationTimestamp\":\"2024-05-01T10:00:00Z\"", JsonSerializer.Serialize(pod, KubeJson.TypeInfo<Pod>()), StringComparison.Ordinal);
    }
}
