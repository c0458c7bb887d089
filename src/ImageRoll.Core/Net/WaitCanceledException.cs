namespace ImageRoll.Net;

/// <summary>
/// The command's deadline (or the user) cancelled a network wait. <see cref="Exception.Message"/> says what was being
/// waited for and for how long, so the face can report more than "timed out".
/// </summary>
public sealed class WaitCanceledException(string message, Exception? inner, CancellationToken token)
    : OperationCanceledException(message, inner, token)
{
    /// <summary>The wait's description from an exception chain, or null when no network wait was cancelled.</summary>
    public static string? DescribeFrom(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is WaitCanceledException w)
            {
                return w.Message;
            }

            if (e is AggregateException a && a.InnerExceptions.Count > 0)
            {
                return a.InnerExceptions.Select(DescribeFrom).FirstOrDefault(d => d is not null);
            }
        }

        return null;
    }
}
