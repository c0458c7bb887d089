using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;

namespace ImageRoll.Core.Tests.Registry;

/// <summary>One request as the fake registry saw it.</summary>
public sealed record SeenRequest(string Method, Uri Uri, string? Authorization, string? ContentRange, int BodyLength);

/// <summary>
/// An in-memory registry behind a fake HttpMessageHandler: distribution 2.8's upload flow (POST -> 202 Location with
/// a query, PATCH -> new Location, PUT ?digest=), manifests, mounts, and Basic or Bearer auth. <see cref="Intercept"/>
/// injects faults before the normal handling.
/// </summary>
public sealed class FakeRegistry : HttpMessageHandler
{
    private int _uploadCounter;
    private int _tokenCounter;

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new();

    public ConcurrentDictionary<string, (byte[] Bytes, string MediaType)> Manifests { get; } = new();

    public ConcurrentDictionary<string, MemoryStream> Uploads { get; } = new();

    /// <summary>Return a response to short-circuit, or null to let the registry handle the request.</summary>
    public Func<HttpRequestMessage, int, HttpResponseMessage?>? Intercept { get; set; }

    public (string User, string Password)? BasicAuth { get; set; }

    /// <summary>Bearer mode: the realm's host serves tokens; tokens are "t1", "t2", ... .</summary>
    public string? BearerRealm { get; set; }

    public bool AcceptTokens { get; set; } = true;

    public bool RelativeLocations { get; set; } = true;

    public List<string> TokensIssued { get; } = [];

    public List<string> TokenQueries { get; } = [];

    public string? LastTokenForm { get; private set; }

    public static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    public IEnumerable<SeenRequest> Seen(string method, string pathContains) =>
        Requests.Where(r => r.Method == method && r.Uri.AbsolutePath.Contains(pathContains, StringComparison.Ordinal));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var range = request.Content?.Headers.TryGetValues("Content-Range", out var r) == true ? r.First() : null;
        Requests.Enqueue(new SeenRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), range, body.Length));
        if (Intercept?.Invoke(request, Requests.Count) is { } injected)
        {
            return injected;
        }

        var uri = request.RequestUri!;
        if (BearerRealm is not null && uri.GetLeftPart(UriPartial.Path) == BearerRealm)
        {
            return IssueToken(request, body);
        }

        if (!Authorized(request))
        {
            var challenge = BasicAuth is not null ? "Basic realm=\"fake\"" : $"Bearer realm=\"{BearerRealm}\",service=\"fake-registry\"";
            var denied = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}") };
            denied.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
            return denied;
        }

        return Handle(request, uri, body);
    }

    private bool Authorized(HttpRequestMessage request)
    {
        var auth = request.Headers.Authorization;
        if (BasicAuth is { } basic)
        {
            return auth?.Scheme == "Basic" && auth.Parameter == Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.User}:{basic.Password}"));
        }

        if (BearerRealm is not null)
        {
            return AcceptTokens && auth?.Scheme == "Bearer" && TokensIssued.Contains(auth.Parameter!);
        }

        return true;
    }

    private HttpResponseMessage IssueToken(HttpRequestMessage request, byte[] body)
    {
        if (request.Method == HttpMethod.Post)
        {
            LastTokenForm = Encoding.UTF8.GetString(body);
        }
        else
        {
            TokenQueries.Add(HttpUtility.UrlDecode(request.RequestUri!.Query.TrimStart('?')));
        }

        var token = "t" + Interlocked.Increment(ref _tokenCounter);
        lock (TokensIssued)
        {
            TokensIssued.Add(token);
        }

        var field = request.Method == HttpMethod.Post ? "access_token" : "token";
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($"{{\"{field}\":\"{token}\",\"expires_in\":300}}") };
    }

    private HttpResponseMessage Handle(HttpRequestMessage request, Uri uri, byte[] body)
    {
        var path = uri.AbsolutePath;
        var query = HttpUtility.ParseQueryString(uri.Query);
        if (path == "/v2/")
        {
            return new HttpResponseMessage(HttpStatusCode.OK);
        }

        var blobs = path.IndexOf("/blobs/", StringComparison.Ordinal);
        var manifests = path.IndexOf("/manifests/", StringComparison.Ordinal);
        if (path.Contains("/blobs/uploads/", StringComparison.Ordinal))
        {
            return HandleUpload(request.Method, uri, path, query, body);
        }

        if (blobs > 0)
        {
            var digest = path[(blobs + 7)..];
            if (!Blobs.TryGetValue(digest, out var blob))
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }

            return request.Method == HttpMethod.Head
                ? new HttpResponseMessage(HttpStatusCode.OK)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(blob) };
        }

        if (manifests > 0)
        {
            var key = path[5..manifests] + "@" + path[(manifests + 11)..];
            if (request.Method == HttpMethod.Put)
            {
                var digest = Digest(body);
                var mediaType = request.Content!.Headers.ContentType!.MediaType!;
                Manifests[key] = (body, mediaType);
                Manifests[path[5..manifests] + "@" + digest] = (body, mediaType);
                var created = new HttpResponseMessage(HttpStatusCode.Created);
                created.Headers.TryAddWithoutValidation("Docker-Content-Digest", digest);
                return created;
            }

            if (!Manifests.TryGetValue(key, out var m))
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(request.Method == HttpMethod.Head ? [] : m.Bytes) };
            response.Content.Headers.TryAddWithoutValidation("Content-Type", m.MediaType);
            response.Headers.TryAddWithoutValidation("Docker-Content-Digest", Digest(m.Bytes));
            return response;
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private HttpResponseMessage HandleUpload(HttpMethod method, Uri uri, string path, System.Collections.Specialized.NameValueCollection query, byte[] body)
    {
        var repo = path[4..path.IndexOf("/blobs/uploads/", StringComparison.Ordinal)];
        if (method == HttpMethod.Post)
        {
            if (query["mount"] is { } mount && Blobs.ContainsKey(mount))
            {
                return new HttpResponseMessage(HttpStatusCode.Created);
            }

            var id = "u" + Interlocked.Increment(ref _uploadCounter);
            Uploads[id] = new MemoryStream();
            return Accepted(uri, $"/v2/{repo}/blobs/uploads/{id}?_state=0");
        }

        var uploadId = path[(path.LastIndexOf('/') + 1)..];
        if (!Uploads.TryGetValue(uploadId, out var upload))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        upload.Write(body);
        if (method == HttpMethod.Patch)
        {
            return Accepted(uri, $"/v2/{repo}/blobs/uploads/{uploadId}?_state={upload.Length}");
        }

        var bytes = upload.ToArray();
        if (Digest(bytes) != query["digest"])
        {
            return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}") };
        }

        Blobs[query["digest"]!] = bytes;
        Uploads.TryRemove(uploadId, out _);
        return new HttpResponseMessage(HttpStatusCode.Created);
    }

    private HttpResponseMessage Accepted(Uri requestUri, string location)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Accepted);
        response.Headers.Location = RelativeLocations ? new Uri(location, UriKind.Relative) : new Uri(requestUri, location);
        return response;
    }
}
