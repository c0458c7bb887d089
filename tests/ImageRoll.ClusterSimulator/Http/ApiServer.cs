using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using Microsoft.AspNetCore.Http;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// The request pipeline: record the request, authenticate, apply injected faults, then serve discovery, OpenAPI,
/// /version or a resource. Every error is a JSON Status, as kube-apiserver answers.
/// </summary>
public sealed class ApiServer
{
    internal static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SimulatorOptions _options;
    private readonly ResourceEndpoints _resources;

    public ApiServer(SimulatorOptions options, ObjectStore store, Authenticator authenticator, FaultInjector faults, RequestLog requests, CancellationToken stopping)
    {
        _options = options;
        Store = store;
        Authenticator = authenticator;
        Faults = faults;
        Requests = requests;
        _resources = new ResourceEndpoints(options, store, authenticator, stopping);
    }

    public ObjectStore Store { get; }

    public Authenticator Authenticator { get; }

    public FaultInjector Faults { get; }

    public RequestLog Requests { get; }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var user = Authenticator.Authenticate(request.Headers.Authorization.FirstOrDefault(), request.IsHttps, context.Connection.ClientCertificate);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Key == "Authorization" ? h.Value.ToString().Split(' ')[0] : h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var record = new RecordedRequest(request.Method, path + request.QueryString.Value, request.ContentType, body, user) { Headers = headers };
        Requests.Add(record);
        try
        {
            await DispatchAsync(context, path, body, user, record);
        }
        catch (ApiException e)
        {
            await WriteAsync(context, record, e.Code, e.ToStatus());
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            record.StatusCode = 499;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or System.Text.Json.JsonException or ArgumentException or KeyNotFoundException)
        {
            // A simulator bug or an input it cannot handle: answer like the real server's panic handler, with a Status.
            await Console.Error.WriteLineAsync($"sim: {record.Method} {record.PathAndQuery} failed: {e}");
            if (!context.Response.HasStarted)
            {
                await WriteAsync(context, record, 500, Status.Failure(500, "InternalError", $"Internal error occurred: {e.Message}"));
            }
        }

        if (_options.LogRequests)
        {
            await Console.Error.WriteLineAsync($"sim: {record.Method} {record.PathAndQuery} {record.StatusCode}");
        }
    }

    internal static async Task WriteAsync(HttpContext context, RecordedRequest record, int statusCode, JsonNode body)
    {
        record.StatusCode = statusCode;
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(Json), context.RequestAborted);
    }

    private async Task DispatchAsync(HttpContext context, string path, string body, string? user, RecordedRequest record)
    {
        var method = context.Request.Method;
        if (path is "/healthz" or "/livez" or "/readyz")
        {
            record.StatusCode = 200;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok", context.RequestAborted);
            return;
        }

        // kubectl's dispatcher reads /version before it knows which binary (and credentials) to use; the real
        // server lets system:unauthenticated read it (system:public-info-viewer).
        if (path == "/version")
        {
            await WriteAsync(context, record, 200, Discovery.Version());
            return;
        }

        if (user is null)
        {
            throw Authenticator.Unauthorized();
        }

        if (Faults.Match(method, path) is { } fault)
        {
            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var parsed = RequestParser.Parse(method, path, context.Request.Query);
            await WriteAsync(context, record, fault.StatusCode, FaultStatus.For(fault, parsed, user));
            return;
        }

        if (NonResource(path, context) is { } document)
        {
            await WriteAsync(context, record, 200, document);
            return;
        }

        var apiRequest = RequestParser.Parse(method, path, context.Request.Query)
            ?? throw new ApiException(404, "NotFound", "the server could not find the requested resource", new JsonObject());
        var node = BodyParser.Parse(body, context.Request.ContentType);
        apiRequest = apiRequest with
        {
            User = user,
            BodyNode = node,
            Body = node as JsonObject,
            ContentType = context.Request.ContentType,
        };
        Authenticator.Authorize(apiRequest);
        await _resources.ServeAsync(context, apiRequest, record);
    }

    private static JsonObject? NonResource(string path, HttpContext context)
    {
        var host = $"{context.Request.Host.Host}:{context.Request.Host.Port}";
        var trimmed = path.TrimEnd('/');
        var parts = trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["api"] => Discovery.CoreVersions(host),
            ["api", var v] => Discovery.Resources("", v),
            ["apis"] => Discovery.Groups(),
            ["apis", var g] => Discovery.Group(g),
            ["apis", var g, var v] => Discovery.Resources(g, v),
            ["openapi", "v3"] => OpenApiDocuments.Index(),
            ["openapi", "v3", .. var rest] => OpenApiDocuments.Document(string.Join('/', rest))
                ?? throw new ApiException(404, "NotFound", "the server could not find the requested resource", new JsonObject()),
            _ => null,
        };
    }
}
