using System.Runtime.InteropServices;

namespace ImageRoll.Cli;

/// <summary>
/// SIGINT and SIGTERM cancel the command's token instead of killing the process, so it stops its waits, writes its
/// result (exit 130, <c>error IR2099: Cancelled.</c>) and leaves nothing half-written. <see cref="GraceExpired"/>
/// completes <see cref="Grace"/> after the first signal: the host's last resort should a step not stop in time
/// (CI systems send SIGKILL a few seconds after SIGTERM).
/// </summary>
public sealed class SignalShutdown : IDisposable
{
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(1500);

    private readonly CancellationTokenSource _cancel;
    private readonly TaskCompletionSource _graceExpired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration[] _registrations;
    private int _signalled;

    public SignalShutdown(CancellationTokenSource cancel)
    {
        _cancel = cancel ?? throw new ArgumentNullException(nameof(cancel));
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    public Task GraceExpired => _graceExpired.Task;

    public void Dispose()
    {
        foreach (var r in _registrations)
        {
            r.Dispose();
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Exchange(ref _signalled, 1) == 1)
        {
            return;
        }

        _cancel.Cancel();
        _ = Task.Delay(Grace).ContinueWith(_ => _graceExpired.TrySetResult(), TaskScheduler.Default);
    }
}
