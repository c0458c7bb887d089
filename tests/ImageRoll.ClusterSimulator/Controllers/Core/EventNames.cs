using System.Globalization;

namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>
/// Event names as client-go's recorder makes them (tools/record/event.go <c>makeEvent</c>:
/// <c>fmt.Sprintf("%v.%x", ref.Name, t.UnixNano())</c>). Kept strictly increasing within the process, so a list
/// (sorted by name, as etcd returns keys) shows events in the order they were recorded even within one second,
/// which is the order <c>kubectl describe</c> and <c>kubectl get events</c> fall back to for equal timestamps.
/// </summary>
public static class EventNames
{
    private static long _last;

    public static string Next(string objectName, DateTimeOffset now)
    {
        var nanos = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        long value;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _last);
            value = Math.Max(nanos, seen + 1);
        }
        while (Interlocked.CompareExchange(ref _last, value, seen) != seen);

        return objectName + "." + value.ToString("x", CultureInfo.InvariantCulture);
    }
}
