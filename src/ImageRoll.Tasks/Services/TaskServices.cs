using ImageRoll.Docker;
using ImageRoll.Kubernetes;
using ImageRoll.Registry;
using ImageRoll.Registry.Credentials;
using ImageRoll.Release;
using ImageRoll.Tasks.Binding;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Tasks.Services;

/// <summary>
/// Makes what a release talks to from the bound properties: the cluster client (kubeconfig and context as kubectl
/// resolves them), the registry session (insecure hosts, CA bundle; credentials from the environment and credential
/// stores only), and, for a Dockerfile, the Docker Engine from DOCKER_HOST. Nothing secret ever passes through MSBuild.
/// </summary>
public sealed class TaskServices : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private Lazy<DockerEngineClient>? _docker;

    private TaskServices(ReleaseServices services)
    {
        Services = services;
    }

    public ReleaseServices Services { get; }

    /// <summary>Throws IR3xxx for an unusable kubeconfig and IR1xxx for a bad CA bundle (both bad input).</summary>
    public static TaskServices Create(BoundRelease bound, ILoggerFactory loggerFactory, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(bound);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var kube = KubeClientFactory.Create(new KubeConnectionOptions(bound.Kubeconfig, bound.Context, bound.Options.Namespace),
            environment, loggerFactory.CreateLogger("ImageRoll.Kubernetes"));
        IRegistryCredentialProvider credentials = new DefaultRegistryCredentialProvider(environment, loggerFactory.CreateLogger("ImageRoll.Registry.Credentials"));
        // The SDK's push credentials are for the registry it pushed to; with ImageRollRegistry=cluster it pushed nowhere.
        if (bound.Builder == BuilderKind.Sdk && !bound.Options.ClusterRegistry)
        {
            credentials = new FirstCredentialProvider(credentials, new SdkEnvironmentCredentialProvider(bound.Options.Image.Registry, environment));
        }

        RegistrySession registry;
        try
        {
            registry = new RegistrySession(new RegistryClientOptions
            {
                InsecureRegistries = bound.InsecureRegistries,
                CaBundlePath = bound.RegistryCa,
                Credentials = credentials,
                LoggerFactory = loggerFactory,
            });
        }
        catch
        {
            kube.Dispose();
            throw;
        }

        Lazy<DockerEngineClient>? docker = bound.Builder == BuilderKind.Dockerfile
            ? new(() => new DockerEngineClient(DockerConnectionOptions.FromEnvironment(environment), loggerFactory.CreateLogger("ImageRoll.Docker")))
            : null;
        var result = new TaskServices(new ReleaseServices
        {
            Kube = kube,
            Registry = registry,
            Docker = docker is null ? null : () => docker.Value,
            LoggerFactory = loggerFactory,
            Environment = environment,
        });
        result._owned.Add(kube);
        result._owned.Add(registry);
        result._docker = docker;
        return result;
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        if (_docker is { IsValueCreated: true })
        {
            _docker.Value.Dispose();
        }
    }
}
