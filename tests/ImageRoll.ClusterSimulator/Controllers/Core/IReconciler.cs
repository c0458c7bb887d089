namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>
/// A level-triggered controller body: each pass reads the whole state it cares about and moves it one step towards the
/// desired state, like a real controller's sync handler run over every key. The runner calls it after any change
/// in the store and when the time it asked for has come (readiness delays, back-offs, progress deadlines).
/// </summary>
public interface IReconciler
{
    /// <summary>The name <c>--disable-controller</c> takes.</summary>
    string Name { get; }

    /// <summary>One pass; returns how soon it wants another pass without any change (null: only on changes).</summary>
    TimeSpan? Reconcile(CancellationToken cancellationToken);
}
