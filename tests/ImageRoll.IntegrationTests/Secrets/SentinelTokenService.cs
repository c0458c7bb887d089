using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageRoll.IntegrationTests.Secrets;

/// <summary>
/// A token service for docker-registry's token auth (distribution docs/spec/auth/token.md and oauth.md): GET with
/// Basic USER:PASSWORD, POST grant_type=password, or POST grant_type=refresh_token with the identity token. It
/// answers a JWT signed RS256 whose x5c header carries the certificate the registry trusts
/// (registry/auth/token/token.go parseAndVerifyCertChain), granting the scopes asked for. A wrong login is 401; the
/// login of user <see cref="DeniedUser"/> is 403. Every token it issued is kept in <see cref="Issued"/>.
/// </summary>
public sealed class SentinelTokenService : IAsyncDisposable
{
    public const string Service = "imageroll-sentinel";
    public const string Issuer = "imageroll-sentinel-issuer";
    public const string DeniedUser = "denied-user";

    private readonly WebApplication _app;
    private readonly RSA _key;
    private readonly X509Certificate2 _certificate;
    private readonly string _user;
    private readonly string _password;
    private readonly string _identityToken;

    private SentinelTokenService(WebApplication app, RSA key, X509Certificate2 certificate, string user, string password, string identityToken)
    {
        _app = app;
        _key = key;
        _certificate = certificate;
        _user = user;
        _password = password;
        _identityToken = identityToken;
    }

    public string Realm { get; private set; } = string.Empty;

    public string CertificatePem => _certificate.ExportCertificatePem();

    public ConcurrentBag<string> Issued { get; } = [];

    public static async Task<SentinelTokenService> StartAsync(string user, string password, string identityToken)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=imageroll sentinel token issuer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var service = new SentinelTokenService(app, key, certificate, user, password, identityToken);
        app.MapGet("/token", service.GetAsync);
        app.MapPost("/token", service.PostAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service.Realm = address.TrimEnd('/') + "/token";
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
        _certificate.Dispose();
    }

    private Task GetAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        string? user = null, password = null;
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            (user, password) = colon < 0 ? (decoded, string.Empty) : (decoded[..colon], decoded[(colon + 1)..]);
        }

        return AnswerAsync(context, user, password is not null && password == _password, context.Request.Query["scope"].Select(s => s ?? string.Empty));
    }

    private async Task PostAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var scopes = form["scope"].SelectMany(s => (s ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (form["grant_type"] == "refresh_token")
        {
            await AnswerAsync(context, _user, form["refresh_token"] == _identityToken, scopes, refresh: true);
        }
        else
        {
            await AnswerAsync(context, form["username"], form["password"] == _password, scopes);
        }
    }

    private async Task AnswerAsync(HttpContext context, string? user, bool valid, IEnumerable<string> scopes, bool refresh = false)
    {
        if (!valid || (user != _user && user != DeniedUser))
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { errors = new[] { new { code = "UNAUTHORIZED", message = "authentication required" } } });
            return;
        }

        if (user == DeniedUser)
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsJsonAsync(new { errors = new[] { new { code = "DENIED", message = "requested access to the resource is denied" } } });
            return;
        }

        var token = Sign(user, scopes);
        Issued.Add(token);
        // issued_at in RFC 3339 with 'Z', as token servers write it: the Docker daemon reads it into a Go time.Time
        // (distribution registry/client/auth/session.go, getTokenResponse.IssuedAt), whose UnmarshalJSON parses the raw
        // JSON string, so "+00:00" written as JsonObject's escaped "\u002B00:00" fails its push ("unable to decode token
        // response").
        var issuedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var answer = new JsonObject { ["token"] = token, ["access_token"] = token, ["expires_in"] = 300, ["issued_at"] = issuedAt };
        if (refresh)
        {
            answer["refresh_token"] = _identityToken;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private string Sign(string user, IEnumerable<string> scopes)
    {
        var access = new JsonArray();
        foreach (var scope in scopes.Where(s => s.Length > 0))
        {
            // type:name:actions, where the name may hold ':' (a port in a proxied name); the actions are comma-separated.
            var first = scope.IndexOf(':', StringComparison.Ordinal);
            var last = scope.LastIndexOf(':');
            if (first < 0 || last <= first)
            {
                continue;
            }

            access.Add(new JsonObject
            {
                ["type"] = scope[..first],
                ["name"] = scope[(first + 1)..last],
                ["actions"] = new JsonArray([.. scope[(last + 1)..].Split(',').Select(a => (JsonNode?)JsonValue.Create(a))]),
            });
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate.RawData)) };
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = user,
            ["aud"] = Service,
            ["exp"] = now + 300,
            ["nbf"] = now - 60,
            ["iat"] = now,
            ["jti"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["access"] = access,
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
