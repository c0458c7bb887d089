using System.CommandLine;

namespace ImageRoll.Cli.Binding;

/// <summary>
/// Every key <c>imageroll.yaml</c> and the <c>IMAGEROLL_*</c> variables may set (docs/release.md, "Settings"): the
/// connection settings every command reads, and the options of <c>release</c>. Anything else in the file is an error.
/// </summary>
public static class SettingKeys
{
    public static readonly IReadOnlyList<SettingKey> All =
    [
        Shared("output", CliOptions.Output),
        Shared("verbosity", CliOptions.Verbosity),
        Shared("timeout", CliOptions.Timeout),
        Shared("insecure-registry", CliOptions.InsecureRegistry),
        Shared("registry-ca", CliOptions.RegistryCa),
        Shared("kubeconfig", CliOptions.Kubeconfig),
        Shared("kube-context", CliOptions.KubeContext, CliOptions.ReleaseKubeContext),
        Shared("namespace", CliOptions.Namespace),
        Release("image", CliOptions.ReleaseImage),
        Release("stream", CliOptions.Stream),
        Release("workload", CliOptions.Workload),
        Release("trigger", CliOptions.Trigger),
        Release("project", CliOptions.Project),
        Release("dockerfile", CliOptions.Dockerfile),
        Release("context", CliOptions.BuildContext),
        Release("archive", CliOptions.Archive),
        Release("ref", CliOptions.ArchiveRef),
        Release("base-image", CliOptions.BaseImage),
        Release("build-arg", CliOptions.BuildArgs) with { CommaSplits = false },
        Release("label", CliOptions.Labels) with { CommaSplits = false },
        Release("target", CliOptions.Target),
        Release("pull", CliOptions.Pull),
        Release("no-cache", CliOptions.NoCache),
        Release("configuration", CliOptions.Configuration),
        Release("tag", CliOptions.ExtraTags),
        Release("grace-period", CliOptions.GracePeriod),
        Release("trigger-grace", CliOptions.TriggerGrace),
        Release("ignore-paused", CliOptions.IgnorePaused),
        Release("container", CliOptions.Container),
        Release("reference-policy", CliOptions.ReferencePolicy),
        Release("import-mode", CliOptions.ImportMode),
        Release("create-stream", CliOptions.CreateStream),
        Release("rollback-on-failure", CliOptions.RollbackOnFailure),
        Release("no-wait", CliOptions.NoWait),
        Release("dry-run", CliOptions.DryRun),
        Release("junit", CliOptions.Junit),
        Release("report", CliOptions.Report),
        // No variable: IMAGEROLL_REGISTRY already names the one registry host IMAGEROLL_REGISTRY_USERNAME/PASSWORD apply
        // to (DefaultRegistryCredentialProvider, docs/images.md); read as --registry it would refuse every such CI setup.
        Release("registry", CliOptions.Registry) with { Variable = null },
    ];

    public static SettingKey? For(Option option) => All.FirstOrDefault(k => k.IsFor(option));

    public static SettingKey? Named(string key) => All.FirstOrDefault(k => k.Key == key);

    private static SettingKey Shared(string key, params Option[] options) => new(key, true, options);

    private static SettingKey Release(string key, params Option[] options) => new(key, false, options);
}
