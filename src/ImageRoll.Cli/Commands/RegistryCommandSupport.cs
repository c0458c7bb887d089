using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.Images;
using ImageRoll.Registry;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli.Commands;

/// <summary>What push, copy, resolve and build share: image arguments, progress lines, results.</summary>
internal static class RegistryCommandSupport
{
    public static IProgress<TransferProgress>? Progress(CommandContext context) =>
        context.LogLevel <= LogLevel.Information ? new StderrProgress(context.IO.Error) : null;

    /// <summary>Prints a push/copy result: text mode the digest reference as the only (last) stdout line.</summary>
    public static void WriteTransferResult(CommandContext context, string operation, ImageReference? source, TransferResult result)
    {
        var json = new JsonObject
        {
            ["status"] = "succeeded",
            ["operation"] = operation,
            ["digestReference"] = result.DigestReference,
            ["digest"] = result.Digest,
            ["mediaType"] = result.MediaType,
            ["tags"] = new JsonArray(result.Tags.Select(t => (JsonNode)t).ToArray()),
            ["blobs"] = new JsonObject { ["uploaded"] = result.BlobsUploaded, ["skipped"] = result.BlobsSkipped, ["mounted"] = result.BlobsMounted },
            ["bytesUploaded"] = result.BytesUploaded,
            ["childManifests"] = result.ChildManifests,
        };
        if (source is not null)
        {
            json["source"] = source.ToString();
        }

        context.WriteResult(json, result.DigestReference);
    }

    public static ImageReference ParseImage(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return ImageReference.Parse(text);
        }
        catch (ImageRollException ex)
        {
            throw new ImageRollException(ex.Code, ex.Kind, $"{what}: {ex.Message}", ex.Hint, ex);
        }
    }

    private sealed class StderrProgress(TextWriter error) : IProgress<TransferProgress>
    {
        private readonly object _gate = new();

        public void Report(TransferProgress value)
        {
            var verb = value.Outcome switch
            {
                BlobTransfer.Uploaded => "pushed ",
                BlobTransfer.Mounted => "mounted",
                _ => "exists ",
            };
            var line = string.Create(CultureInfo.InvariantCulture, $"  {verb} {value.Blob.Digest[..Math.Min(19, value.Blob.Digest.Length)]} {value.Blob.Size / 1048576.0,8:0.0} MB  [{value.BlobsDone}/{value.BlobsTotal}]");
            lock (_gate)
            {
                error.WriteLine(line);
            }
        }
    }
}
