using ImageRoll.Build;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.Registry;

namespace ImageRoll.IntegrationTests.Build;

/// <summary>The production digest probe over a registry session that treats the plain-HTTP test registry as insecure.</summary>
public static class TestRegistry
{
    private static readonly Lazy<RegistrySession> Session = new(() => new RegistrySession(new RegistryClientOptions
    {
        InsecureRegistries = [TestServices.Registry],
    }));

    public static RegistryDigestProbe Probe() => new(Session.Value);
}
