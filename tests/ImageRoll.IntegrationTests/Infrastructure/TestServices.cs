namespace ImageRoll.IntegrationTests.Infrastructure;

/// <summary>
/// The real services build/services.sh started, read from <c>.services/env</c> in the checkout. A test that needs a
/// service calls <see cref="Require"/>: under CI=true a missing service fails the test (never a skip); elsewhere
/// it is skipped with a message saying how to start it.
/// </summary>
public static class TestServices
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Values = new(Load);

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Plain-HTTP registry, HOST:PORT.</summary>
    public static string Registry => Require("REGISTRY");

    /// <summary>htpasswd + TLS registry, HOST:PORT.</summary>
    public static string AuthRegistry => Require("REGISTRY_AUTH");

    public static string AuthUser => Require("REGISTRY_AUTH_USER");

    public static string AuthPassword => Require("REGISTRY_AUTH_PASSWORD");

    /// <summary>PEM of the CA that signed the auth registry's certificate.</summary>
    public static string RegistryCa => Require("REGISTRY_CA");

    public static string DockerHostUnix => Require("DOCKER_HOST_UNIX");

    public static string DockerHostTcp => Require("DOCKER_HOST_TCP");

    public static string DockerCertPathTcp => Require("DOCKER_CERT_PATH_TCP");

    public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Get(string key) => Values.Value.TryGetValue(key, out var v) ? v : null;

    public static string Require(string key)
    {
        if (Get(key) is { Length: > 0 } value)
        {
            return value;
        }

        var message = $"The test service value {key} is missing from {Path.Combine(RepoRoot, ".services", "env")}: run 'build/services.sh start' (build/test.sh does).";
        if (IsCI)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return string.Empty;
    }

    private static Dictionary<string, string> Load()
    {
        var path = Path.Combine(RepoRoot, ".services", "env");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return values;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && !line.StartsWith('#'))
            {
                values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }

        return values;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tasks.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tasks.sln not found above " + AppContext.BaseDirectory);
    }
}
