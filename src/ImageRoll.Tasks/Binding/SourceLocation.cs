namespace ImageRoll.Tasks.Binding;

/// <summary>A file and line (0: unknown) that MSBuild prints in front of an error so an editor can jump there.</summary>
public sealed record SourceLocation(string File, int Line = 0);
