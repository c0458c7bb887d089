using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace ImageRoll.Docker;

/// <summary>
/// Reads the Engine API's progress stream: JSON objects, each written by moby's streamformatter followed by "\r\n".
/// A line that is not JSON is surfaced as a <see cref="DockerJsonMessage.Stream"/> message rather than dropped, so
/// nothing the daemon said is lost from the log.
/// </summary>
public static class DockerJsonStream
{
    public static async IAsyncEnumerable<DockerJsonMessage> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return Parse(line);
        }
    }

    public static DockerJsonMessage Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            return JsonSerializer.Deserialize(line, DockerJsonContext.Default.DockerJsonMessage) ?? new DockerJsonMessage { Stream = line };
        }
        catch (JsonException)
        {
            return new DockerJsonMessage { Stream = line + "\n" };
        }
    }
}
