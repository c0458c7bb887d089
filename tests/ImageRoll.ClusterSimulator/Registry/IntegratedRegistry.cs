using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Authorization;
using ImageRoll.ClusterSimulator.Http;
using ImageRoll.ClusterSimulator.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageRoll.ClusterSimulator.Registry;

/// <summary>
/// The cluster's integrated registry: a front on 127.0.0.1 (plain HTTP) for the REAL registry
/// (<see cref="SimulatorOptions.IntegratedRegistryBackend"/>), behaving as openshift/image-registry does for its
/// clients (docs/simulator.md, "The integrated registry"):
/// <list type="bullet">
/// <item>only this cluster's tokens: Basic auth with any user name and the token as password, or Bearer with the
/// token; none is 401 with <c>WWW-Authenticate: Bearer realm=".../openshift/token"</c>, whose token endpoint trades
/// Basic credentials for the same token (pkg/dockerregistry/server/token.go); an unknown token is 401 access denied;</item>
/// <item>every access is the user's RBAC on the image stream's layers (auth.go <c>verifyImageStreamAccess</c>): pull is
/// <c>get imagestreams/layers</c>, push <c>update imagestreams/layers</c> on NAMESPACE/STREAM; a mount's source needs
/// pull, else the mount becomes an upload;</item>
/// <item>repositories are exactly NAMESPACE/STREAM; a manifest pushed by tag updates the stream's status
/// (<see cref="PushMapping"/>); an image tagged in from another stream is served too (<see cref="CrossRepositoryImages"/>).</item>
/// </list>
/// It is named by the cluster's Image config (<c>status.internalRegistryHostname</c>, the service name, and
/// <c>status.externalRegistryHostnames</c>, this front) and the route <c>default-route</c> in
/// <c>openshift-image-registry</c>; the kubelet stand-in reaches it by the internal name.
/// </summary>
public sealed class IntegratedRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Authenticator _authenticator;
    private readonly SimulatorOptions _options;
    private RegistryProxy _proxy = null!;
    private PushMapping _mapping = null!;
    private CrossRepositoryImages _crossRepository = null!;

    private IntegratedRegistry(WebApplication app, SimulatorOptions options, Authenticator authenticator)
    {
        _app = app;
        _options = options;
        _authenticator = authenticator;
    }

    /// <summary>127.0.0.1:PORT, the registry's external host name (its route).</summary>
    public string Host { get; private set; } = "";

    /// <summary>The service host name pods and image streams use, e.g. image-registry.openshift-image-registry.svc:5000.</summary>
    public string InternalHostname => _options.InternalRegistryHostname;

    /// <summary>Where NAMESPACE/STREAM lives in the real registry: PREFIX/NAMESPACE/STREAM.</summary>
    public string Prefix => _proxy.Prefix;

    /// <summary>One line per request: <c>METHOD PATH STATUS USER</c> (user "-" without credentials).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    internal static async Task<IntegratedRegistry> StartAsync(SimulatorOptions options, ObjectStore store, Authenticator authenticator, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null;
            k.Listen(IPAddress.Loopback, 0);
        });
        var web = builder.Build();
        var registry = new IntegratedRegistry(web, options, authenticator);
        var prefix = $"openshift-{Guid.NewGuid():N}"[..18];
        registry._proxy = new RegistryProxy(options.IntegratedRegistryBackend!, prefix, registry._http);
        registry._mapping = new PushMapping(store, authenticator, options.InternalRegistryHostname, options.Clock);
        registry._crossRepository = new CrossRepositoryImages(store, registry._http, options.IntegratedRegistryBackend!, prefix, options.InternalRegistryHostname);
        web.Run(registry.HandleAsync);
        await web.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        registry.Host = new Uri(address).Authority.Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        return registry;
    }

    /// <summary>The Image config <c>cluster</c> and the route <c>default-route</c> that name this registry.</summary>
    internal void Publish(ObjectStore store)
    {
        if (store.Get(ResourceTypes.Namespaces, null, "openshift-image-registry") is null)
        {
            store.Create(ResourceTypes.Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "openshift-image-registry" } });
        }

        store.Create(ResourceTypes.Routes, "openshift-image-registry", new JsonObject
        {
            ["apiVersion"] = "route.openshift.io/v1",
            ["kind"] = "Route",
            ["metadata"] = new JsonObject { ["name"] = "default-route", ["namespace"] = "openshift-image-registry" },
            ["spec"] = new JsonObject
            {
                ["host"] = Host,
                ["to"] = new JsonObject { ["kind"] = "Service", ["name"] = "image-registry", ["weight"] = 100 },
                ["port"] = new JsonObject { ["targetPort"] = "5000-tcp" },
            },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var (present, token) = Credentials(context.Request);
        var user = token is { Length: > 0 } t ? _authenticator.UserOf(t) : null;
        try
        {
            await ServeAsync(context, path, present, token, user).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (HttpRequestException e)
        {
            if (!context.Response.HasStarted)
            {
                await RegistryAnswers.ErrorAsync(context, 502, "UNKNOWN", "unknown error", $"the storage behind the integrated registry did not answer: {e.Message}").ConfigureAwait(false);
            }
        }

        var line = $"{context.Request.Method} {path}{context.Request.QueryString} {context.Response.StatusCode} {user ?? (present ? "?" : "-")}";
        Requests.Enqueue(line);
        if (_options.LogRequests)
        {
            await Console.Error.WriteLineAsync("sim-registry: " + line).ConfigureAwait(false);
        }
    }

    private async Task ServeAsync(HttpContext context, string path, bool present, string? token, string? user)
    {
        context.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        if (path == "/openshift/token")
        {
            await TokenAsync(context, present, token, user).ConfigureAwait(false);
            return;
        }

        if (path is "/v2" or "/v2/")
        {
            // docker login's check: no credentials is the challenge, a token the cluster does not know is denied.
            if (!present)
            {
                await RegistryAnswers.TokenRequiredAsync(context, null, "").ConfigureAwait(false);
            }
            else if (token is null || (token.Length > 0 && user is null))
            {
                await RegistryAnswers.AccessDeniedAsync(context, null, "").ConfigureAwait(false);
            }
            else
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync("{}", context.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        var request = RegistryRequest.Parse(path);
        if (request is null)
        {
            await RegistryAnswers.ErrorAsync(context, 404, "NAME_UNKNOWN", "repository name not known to registry", "the integrated registry serves NAMESPACE/IMAGESTREAM repositories only").ConfigureAwait(false);
            return;
        }

        var method = context.Request.Method;
        var push = method is "POST" or "PUT" or "PATCH";
        var action = push ? "push" : "pull";
        if (method is not ("GET" or "HEAD") && !push)
        {
            await RegistryAnswers.ErrorAsync(context, 405, "UNSUPPORTED", "The operation is unsupported.", null).ConfigureAwait(false);
            return;
        }

        if (!present)
        {
            await RegistryAnswers.TokenRequiredAsync(context, request, action).ConfigureAwait(false);
            return;
        }

        if (user is null || !May(user, "get", request.Namespace, request.Stream) || (push && !May(user, "update", request.Namespace, request.Stream)))
        {
            await RegistryAnswers.AccessDeniedAsync(context, request, action).ConfigureAwait(false);
            return;
        }

        // A cross-repository mount needs pull on its source; without it the registry starts a plain upload (auth.go
        // possibleCrossMountErrors: the error is deferred, the mount is not done).
        var from = context.Request.Query["from"].ToString();
        var keepMount = from.Split('/') is [var fromNs, var fromStream] && May(user, "get", fromNs, fromStream);
        if (!push && request.ManifestReference is { } wanted && wanted.StartsWith("sha256:", StringComparison.Ordinal))
        {
            await _crossRepository.EnsureAsync(request, wanted, context.RequestAborted).ConfigureAwait(false);
        }

        using var response = await _proxy.SendAsync(context, request, keepMount, context.RequestAborted).ConfigureAwait(false);
        if (method == "PUT" && response.IsSuccessStatusCode && request.ManifestReference is { } reference && !reference.Contains(':', StringComparison.Ordinal)
            && response.Headers.TryGetValues("Docker-Content-Digest", out var digests) && digests.FirstOrDefault() is { } digest)
        {
            if (_mapping.Record(user, request, reference, digest) is { } denied)
            {
                await RegistryAnswers.DeniedAsync(context, denied).ConfigureAwait(false);
                return;
            }
        }

        await _proxy.CopyAsync(context, response, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>token.go: no credentials get the anonymous token; Basic credentials whose password is this cluster's token get it back.</summary>
    private static async Task TokenAsync(HttpContext context, bool present, string? token, string? user)
    {
        context.Response.ContentType = "application/json";
        if (!present)
        {
            await context.Response.WriteAsync("""{"token":"anonymous","access_token":"anonymous"}""", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (user is null || !context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = 401;
            return;
        }

        var body = new JsonObject { ["token"] = token, ["access_token"] = token };
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private bool May(string user, string verb, string ns, string stream) =>
        _authenticator.Decide(user, new AccessAttributes(verb, "image.openshift.io", "imagestreams", "layers", ns, stream)).Allowed;

    /// <summary>
    /// auth.go <c>getOpenShiftAPIToken</c>: Bearer TOKEN (the anonymous token is none) or Basic with the token as the
    /// password (null: Basic without a password, ErrTokenInvalid); not present without an Authorization header.
    /// </summary>
    private static (bool Present, string? Token) Credentials(HttpRequest request)
    {
        var parts = request.Headers.Authorization.ToString().Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            return (false, null);
        }

        if (parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return (true, parts[1] == "anonymous" ? "" : parts[1]);
        }

        if (!parts[0].Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return (false, null);
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parts[1]));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 || colon == decoded.Length - 1 ? (true, null) : (true, decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (true, null);
        }
    }
}
