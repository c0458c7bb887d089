using ImageRoll.Images;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Registry;
using ImageRoll.Release;
using ImageRoll.Rollouts;
using ImageRoll.Util;

namespace ImageRoll.Tasks.Binding;

/// <summary>
/// Binds the <c>ImageRoll*</c> properties once, for every task: parses each value, checks the combinations, and
/// collects every problem (not only the first) as an IR5xxx error naming the property, its value and the fix.
/// Nothing here touches the network; paths are checked to exist. The release runs only when this found nothing.
/// </summary>
public sealed partial class ReleasePropertyBinder
{
    /// <summary>The default of ImageRollTimeout: the engine's one default deadline.</summary>
    public static readonly string DefaultTimeout = GoDuration.Format(RolloutFollowOptions.DefaultTimeout);

    private readonly ReleaseProperties _p;
    private readonly IPropertyLocator _locator;
    private readonly List<TaskError> _errors = [];
    private readonly string _projectDirectory;

    public ReleasePropertyBinder(ReleaseProperties properties, IPropertyLocator locator)
    {
        _p = properties ?? throw new ArgumentNullException(nameof(properties));
        _locator = locator ?? throw new ArgumentNullException(nameof(locator));
        _projectDirectory = Path.GetDirectoryName(Path.GetFullPath(properties.ProjectFile)) ?? Environment.CurrentDirectory;
    }

    public IReadOnlyList<TaskError> Errors => _errors;

    /// <summary>The bound release, or null when <see cref="Errors"/> says why not.</summary>
    public BoundRelease? Bind()
    {
        foreach (var secret in _p.SecretProperties)
        {
            Fail(TaskErrors.SecretProperty, secret,
                $"{secret} is set, but ImageRoll takes no secret from MSBuild properties: they are written to build logs and binlogs.",
                "Remove it and put the secret in the environment (IMAGEROLL_REGISTRY_USERNAME/IMAGEROLL_REGISTRY_PASSWORD, DOTNET_CONTAINER_PUSH_REGISTRY_UNAME/PWORD) or a credential store (docker login, the kubeconfig).");
        }

        var builder = Builder();
        var trigger = Trigger();
        var timeout = Duration("ImageRollTimeout", _p.Timeout, DefaultTimeout);
        TimeSpan? grace = string.IsNullOrWhiteSpace(_p.GracePeriod) ? null : Duration("ImageRollGracePeriod", _p.GracePeriod, null);
        var rollback = Boolean("ImageRollRollbackOnFailure", _p.RollbackOnFailure, false);
        var dryRun = Boolean("ImageRollDryRun", _p.DryRun, false);
        var wait = Boolean("ImageRollWait", _p.Wait, true);
        var createStream = Boolean("ImageRollCreateStream", _p.CreateStream, false);
        var referencePolicy = Choice("ImageRollReferencePolicy", _p.ReferencePolicy, "Source", "Source", "Local");
        var importMode = Choice("ImageRollImportMode", _p.ImportMode, "Legacy", "Legacy", "PreserveOriginal");
        var ns = NamespaceValue();
        var stream = StreamTag();
        var workloads = Workloads();
        var container = ContainerName();
        var insecure = InsecureRegistries();
        var ca = ExistingPath("ImageRollRegistryCa", _p.RegistryCa, file: true, "a PEM file of CA certificates");
        var kubeconfig = ExistingPath("ImageRollKubeconfig", _p.Kubeconfig, file: true, "a kubeconfig file");

        var toCluster = ClusterRegistry();
        if (toCluster && stream is null && _errors.All(e => e.Code != TaskErrors.BadImageStream))
        {
            Fail(TaskErrors.ClusterRegistryConflict, "ImageRollImageStream",
                "ImageRollRegistry is cluster but ImageRollImageStream is not set: the image stream tag is the repository and tag pushed to (HOST/NAMESPACE/STREAM:TAG).",
                "Set ImageRollImageStream to the STREAM:TAG to push to (for example <ImageRollImageStream>web:latest</ImageRollImageStream>), or leave ImageRollRegistry out to push where ContainerRegistry says.");
        }
        else if (stream is null && workloads.Count == 0 && _errors.All(e => e.Code != TaskErrors.BadImageStream && e.Code != TaskErrors.BadWorkload))
        {
            Fail(TaskErrors.NothingToRelease, "ImageRollImageStream",
                "ImageRollEnabled is true but neither ImageRollImageStream nor an ImageRollWorkload item says what to release to.",
                "Set ImageRollImageStream to the image stream tag the workloads follow (for example <ImageRollImageStream>web:latest</ImageRollImageStream>), or add <ImageRollWorkload Include=\"deployment/web\" /> items.");
        }
        else if (stream is null && trigger == TriggerMode.Wait && workloads.Count > 0 && IsSet(_p.Trigger))
        {
            Fail(TaskErrors.WaitNeedsStream, "ImageRollTrigger",
                "ImageRollTrigger is 'wait' but ImageRollImageStream is not set: without an image stream tag no trigger will change the workloads.",
                "Set ImageRollImageStream to the STREAM:TAG the workloads' triggers follow, or set ImageRollTrigger to patch to set the container image directly.");
        }

        // Plain Kubernetes (no stream): the image is set on the workloads directly, which is patch mode whatever the default says.
        if (stream is null && !IsSet(_p.Trigger))
        {
            trigger = TriggerMode.Patch;
        }

        var (image, source) = toCluster ? ClusterImageAndSource(builder, dryRun, stream, ns) : ImageAndSource(builder, dryRun);
        if (_errors.Count > 0 || image is null || source is null)
        {
            return null;
        }

        var options = new ReleaseOptions
        {
            Image = image,
            Source = source,
            ClusterRegistry = toCluster,
            StreamTag = stream,
            Workloads = workloads,
            Trigger = trigger,
            Namespace = ns,
            Timeout = timeout,
            GracePeriod = grace,
            Wait = wait,
            RollbackOnFailure = rollback,
            DryRun = dryRun,
            Container = container,
            ReferencePolicy = referencePolicy,
            ImportMode = importMode,
            CreateStream = createStream,
            WorkingDirectory = _projectDirectory,
        };
        return new BoundRelease(options, builder)
        {
            Kubeconfig = kubeconfig,
            Context = Trimmed(_p.Context),
            InsecureRegistries = insecure,
            RegistryCa = ca,
        };
    }

    private static bool IsSet(string? value) => !string.IsNullOrWhiteSpace(value);

    private static string? Trimmed(string? value) => IsSet(value) ? value!.Trim() : null;

    private BuilderKind Builder()
    {
        switch (Trimmed(_p.Builder)?.ToLowerInvariant())
        {
            case null or "sdk":
                return BuilderKind.Sdk;
            case "dockerfile":
                return BuilderKind.Dockerfile;
            case "existing":
                return BuilderKind.Existing;
            default:
                Fail(TaskErrors.BadBuilder, "ImageRollBuilder", $"ImageRollBuilder '{_p.Builder}' is not a builder ImageRoll knows.",
                    "Use sdk (the SDK's PublishContainer, the default), dockerfile (ImageRollDockerfile through the Docker Engine) or existing (ImageRollImage, already pushed).");
                return BuilderKind.Sdk;
        }
    }

    /// <summary>ImageRollRegistry: unset (the image's own registry) or cluster (docs/openshift-native.md).</summary>
    private bool ClusterRegistry()
    {
        var value = Trimmed(_p.Registry);
        if (value is null)
        {
            return false;
        }

        if (string.Equals(value, "cluster", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        Fail(TaskErrors.BadRegistry, "ImageRollRegistry", $"ImageRollRegistry '{value}' is not a registry ImageRoll knows: its one value is cluster.",
            "Set ImageRollRegistry to cluster to push to the cluster's integrated registry with the kubeconfig's token, or leave it out and name the registry with ContainerRegistry (sdk builder) or ImageRollImage (dockerfile, existing).");
        return false;
    }

    private TriggerMode Trigger()
    {
        switch (Trimmed(_p.Trigger)?.ToLowerInvariant())
        {
            case null or "wait":
                return TriggerMode.Wait;
            case "patch":
                return TriggerMode.Patch;
            default:
                Fail(TaskErrors.BadTrigger, "ImageRollTrigger", $"ImageRollTrigger '{_p.Trigger}' is not wait or patch.",
                    "Use wait (the cluster's image trigger rolls out the new image; ImageRoll follows) or patch (ImageRoll makes the trigger's change itself).");
                return TriggerMode.Wait;
        }
    }

    private TimeSpan Duration(string property, string? text, string? fallback)
    {
        var value = Trimmed(text) ?? fallback ?? string.Empty;
        if (GoDuration.TryParse(value, out var duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        Fail(TaskErrors.BadDuration, property, $"{property} '{text}' is not a positive duration.",
            $"Write it as kubectl does: a number with a unit, for example <{property}>90s</{property}>, 5m or 1h30m.");
        return RolloutFollowOptions.DefaultTimeout;
    }

    private bool Boolean(string property, string? text, bool fallback)
    {
        var value = Trimmed(text);
        if (value is null)
        {
            return fallback;
        }

        // MSBuild's own words for booleans (ConversionUtilities: true/on/yes, false/off/no, each negated by '!'), so a
        // value means here what it means in the targets' conditions.
        var negated = value.StartsWith('!');
        var word = (negated ? value[1..] : value).ToLowerInvariant();
        if (word is "true" or "on" or "yes" or "false" or "off" or "no")
        {
            return (word is "true" or "on" or "yes") != negated;
        }

        Fail(TaskErrors.BadBoolean, property, $"{property} '{text}' is not true or false.", $"Set <{property}>true</{property}> or false (or leave it out: {fallback.ToString().ToLowerInvariant()}).");
        return fallback;
    }

    private string Choice(string property, string? text, string fallback, params string[] allowed)
    {
        var value = Trimmed(text);
        if (value is null)
        {
            return fallback;
        }

        var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return match;
        }

        Fail(TaskErrors.BadChoice, property, $"{property} '{text}' is not one of {string.Join(", ", allowed)}.", $"Set {property} to {string.Join(" or ", allowed)} (default {fallback}).");
        return fallback;
    }

    private string? ExistingPath(string property, string? text, bool file, string what)
    {
        var value = Trimmed(text);
        if (value is null)
        {
            return null;
        }

        var full = Path.GetFullPath(value, _projectDirectory);
        if (file ? File.Exists(full) : Directory.Exists(full))
        {
            return full;
        }

        Fail(TaskErrors.PathNotFound, property, $"{property} '{value}' does not exist (looked at {full}).",
            $"Set {property} to {what}; a relative path is taken from the project's folder.");
        return null;
    }

    private void Fail(string code, string property, string message, string hint)
    {
        var location = _locator.Find(property);
        if (_locator.IsGlobal(property))
        {
            message += " (set on the command line)";
        }

        _errors.Add(new TaskError(code, message, hint, location));
    }

    private void FailAt(string code, SourceLocation? location, string message, string hint) => _errors.Add(new TaskError(code, message, hint, location));

    private string? NamespaceValue()
    {
        var value = Trimmed(_p.Namespace);
        if (value is null || NamespacePattern().IsMatch(value))
        {
            return value;
        }

        Fail(TaskErrors.BadNamespace, "ImageRollNamespace", $"ImageRollNamespace '{value}' is not a valid namespace name.",
            "Namespaces are lower-case DNS labels: letters, digits and '-', at most 63 characters, for example my-team.");
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial System.Text.RegularExpressions.Regex NamespacePattern();

    private StreamTagRef? StreamTag()
    {
        var value = Trimmed(_p.ImageStream);
        if (value is null)
        {
            return null;
        }

        try
        {
            return StreamTagRef.Parse(value);
        }
        catch (ImageRollException ex)
        {
            Fail(TaskErrors.BadImageStream, "ImageRollImageStream", $"ImageRollImageStream: {ex.Message}", ex.Hint ?? "Write STREAM:TAG, for example web:latest.");
            return null;
        }
    }

    private List<WorkloadRef> Workloads()
    {
        var list = new List<WorkloadRef>();
        foreach (var item in _p.Workloads)
        {
            try
            {
                var ns = Trimmed(item.Namespace);
                list.Add(WorkloadRef.Parse(item.Spec.Trim(), ns));
            }
            catch (ImageRollException ex)
            {
                FailAt(TaskErrors.BadWorkload, ItemLocation(item), $"ImageRollWorkload '{item.Spec}': {ex.Message}",
                    ex.Hint ?? "Write KIND/NAME, for example <ImageRollWorkload Include=\"deployment/web\" />.");
            }
        }

        return list;
    }

    private SourceLocation ItemLocation(WorkloadItem item)
    {
        var file = string.IsNullOrEmpty(item.DefiningFile) ? _p.ProjectFile : item.DefiningFile;
        try
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains("ImageRollWorkload", StringComparison.Ordinal) && lines[i].Contains(item.Spec, StringComparison.Ordinal))
                {
                    return new SourceLocation(file, i + 1);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No line then: the file alone still helps.
        }

        return new SourceLocation(file);
    }

    private string? ContainerName()
    {
        var value = Trimmed(_p.Container);
        if (value is null || NamespacePattern().IsMatch(value))
        {
            return value;
        }

        Fail(TaskErrors.BadContainer, "ImageRollContainer", $"ImageRollContainer '{value}' is not a valid container name.",
            "Name a container of the workloads' pod template as Kubernetes spells it: lower-case letters, digits and '-', for example web.");
        return null;
    }

    private List<string> InsecureRegistries()
    {
        var list = new List<string>();
        foreach (var entry in (_p.InsecureRegistries ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                RegistryHostPolicy.Validate(entry);
                list.Add(entry);
            }
            catch (ImageRollException)
            {
                Fail(TaskErrors.BadInsecureRegistry, "ImageRollInsecureRegistries", $"ImageRollInsecureRegistries entry '{entry}' is not HOST or HOST:PORT.",
                    "List registry hosts as image references name them, separated by ';', for example 127.0.0.1:5000;registry.local.");
            }
        }

        return list;
    }
}
