namespace ImageRoll.Core.Tests.Samples;

/// <summary>
/// One <c>imageroll</c> command line as a file shows it: <paramref name="Source"/> is <c>FILE:LINE</c>,
/// <paramref name="Text"/> the command from its first word (<c>imageroll</c>, <c>.tools/imageroll</c>, ...) with
/// continuation lines kept, <paramref name="Kind"/> where it was found (a shell line, a workflow's run script, a
/// Jenkinsfile sh step).
/// </summary>
public sealed record CommandExample(string Source, string Text, string Kind)
{
    public override string ToString() => $"{Source} ({Kind}): {Text.ReplaceLineEndings(" ")}";
}
