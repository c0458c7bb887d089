using System.Collections.Concurrent;
using System.Text;

namespace ImageRoll.IntegrationTests.Secrets;

/// <summary>
/// Watches /proc while a run is in progress and keeps the command line of every process descended from this test
/// process (the SDK's <c>dotnet publish</c> and its MSBuild nodes, credential helpers, exec plugins): what
/// <c>ps</c> or any other user on the machine could read while they ran. Polls until disposed.
/// </summary>
public sealed class ChildCommandLines : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, string> _seen = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly int _root = Environment.ProcessId;

    private ChildCommandLines()
    {
        _loop = Task.Run(PollAsync);
    }

    /// <summary>pid to command line (arguments joined by spaces) of every descendant seen.</summary>
    public IReadOnlyDictionary<int, string> Seen => _seen;

    public static ChildCommandLines Start()
    {
        Assert.SkipUnless(Directory.Exists("/proc/self"), "reading child command lines needs /proc (Linux)");
        return new ChildCommandLines();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Scan();
        _stop.Dispose();
    }

    private async Task PollAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Scan();
            try
            {
                await Task.Delay(15, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Scan()
    {
        // Walk down from this process through /proc/PID/task/TID/children (a child is listed under the thread that
        // started it), so only the tree under the test process is read.
        var queue = new Queue<int>([_root]);
        var visited = new HashSet<int>();
        while (queue.Count > 0)
        {
            var pid = queue.Dequeue();
            if (!visited.Add(pid))
            {
                continue;
            }

            foreach (var child in Children(pid))
            {
                if (Read($"/proc/{child}/cmdline") is { Length: > 0 } raw)
                {
                    _seen[child] = Encoding.UTF8.GetString(raw).TrimEnd('\0').Replace('\0', ' ');
                }

                queue.Enqueue(child);
            }
        }
    }

    private static IEnumerable<int> Children(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var task in tasks)
        {
            if (Read(Path.Combine(task, "children")) is not { Length: > 0 } raw)
            {
                continue;
            }

            foreach (var field in Encoding.ASCII.GetString(raw).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(field, out var child))
                {
                    yield return child;
                }
            }
        }
    }

    private static byte[]? Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
