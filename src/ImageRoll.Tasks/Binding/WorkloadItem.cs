namespace ImageRoll.Tasks.Binding;

/// <summary>An <c>ImageRollWorkload</c> item: <c>KIND/NAME</c>, its optional <c>Namespace</c> metadata, and the file that defined it.</summary>
public sealed record WorkloadItem(string Spec, string? Namespace = null, string? DefiningFile = null);
