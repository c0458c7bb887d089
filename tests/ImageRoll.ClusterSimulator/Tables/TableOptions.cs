namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>
/// A request for the Table form: the meta.k8s.io version asked for (v1, or v1beta1 from older clients) and
/// <c>includeObject</c> (None, Metadata: the default, Object).
/// </summary>
public sealed record TableOptions(string Version, string IncludeObject)
{
    public string ApiVersion => "meta.k8s.io/" + Version;
}
