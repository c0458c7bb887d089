using ImageRoll.Docker;
using ImageRoll.Images;
using ImageRoll.Images.Archives;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Registry;
using ImageRoll.Registry.Credentials;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Release;

/// <summary>
/// One release in progress: its options and services, the ONE deadline (a token source on the services' clock,
/// linked with the caller's token), what each step produced so far, and the per-workload state the result is made
/// of. The steps read and write it in order; only the observer may be called from other threads.
/// </summary>
internal sealed class ReleaseRun : IAsyncDisposable
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(24);
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _linked;
    private readonly List<ReleaseStepResult> _steps = [];
    private readonly List<ReleaseWarning> _warnings = [];
    private readonly List<WorkloadRef> _order = [];
    private readonly Dictionary<WorkloadRef, WorkloadRelease> _workloads = [];
    private RegistrySession? _ownRegistry;
    private IRegistryCredentialProvider? _credentials;

    public ReleaseRun(ReleaseOptions options, ReleaseServices services, IReleaseObserver observer, CancellationToken caller)
    {
        Options = options;
        Services = services;
        Observer = observer;
        Caller = caller;
        Started = services.Time.GetUtcNow();

        // Timers take at most ~49 days; a longer timeout is no different from 24 days in practice.
        var timeout = options.Timeout > MaxTimeout ? MaxTimeout : options.Timeout;
        Deadline = timeout > TimeSpan.Zero ? Started + timeout : DateTimeOffset.MaxValue;
        _deadline = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : Timeout.InfiniteTimeSpan, services.Time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _deadline.Token);
        Logger = services.LoggerFactory.CreateLogger("ImageRoll.Release");
        Image = ToClusterRegistry && StreamTag is { } tag ? ReleaseOptions.ClusterRegistryImage(tag, Namespace) : options.Image;
        Registry = services.Registry;
    }

    /// <summary>Where the image goes (or is): <see cref="ReleaseOptions.Image"/>, or the integrated registry's reference once the plan found it.</summary>
    public ImageReference Image { get; set; }

    /// <summary>The registry session of the image step: the face's, or one with the cluster's token for the integrated registry.</summary>
    public RegistrySession Registry { get; private set; }

    /// <summary>Whether the plan found the stream (null: not looked at, or could not be read).</summary>
    public bool? StreamExists { get; set; }

    /// <summary>
    /// Whether the image goes to the destination cluster's integrated registry: <see cref="ReleaseOptions.ClusterRegistry"/>,
    /// or a promotion from another cluster (its image is copied there).
    /// </summary>
    public bool ToClusterRegistry => Options.ClusterRegistry || (Options.Source is PromotionSource && Services.SourceKube is not null);

    /// <summary>The promotion's source as the plan read it (<see cref="PromotionSource"/>).</summary>
    public PlannedPromotion? Promotion { get; set; }

    /// <summary>
    /// From now on the run's registry session logs in to <paramref name="hosts"/> with the cluster's own bearer token
    /// (<see cref="OpenShift.IntegratedRegistry.ClusterTokenCredentials"/>), every other host as before; the session
    /// is the run's own, disposed with it.
    /// </summary>
    public void AddClusterLogin(Kubernetes.IKubeCredentials cluster, IReadOnlyCollection<string> hosts)
    {
        _credentials = new OpenShift.IntegratedRegistry.ClusterTokenCredentials(cluster, hosts, _credentials ?? Services.Registry.Options.Credentials);
        _ownRegistry?.Dispose();
        _ownRegistry = new RegistrySession(Services.Registry.Options with { Credentials = _credentials });
        Registry = _ownRegistry;
    }

    public ReleaseOptions Options { get; }

    public ReleaseServices Services { get; }

    public IReleaseObserver Observer { get; }

    public ILogger Logger { get; }

    public IKubeApi Kube => Services.Kube;

    public TimeProvider Time => Services.Time;

    public CancellationToken Caller { get; }

    /// <summary>Cancelled at the deadline or by the caller: every step runs under it.</summary>
    public CancellationToken Token => _linked.Token;

    public bool DeadlinePassed => _deadline.IsCancellationRequested;

    public DateTimeOffset Started { get; }

    public DateTimeOffset Deadline { get; }

    /// <summary>Time left until the deadline: never negative, and at most a day (timers take no more).</summary>
    public TimeSpan Remaining => Deadline == DateTimeOffset.MaxValue ? TimeSpan.FromDays(1) : Max(Deadline - Time.GetUtcNow(), TimeSpan.Zero);

    public ReleaseStep? CurrentStep { get; private set; }

    /// <summary>The namespace of the workloads (and of the stream, unless the stream tag names another).</summary>
    public string Namespace => Options.Namespace ?? Kube.DefaultNamespace;

    /// <summary>The stream tag with its namespace filled in; null on plain Kubernetes.</summary>
    public StreamTagRef? StreamTag => Options.StreamTag is { } t ? t with { Namespace = t.Namespace ?? Namespace } : null;

    public ReleasePlan? Plan { get; set; }

    /// <summary>The platform the stream's spec tag asks a Legacy import to keep of an index (its prefer-os/prefer-arch annotations), read by the plan.</summary>
    public (string? Os, string? Architecture) ImportPreference { get; set; }

    public IReadOnlyList<ReleaseTarget> Targets { get; set; } = [];

    /// <summary>The opened archive (archive source), kept from the plan to the push.</summary>
    public IImageSource? Archive { get; set; }

    /// <summary>The Docker daemon (Dockerfile source), negotiated by the plan.</summary>
    public IDockerEngine? Docker { get; set; }

    /// <summary>Known before the image step for an existing image (resolved) or an archive (its manifest's digest).</summary>
    public string? PlannedDigestReference { get; set; }

    public string? DigestReference { get; set; }

    public TagResult? Tag { get; set; }

    public string? PullSpec { get; set; }

    public List<TriggerOutcome> Outcomes { get; } = [];

    public IReadOnlyList<WorkloadRelease> Workloads => _order.Select(w => _workloads[w]).ToList();

    public IReadOnlyList<ReleaseStepResult> Steps => _steps;

    public IReadOnlyList<ReleaseWarning> Warnings => _warnings;

    public TimeSpan Elapsed => Time.GetUtcNow() - Started;

    /// <summary>Runs one step: tells the observer it started, times it, records and reports how it finished.</summary>
    public Task<T> StepAsync<T>(ReleaseStep step, string description, Func<CancellationToken, Task<(T Value, string Summary)>> body) =>
        StepAsync(step, description, body, _ => true);

    /// <summary>As <see cref="StepAsync{T}(ReleaseStep, string, Func{CancellationToken, Task{ValueTuple{T, string}}})"/>; <paramref name="succeeded"/> judges a value that is not a success (a plan with a failed check).</summary>
    public async Task<T> StepAsync<T>(ReleaseStep step, string description, Func<CancellationToken, Task<(T Value, string Summary)>> body, Func<T, bool> succeeded)
    {
        CurrentStep = step;
        Observer.StepStarted(step, description);
        var started = Time.GetUtcNow();
        try
        {
            var (value, summary) = await body(Token).ConfigureAwait(false);
            Finish(new ReleaseStepResult(step, succeeded(value), Time.GetUtcNow() - started, summary));
            return value;
        }
        catch (ImageRollException ex)
        {
            Finish(new ReleaseStepResult(step, false, Time.GetUtcNow() - started, $"{ex.Code}: {FirstLine(ex.Message)}"));
            throw;
        }
        catch (OperationCanceledException)
        {
            var why = Caller.IsCancellationRequested ? "cancelled" : DeadlinePassed ? "timed out" : "stopped";
            Finish(new ReleaseStepResult(step, false, Time.GetUtcNow() - started, why));
            throw;
        }
    }

    /// <summary>Records a finished step that was decided without running it (a failed plan keeps its own result).</summary>
    public void Finish(ReleaseStepResult result)
    {
        _steps.Add(result);
        Observer.StepFinished(result);
    }

    /// <summary>Names the step an error that is raised now belongs to (the rollout's failure after its rollback).</summary>
    public void Blame(ReleaseStep step) => CurrentStep = step;

    public void Warn(string code, string message)
    {
        _warnings.Add(new ReleaseWarning(code, message));
        Observer.Warning(code, message);
    }

    public void Track(WorkloadRelease release, WorkloadRef key)
    {
        if (!_workloads.ContainsKey(key))
        {
            _order.Add(key);
        }

        _workloads[key] = release;
    }

    public WorkloadRelease? Find(WorkloadRef key) => _workloads.TryGetValue(key, out var w) ? w : null;

    public void Update(WorkloadRef key, Func<WorkloadRelease, WorkloadRelease> change)
    {
        if (_workloads.TryGetValue(key, out var w))
        {
            _workloads[key] = change(w);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Archive is not null)
        {
            await Archive.DisposeAsync().ConfigureAwait(false);
        }

        (Docker as IDisposable)?.Dispose();
        _ownRegistry?.Dispose();
        _linked.Dispose();
        _deadline.Dispose();
    }

    internal static string FirstLine(string text)
    {
        var nl = text.IndexOfAny(['\r', '\n']);
        return nl < 0 ? text : text[..nl];
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
