using ImageRoll.Kubernetes;
using ImageRoll.Registry;
using ImageRoll.Registry.Credentials;
using ImageRoll.Rollouts;
using ImageRoll.Tasks.Logging;
using ImageRoll.Util;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Tasks.Steps;

/// <summary>
/// A single step of a release for pipelines that string their own targets together (ImageRollResolve, ImageRollTag,
/// ImageRollTrigger, ImageRollWait). Each runs one engine component under <see cref="Timeout"/> with the same
/// cluster and registry settings, credential sources, log bridge and coded errors as ImageRollRelease.
/// </summary>
public abstract partial class StepTaskBase : ImageRollTask
{
    private MSBuildLoggerFactory? _loggers;

    protected MSBuildLoggerFactory Loggers => _loggers ??= new MSBuildLoggerFactory(Sink);

    protected sealed override async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        var timeout = Duration(nameof(Timeout), Timeout) ?? RolloutFollowOptions.DefaultTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await RunStepAsync(timeout, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ImageRollException(TaskErrors.StepTimedOut, FailureKind.TimedOut, $"{GetType().Name} did not finish within Timeout {GoDuration.Format(timeout)}.",
                "Raise Timeout, or look at what the step waited for in the log (-v:n).");
        }
    }

    protected abstract Task RunStepAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>A positive duration, null when empty; IR5005 naming the parameter otherwise.</summary>
    protected static TimeSpan? Duration(string parameter, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return GoDuration.TryParse(text.Trim(), out var d) && d > TimeSpan.Zero
            ? d
            : throw new ImageRollException(TaskErrors.BadDuration, FailureKind.BadInput, $"{parameter} '{text}' is not a positive duration.",
                "Write it as kubectl does: a number with a unit, for example 90s, 5m or 1h30m.");
    }

    protected KubeApiClient CreateKube() =>
        KubeClientFactory.Create(new KubeConnectionOptions(NullIfEmpty(Kubeconfig), NullIfEmpty(Context), NullIfEmpty(Namespace)),
            Environment, Loggers.CreateLogger("ImageRoll.Kubernetes"));

    protected RegistrySession CreateRegistry() => new(new RegistryClientOptions
    {
        InsecureRegistries = (InsecureRegistries ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        CaBundlePath = NullIfEmpty(RegistryCa),
        Credentials = new DefaultRegistryCredentialProvider(Environment, Loggers.CreateLogger("ImageRoll.Registry.Credentials")),
        LoggerFactory = Loggers,
    });

    protected static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
