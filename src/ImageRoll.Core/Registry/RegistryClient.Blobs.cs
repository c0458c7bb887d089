using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Registry;

public sealed partial class RegistryClient
{
    private const int CopyBufferSize = 1024 * 1024;

    public Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellationToken) =>
        WithRetriesAsync($"the check for blob {digest}", async ct =>
        {
            using var response = await SendOnceAsync(b => new HttpRequestMessage(HttpMethod.Head, BlobUri(b, repository, digest)), [RegistryScopes.Pull(repository)], $"blob {repository}@{digest}", ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }

            return response.IsSuccessStatusCode ? true : throw await UnexpectedAsync(response, $"HEAD blob {repository}@{digest}", ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Cross-repository mount (<c>POST /v2/REPO/blobs/uploads/?mount=D&amp;from=FROM</c>): true on 201; false on 202,
    /// which is the registry declining (FROM does not have it, or no pull access to FROM) and starting an upload.
    /// </summary>
    public Task<bool> TryMountBlobAsync(string repository, string digest, string fromRepository, CancellationToken cancellationToken) =>
        WithRetriesAsync($"mounting blob {digest} from {fromRepository}", async ct =>
        {
            using var response = await SendOnceAsync(
                b => new HttpRequestMessage(HttpMethod.Post, new Uri(b, $"/v2/{repository}/blobs/uploads/?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(fromRepository)}")),
                [RegistryScopes.Push(repository), RegistryScopes.Pull(fromRepository)],
                $"mount into {repository}",
                ct).ConfigureAwait(false);
            return response.StatusCode switch
            {
                HttpStatusCode.Created => true,
                HttpStatusCode.Accepted => false,
                _ => throw await UnexpectedAsync(response, $"mount of {digest} into {repository} from {fromRepository}", ct).ConfigureAwait(false),
            };
        }, cancellationToken);

    /// <summary>Opens a blob for streaming (GET, following the registry's redirect to its storage).</summary>
    public Task<Stream> OpenBlobAsync(string repository, string digest, CancellationToken cancellationToken) =>
        WithRetriesAsync($"downloading blob {digest}", async ct =>
        {
            var response = await SendOnceAsync(b => new HttpRequestMessage(HttpMethod.Get, BlobUri(b, repository, digest)), [RegistryScopes.Pull(repository)], $"blob {repository}@{digest}", ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await UnexpectedAsync(response, $"GET blob {repository}@{digest}", ct).ConfigureAwait(false);
            }

            var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            return (Stream)new ResponseStream(stream, response);
        }, cancellationToken);

    /// <summary>
    /// Uploads a blob: POST a session, then one PUT with the body for small blobs, or PATCH chunks streamed from the
    /// source for large ones, always following the newest <c>Location</c>, and a final PUT with <c>digest</c>. Any
    /// transient failure restarts the whole upload from a new POST with a freshly opened source stream.
    /// </summary>
    public Task UploadBlobAsync(string repository, string digest, long size, Func<CancellationToken, Task<Stream>> openSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openSource);
        return WithRetriesAsync($"uploading blob {digest}", async ct =>
        {
            var location = await StartUploadAsync(repository, ct).ConfigureAwait(false);
            try
            {
                var source = await openSource(ct).ConfigureAwait(false);
                await using (source.ConfigureAwait(false))
                {
                    if (size <= _options.MonolithicUploadLimit)
                    {
                        await CompleteUploadAsync(repository, digest, location, new BoundedReadStream(source, size), size, ct).ConfigureAwait(false);
                        return;
                    }

                    for (long offset = 0; offset < size;)
                    {
                        var length = Math.Min(_options.ChunkSize, size - offset);
                        location = await PatchChunkAsync(repository, location, new BoundedReadStream(source, length), offset, length, ct).ConfigureAwait(false);
                        offset += length;
                    }

                    await CompleteUploadAsync(repository, digest, location, null, 0, ct).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not AuthRetryException)
            {
                await CancelUploadAsync(repository, location, ct).ConfigureAwait(false);
                throw;
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Best effort: ends an upload session that will not be completed (<c>DELETE</c> on its Location, distribution's
    /// CancelBlobUpload) so the registry does not keep the partial data until its purge. Bounded on its own (the
    /// command's token may be what ended the upload): 10 s, or 1.5 s once the command was cancelled.
    /// </summary>
    private async Task CancelUploadAsync(string repository, Uri location, CancellationToken commandToken)
    {
        using var bound = new CancellationTokenSource(commandToken.IsCancellationRequested ? TimeSpan.FromMilliseconds(1500) : TimeSpan.FromSeconds(10));
        try
        {
            using var response = await SendOnceAsync(_ => new HttpRequestMessage(HttpMethod.Delete, location), [RegistryScopes.Push(repository)], $"cancelling an upload to {repository}", bound.Token).ConfigureAwait(false);
            _log.LogDebug("Cancelled the upload session {Location}: {Status}", location.GetLeftPart(UriPartial.Path), (int)response.StatusCode);
        }
#pragma warning disable CA1031 // Best effort: the original failure is what the user needs to see.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _log.LogDebug("Could not cancel the upload session {Location}: {Message}", location.GetLeftPart(UriPartial.Path), ex.Message);
        }
    }

    internal static Uri AppendQuery(Uri uri, string key, string value)
    {
        // Distribution's Location already carries a query (_state=...): the digest is appended with '&'.
        var builder = new UriBuilder(uri);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length > 0 ? query + "&" : string.Empty) + key + "=" + Uri.EscapeDataString(value);
        return builder.Uri;
    }

    private static Uri BlobUri(Uri baseUri, string repository, string digest) => new(baseUri, $"/v2/{repository}/blobs/{digest}");

    private static Uri NextLocation(HttpResponseMessage response, Uri requestUri, string what)
    {
        var location = response.Headers.Location
            ?? throw new RetryableRegistryException($"{what}: {(int)response.StatusCode} without a Location header", null, connectionFailure: false);
        return location.IsAbsoluteUri ? location : new Uri(requestUri, location);
    }

    private static StreamContent OctetStream(Stream body, long length)
    {
        var content = new StreamContent(body, CopyBufferSize);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = length;
        return content;
    }

    private async Task<Uri> StartUploadAsync(string repository, CancellationToken cancellationToken)
    {
        Uri? requestUri = null;
        using var response = await SendOnceAsync(b =>
        {
            requestUri = new Uri(b, $"/v2/{repository}/blobs/uploads/");
            return new HttpRequestMessage(HttpMethod.Post, requestUri);
        }, [RegistryScopes.Push(repository)], $"upload to {repository}", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw await UnexpectedAsync(response, $"POST blob upload to {repository}", cancellationToken).ConfigureAwait(false);
        }

        return NextLocation(response, requestUri!, "POST blob upload");
    }

    private async Task<Uri> PatchChunkAsync(string repository, Uri location, Stream chunk, long offset, long length, CancellationToken cancellationToken)
    {
        using var response = await SendOnceAsync(_ =>
        {
            var content = OctetStream(chunk, length);
            content.Headers.TryAddWithoutValidation("Content-Range", string.Create(CultureInfo.InvariantCulture, $"{offset}-{offset + length - 1}"));
            return new HttpRequestMessage(HttpMethod.Patch, location) { Content = content };
        }, [RegistryScopes.Push(repository)], $"upload to {repository}", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            await ThrowUploadFailureAsync(response, $"PATCH of bytes {offset}-{offset + length - 1}", cancellationToken).ConfigureAwait(false);
        }

        _log.LogTrace("Uploaded bytes {Offset}-{End} to {Repository}", offset, offset + length - 1, repository);
        return NextLocation(response, location, "PATCH blob upload");
    }

    private async Task CompleteUploadAsync(string repository, string digest, Uri location, Stream? body, long length, CancellationToken cancellationToken)
    {
        var target = AppendQuery(location, "digest", digest);
        using var response = await SendOnceAsync(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, target);
            request.Content = body is null ? new ByteArrayContent([]) : OctetStream(body, length);
            if (body is null)
            {
                request.Content.Headers.ContentLength = 0;
            }

            return request;
        }, [RegistryScopes.Push(repository)], $"upload to {repository}", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created && !response.IsSuccessStatusCode)
        {
            await ThrowUploadFailureAsync(response, $"PUT of blob {digest}", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ThrowUploadFailureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);

        // 404 BLOB_UPLOAD_UNKNOWN (the session expired or the registry restarted) and 416 (offset disagreement):
        // start over from a new POST rather than guess where the registry's copy ends.
        if (status is HttpStatusCode.NotFound or HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new RetryableRegistryException($"{what}: {(int)status}{RegistryErrors.Describe(body)}", null, connectionFailure: false);
        }

        if (status == HttpStatusCode.BadRequest)
        {
            throw new ImageRollException(RegistryErrors.BlobRejected, FailureKind.OperationFailed,
                $"Registry {Host} rejected {what}{RegistryErrors.Describe(body)}.",
                "The blob's content does not match its digest or size: the archive is corrupt or was modified while pushing.");
        }

        throw RegistryErrors.Unexpected(Host, what, status, body);
    }
}
