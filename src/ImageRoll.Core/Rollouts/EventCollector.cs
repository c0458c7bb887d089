using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Rollouts;

/// <summary>
/// The latest relevant Events of one object, as <c>kubectl describe</c> lists them: fetched with the field selector
/// <c>involvedObject.name=NAME</c>, keeping pull failures, back-offs, probe failures and scheduling failures.
/// </summary>
internal static class EventCollector
{
    private const int MaxEvents = 5;

    private static readonly HashSet<string> Relevant = new(StringComparer.Ordinal)
    {
        "Failed", "BackOff", "Unhealthy", "FailedScheduling", "FailedCreate", "FailedMount", "InspectFailed", "ErrImageNeverPull",
    };

    public static async Task<IReadOnlyList<RolloutEventEvidence>> CollectAsync(IKubeApi api, string ns, string name, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var list = await api.ListAsync<KubeEvent>(ResourceKind.Events, ns, new ListOptions(FieldSelector: $"involvedObject.name={name}"), cancellationToken).ConfigureAwait(false);
            return list.Items
                .Where(e => e.InvolvedObject.Name == name && (e.Type == "Warning" || (e.Reason is { } r && Relevant.Contains(r))))
                .OrderByDescending(e => e.When ?? DateTimeOffset.MinValue)
                .Take(MaxEvents)
                .Select(e => new RolloutEventEvidence(e.Type, e.Reason, e.Message, e.Count ?? 1, e.When, $"{e.InvolvedObject.Kind?.ToLowerInvariant()}/{e.InvolvedObject.Name}"))
                .ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("cannot list the events of {Name} in {Namespace}: {Message}", name, ns, ex.Message);
            return [];
        }
    }
}
