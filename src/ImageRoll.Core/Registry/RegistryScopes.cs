namespace ImageRoll.Registry;

/// <summary>
/// Token scopes in the exact form of the distribution token spec (docs/spec/auth/scope.md) and Docker's client:
/// <c>repository:NAME:pull</c>, <c>repository:NAME:pull,push</c>. A cross-repository mount needs the push scope
/// of the target plus <c>repository:FROM:pull</c> of the source.
/// </summary>
public static class RegistryScopes
{
    public static string Pull(string repository) => $"repository:{repository}:pull";

    public static string Push(string repository) => $"repository:{repository}:pull,push";
}
