using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ImageRoll.Release.Json;

namespace ImageRoll.Release;

/// <summary>
/// The ONE JSON rendering of a <see cref="ReleaseResult"/>: the CLI's <c>--output json</c> and <c>--report</c>, the
/// MSBuild face and anyone else write exactly this document (docs/release.md, "The engine and the result
/// document"): camelCase names, enums as camelCase strings, durations as seconds (a number, to the millisecond),
/// absent values as <c>null</c>, indented, UTF-8 without a byte order mark.
/// </summary>
public static class ReleaseJson
{
    private static readonly ReleaseJsonContext Context = new(new JsonSerializerOptions(ReleaseJsonContext.Default.Options)
    {
        // Image references carry '+' and '@'; the default encoder would escape them for HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Serialize(ReleaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(result, Context.ReleaseResult);
    }

    public static async Task WriteAsync(Stream stream, ReleaseResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await JsonSerializer.SerializeAsync(stream, result, Context.ReleaseResult, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the document to a file (the CLI's <c>--report PATH</c>), replacing it.</summary>
    public static Task WriteFileAsync(string path, ReleaseResult result, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, Serialize(result) + "\n", new UTF8Encoding(false), cancellationToken);

    /// <summary>Reads a document back (a report of an earlier run); computed fields (exitCode, passed) are recomputed.</summary>
    public static ReleaseResult Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Context.ReleaseResult) ?? throw new JsonException("The release document is null.");
}
