using ImageRoll.Tasks.Binding;
using ImageRoll.Tasks.Logging;
using Microsoft.Build.Framework;

namespace ImageRoll.Tasks;

/// <summary>
/// What every ImageRoll task shares (the pattern of dotnet/sdk's CreateNewImage): <see cref="Execute"/> runs the async
/// core on the thread pool with a token that <see cref="Cancel"/> (Ctrl+C) trips, and returns
/// <c>!Log.HasLoggedErrors</c>. Anything the user can act on arrives as an <see cref="ImageRollException"/> and is
/// logged once with its IR code in MSBuild's Code field; anything else is a bug, reported as IR5099 without a stack
/// trace (which goes to the low-importance log). A cancelled task returns within <see cref="CancelGrace"/> even if a
/// request is still unwinding.
/// </summary>
public abstract class ImageRollTask : Microsoft.Build.Utilities.Task, ICancelableTask, IDisposable
{
    /// <summary>How long a cancelled task waits for the engine to wind down before it returns anyway.</summary>
    public static readonly TimeSpan CancelGrace = TimeSpan.FromMilliseconds(1500);

    private readonly CancellationTokenSource _cancel = new();
    private TaskLogSink? _sink;

    /// <summary>The task's log sink: coded errors, serialised writes, silent after the task returned.</summary>
    protected TaskLogSink Sink => _sink ??= new TaskLogSink(Log);

    /// <summary>The environment secrets and credential sources come from (tests replace it).</summary>
    internal Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    public void Cancel() => _cancel.Cancel();

    public override bool Execute()
    {
        var sink = Sink;
        try
        {
            var run = Task.Run(() => ExecuteAsync(_cancel.Token));
            WaitOrAbandon(run);
        }
        catch (ImageRollException ex)
        {
            sink.Error(TaskError.From(ex, DefaultLocation()));
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            sink.Message(MessageImportance.High, $"ImageRoll: {GetType().Name} cancelled.");
            if (!Log.HasLoggedErrors)
            {
                // MSBuild fails a cancelled build anyway; a task that returns false must have said why.
                sink.Error(new TaskError(TaskErrors.Cancelled, $"{GetType().Name} was cancelled.", null, DefaultLocation()));
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            sink.Message(MessageImportance.Low, ex.ToString());
            sink.Error(new TaskError(TaskErrors.Unexpected, $"{GetType().Name} failed unexpectedly: {ex.GetType().Name}: {ex.Message}",
                "This is a bug in ImageRoll: re-run with -v:diag and report the log (it holds no secrets).", DefaultLocation()));
        }
        finally
        {
            sink.Close();
        }

        return !Log.HasLoggedErrors;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cancel.Dispose();
        }
    }

    protected abstract Task ExecuteAsync(CancellationToken cancellationToken);

    /// <summary>Where an error points when it names no property: the project being built.</summary>
    protected SourceLocation? DefaultLocation() =>
        string.IsNullOrEmpty(BuildEngine?.ProjectFileOfTaskNode) ? null : new SourceLocation(BuildEngine.ProjectFileOfTaskNode);

    /// <summary>The names of this build's global properties (<c>-p:</c> on the command line).</summary>
    protected IEnumerable<string> GlobalPropertyNames() =>
        BuildEngine is IBuildEngine6 engine ? engine.GetGlobalProperties().Keys : [];

    private void WaitOrAbandon(Task run)
    {
        // Wait for the run or for Ctrl+C; after Ctrl+C give the engine CancelGrace to unwind, then return regardless.
        var index = Task.WaitAny([run, Task.Delay(Timeout.Infinite, _cancel.Token)]);
        if (index == 1 && !run.Wait(CancelGrace))
        {
            throw new OperationCanceledException(_cancel.Token);
        }

        run.GetAwaiter().GetResult();
    }
}
