namespace ImageRoll.OpenShift.Triggers;

/// <summary>
/// A parsed <c>containers[SEL].image</c> / <c>initContainers[SEL].image</c> reference: SEL is an index or exactly
/// <c>?(@.name=="NAME")</c> (library-go annotations.go findContainerBySelector: no whitespace, double quotes only).
/// </summary>
public sealed record ContainerSelector(bool Init, int? Index, string? Name)
{
    public string ListName => Init ? "initContainers" : "containers";

    public override string ToString() => Index is { } i ? $"{ListName}[{i}]" : $"{ListName}[?(@.name==\"{Name}\")]";
}
