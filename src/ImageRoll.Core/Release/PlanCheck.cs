namespace ImageRoll.Release;

/// <summary>
/// One read-only check of the plan: credentials for the registry, the stream exists, a trigger parses and follows
/// the tag, a permission (SelfSubjectAccessReview). A failed check carries the IR code the real run would stop with.
/// </summary>
public sealed record PlanCheck(string Name, bool Passed, string Message, string? Code = null);
