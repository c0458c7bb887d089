namespace ImageRoll.Tasks.Tests.Infrastructure;

/// <summary>Test classes that build inside the test process: MSBuild's BuildManager runs one build at a time.</summary>
[CollectionDefinition(Name)]
public sealed class InProcessCollection
{
    public const string Name = "In-process MSBuild";
}
