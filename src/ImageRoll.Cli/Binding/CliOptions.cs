using System.CommandLine;

namespace ImageRoll.Cli.Binding;

/// <summary>
/// Every option of the <c>imageroll</c> command line, defined once. Commands add the ones that apply to them (so
/// <c>--help</c> lists exactly those); <see cref="CommandBinder"/> turns them into typed values, also reading
/// <c>IMAGEROLL_*</c> variables and <c>imageroll.yaml</c> (<see cref="Settings"/>). Values are kept as text here and
/// parsed in the binder, so a bad value is reported with the IR code of its kind and the source it came from.
/// </summary>
public static class CliOptions
{
    public static readonly Option<string?> Output = new("--output", "-o")
    {
        Description = "text: results on stdout, progress on stderr; json: one JSON document on stdout.",
        Recursive = true,
    };

    public static readonly Option<string?> Verbosity = new("--verbosity", "-v")
    {
        Description = "How much to log on stderr: q, m, n, d or diag.",
        Recursive = true,
    };

    /// <summary>Every command's deadline, the same meaning everywhere (recursive on the root).</summary>
    public static readonly Option<string?> Timeout = new("--timeout")
    {
        Description = $"The longest the whole command may take, as kubectl writes durations: 90s, 5m, 1h30m (default {CommandBinder.DefaultTimeoutText}).",
        Recursive = true,
    };

    public static readonly Option<string[]> InsecureRegistry = new("--insecure-registry")
    {
        Description = "HOST[:PORT] of a registry reached over plain HTTP or unverified TLS; a bare HOST matches any port. Repeatable.",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<string?> RegistryCa = new("--registry-ca")
    {
        Description = "A PEM file of CA certificates to trust for registries, in addition to the system's.",
    };

    public static readonly Option<string?> Kubeconfig = new("--kubeconfig")
    {
        Description = "Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then in-cluster).",
    };

    /// <summary>The kubeconfig context on the single-step cluster commands (kubectl's <c>--context</c>).</summary>
    public static readonly Option<string?> KubeContext = new("--context", "--kube-context")
    {
        Description = "The kubeconfig context to use.",
    };

    /// <summary><c>release</c> uses <c>--context</c> for the Dockerfile's build context, so the kubeconfig context is <c>--kube-context</c> there (as in helm).</summary>
    public static readonly Option<string?> ReleaseKubeContext = new("--kube-context")
    {
        Description = "The kubeconfig context to use.",
    };

    public static readonly Option<string?> Namespace = new("--namespace", "-n")
    {
        Description = "The namespace (default: the context's, then 'default').",
    };

    public static readonly Option<string?> GracePeriod = new("--grace-period")
    {
        Description = "How long a new pod may stay in ImagePullBackOff, CrashLoopBackOff, ... or unready before the rollout fails (default 60s; at most half of --timeout).",
    };

    public static readonly Option<bool> RollbackOnFailure = new("--rollback-on-failure")
    {
        Description = "When a rollout fails or times out, roll the workload back to its previous revision (pointing the image stream tag back first) and follow the rollback, within the same --timeout.",
    };

    public static readonly Option<bool> NoWait = new("--no-wait")
    {
        Description = "Do not follow the rollout after the trigger step.",
    };

    public static readonly Option<string?> Trigger = new("--trigger")
    {
        Description = "wait (default): let the cluster's trigger controllers change the workloads; patch: make their change yourself.",
    };

    public static readonly Option<string?> TriggerGrace = new("--trigger-grace")
    {
        Description = "wait mode: how long the controller gets before ImageRoll reports why nothing happened (default 60s).",
    };

    public static readonly Option<bool> IgnorePaused = new("--ignore-paused")
    {
        Description = "patch mode: set the image even where the trigger (or the DeploymentConfig) is paused.",
    };

    /// <summary>The container that gets the image (rollout --image, release patch mode without a trigger).</summary>
    public static readonly Option<string?> Container = new("--container")
    {
        Description = "The container that gets the image where no trigger names one (default: the only one).",
    };

    public static readonly Option<string?> ReferencePolicy = new("--reference-policy")
    {
        Description = "Source (default): consumers pull from the source registry; Local: through the integrated registry.",
    };

    public static readonly Option<string?> ImportMode = new("--import-mode")
    {
        Description = "Legacy (default): keep one platform's manifest of a multi-arch index; PreserveOriginal: keep the index.",
    };

    public static readonly Option<bool> CreateStream = new("--create-stream")
    {
        Description = "Create the image stream when it does not exist (otherwise that is an error).",
    };

    public static readonly Option<string?> Project = new("--project")
    {
        Description = "The .NET project (file or folder) to build with the SDK's container publishing.",
    };

    public static readonly Option<string?> Dockerfile = new("--dockerfile", "-f")
    {
        Description = "The Dockerfile to build through the Docker Engine.",
    };

    /// <summary>The Dockerfile's build context (build, release).</summary>
    public static readonly Option<string?> BuildContext = new("--context")
    {
        Description = "The build context folder of --dockerfile (default: the Dockerfile's folder).",
    };

    public static readonly Option<string?> BaseImage = new("--base-image")
    {
        Description = "Base image: ContainerBaseImage for the SDK; build arg BASE_IMAGE for a Dockerfile.",
    };

    public static readonly Option<string[]> BuildArgs = new("--build-arg")
    {
        Description = "K=V build argument (K alone: from the environment). Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<string[]> Labels = new("--label")
    {
        Description = "K=V image label. Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<string?> Target = new("--target")
    {
        Description = "Dockerfile stage to build.",
    };

    public static readonly Option<bool> Pull = new("--pull")
    {
        Description = "Always pull a newer base image (Dockerfile builds).",
    };

    public static readonly Option<bool> NoCache = new("--no-cache")
    {
        Description = "Do not use the build cache (Dockerfile builds).",
    };

    public static readonly Option<string?> Configuration = new("--configuration", "-c")
    {
        Description = "Build configuration of --project (default Release).",
    };

    public static readonly Option<string[]> ExtraTags = new("--tag", "-t")
    {
        Description = "An extra tag to push the same manifest under. Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string?> ArchiveRef = new("--ref")
    {
        Description = "Which image of a multi-image archive: its ref name (org.opencontainers.image.ref.name) or RepoTag.",
    };

    /// <summary>release: the image to push (<c>REG/REPO[:TAG]</c>) or the existing one (<c>REG/REPO[:TAG|@sha256:D]</c>).</summary>
    public static readonly Option<string?> ReleaseImage = new("--image", "-i")
    {
        Description = "The image: where to push REG/REPO[:TAG] (with --project, --dockerfile or --archive), or the existing REG/REPO[:TAG|@sha256:D] to release.",
    };

    /// <summary>release: <c>cluster</c> pushes to the cluster's integrated registry with its own token (docs/openshift-native.md).</summary>
    public static readonly Option<string?> Registry = new("--registry")
    {
        Description = "cluster: push to the cluster's integrated registry (HOST/NAMESPACE/STREAM:TAG of --stream, the host found from the cluster) with the cluster's own token, instead of --image.",
    };

    public static readonly Option<string?> Stream = new("--stream")
    {
        Description = "The image stream tag to point at the digest: STREAM:TAG or NAMESPACE/STREAM:TAG. Without it: plain Kubernetes (patch the container image).",
    };

    public static readonly Option<string[]> Workload = new("--workload")
    {
        Description = "A workload to roll out: deployment/NAME, statefulset/NAME, daemonset/NAME, deploymentconfig/NAME. Repeatable; none: every workload whose trigger follows --stream.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string?> Archive = new("--archive")
    {
        Description = "An OCI image layout folder, OCI archive .tar or 'docker save' .tar to push.",
    };

    public static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Make and check the plan (read-only: credentials, stream, triggers, permissions), print it, change nothing.",
    };

    /// <summary>promote: the kubeconfig context of the destination cluster (the source is the current one).</summary>
    public static readonly Option<string?> ToContext = new("--to-context")
    {
        Description = "Promote into the cluster of this kubeconfig context (the image is copied into its integrated registry); the source is the current context.",
    };

    public static readonly Option<string?> Junit = new("--junit")
    {
        Description = "Write JUnit XML here: one test case per workload rollout, the evidence as failure text (Jenkins' junit step).",
    };

    public static readonly Option<string?> Report = new("--report")
    {
        Description = "Write the JSON result document here as well (the same document as --output json).",
    };

    /// <summary>The options of every command that reads or writes a registry.</summary>
    public static void AddRegistryOptions(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(InsecureRegistry);
        command.Options.Add(RegistryCa);
    }

    /// <summary>The options of every single-step command that talks to a cluster (release has its own kube context option).</summary>
    public static void AddClusterOptions(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Kubeconfig);
        command.Options.Add(KubeContext);
        command.Options.Add(Namespace);
    }
}
