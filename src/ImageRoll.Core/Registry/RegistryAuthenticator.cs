using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ImageRoll.Registry.Credentials;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Registry;

/// <summary>
/// Answers a registry's <c>WWW-Authenticate</c> challenge: nothing when anonymous access works, Basic with the
/// stored username/password, or the Bearer token flow of the distribution token spec (docs/spec/auth/token.md and
/// oauth.md): GET the realm with <c>service</c> and one <c>scope</c> parameter per scope (Basic credentials when we
/// have them, anonymous otherwise), or POST an OAuth2 <c>refresh_token</c> grant when the credential is an identity
/// token (what <c>docker login</c> stores as <c>identitytoken</c>). Tokens are cached per scope set until they expire.
/// Neither credentials nor tokens are ever logged.
/// </summary>
internal sealed class RegistryAuthenticator(string host, IRegistryCredentialProvider? provider, HttpClient http, ILogger logger)
{
    private static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, CachedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _extraScopes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Task<RegistryCredential?>? _credential;

    public AuthChallenge? Challenge { get; set; }

    public string? Username { get; private set; }

    public async Task AuthorizeAsync(HttpRequestMessage request, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var challenge = Challenge;
        if (challenge is null)
        {
            return;
        }

        if (challenge.IsBasic)
        {
            var credential = await GetCredentialAsync(cancellationToken).ConfigureAwait(false);
            if (credential is { Username: { Length: > 0 } user, Password: { } password })
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicValue(user, password));
            }
        }
        else if (challenge.IsBearer)
        {
            var token = await GetTokenAsync(challenge, scopes, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>After a 401: forget the token of these scopes and remember what the registry asked for.</summary>
    public void OnUnauthorized(AuthChallenge? challenge, IReadOnlyList<string> scopes)
    {
        var key = Key(scopes);
        _tokens.TryRemove(key, out _);
        if (challenge is null)
        {
            return;
        }

        Challenge = challenge;
        if (challenge.Scope is { Length: > 0 } asked && !scopes.Contains(asked, StringComparer.Ordinal))
        {
            _extraScopes[key] = asked;
        }
    }

    public async Task<RegistryCredential?> GetCredentialAsync(CancellationToken cancellationToken)
    {
        if (provider is null)
        {
            return null;
        }

        // One lookup per client: a credential helper is a process start, not something to repeat per blob.
        var task = LazyInitializer.EnsureInitialized(ref _credential, () => provider.GetAsync(host, CancellationToken.None).AsTask());
        var credential = await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        Username = credential?.Username is { Length: > 0 } u ? u : null;
        return credential;
    }

    private static string BasicValue(string user, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    private static string Key(IReadOnlyList<string> scopes) => string.Join(' ', scopes.Order(StringComparer.Ordinal));

    private async Task<string> GetTokenAsync(AuthChallenge challenge, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var key = Key(scopes);
        if (_tokens.TryGetValue(key, out var cached) && cached.IsFresh)
        {
            return cached.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_tokens.TryGetValue(key, out cached) && cached.IsFresh)
            {
                return cached.Token;
            }

            var all = scopes.ToList();
            if (_extraScopes.TryGetValue(key, out var extra))
            {
                all.Add(extra);
            }

            var token = await FetchTokenAsync(challenge, all, cancellationToken).ConfigureAwait(false);
            _tokens[key] = token;
            return token.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<CachedToken> FetchTokenAsync(AuthChallenge challenge, List<string> scopes, CancellationToken cancellationToken)
    {
        if (challenge.Realm is not { Length: > 0 } realmText || !Uri.TryCreate(realmText, UriKind.Absolute, out var realm))
        {
            throw new ImageRollException(RegistryErrors.TokenServiceFailed, FailureKind.OperationFailed,
                $"Registry {host} asked for a Bearer token without a usable realm ('{challenge.Realm}').",
                "The registry's token configuration is broken; check its auth settings.");
        }

        var credential = await GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        using var request = BuildTokenRequest(realm, challenge.Service, scopes, credential);
        logger.LogDebug("Requesting a token from {Realm} for {Scopes}", realm.GetLeftPart(UriPartial.Path), string.Join(' ', scopes));
        request.Options.Set(Net.BoundedWaitHandler.PeerOption, $"the token service at {realm.Authority}");
        HttpResponseMessage response;
        string body;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new RetryableRegistryException(RegistryErrors.ConnectionFailure(realm.Authority, ex, "the token service"), null, connectionFailure: true, ex);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw RegistryErrors.Login(host, credential?.Username, $"the token service {realm.Host} answered {(int)response.StatusCode}");
            }

            if ((int)response.StatusCode == 429 || (int)response.StatusCode >= 500)
            {
                throw new RetryableRegistryException($"token service answered {(int)response.StatusCode}", RegistryClient.RetryAfterOf(response), connectionFailure: false);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ImageRollException(RegistryErrors.TokenServiceFailed, FailureKind.OperationFailed,
                    $"The token service of registry {host} answered {(int)response.StatusCode}{RegistryErrors.Describe(body)}.",
                    "Check the registry's token service.");
            }

            return ParseToken(body);
        }
    }

    private HttpRequestMessage BuildTokenRequest(Uri realm, string? service, List<string> scopes, RegistryCredential? credential)
    {
        if (credential?.IdentityToken is { Length: > 0 } refreshToken)
        {
            var form = new List<KeyValuePair<string, string>>
            {
                new("grant_type", "refresh_token"),
                new("refresh_token", refreshToken),
                new("client_id", "imageroll"),
            };
            if (service is not null)
            {
                form.Add(new("service", service));
            }

            if (scopes.Count > 0)
            {
                form.Add(new("scope", string.Join(' ', scopes)));
            }

            return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
        }

        var query = new StringBuilder(realm.Query.TrimStart('?'));
        void Add(string k, string v) => query.Append(query.Length > 0 ? "&" : string.Empty).Append(k).Append('=').Append(Uri.EscapeDataString(v));
        if (service is not null)
        {
            Add("service", service);
        }

        foreach (var scope in scopes)
        {
            Add("scope", scope);
        }

        if (credential is { Username: { Length: > 0 } account })
        {
            Add("account", account);
        }

        var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(realm) { Query = query.ToString() }.Uri);
        if (credential is { Username: { Length: > 0 } user, Password: { } password })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicValue(user, password));
        }

        return request;
    }

    private CachedToken ParseToken(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            string? token = null;
            foreach (var name in new[] { "token", "access_token" })
            {
                if (root.TryGetProperty(name, out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 } s)
                {
                    token = s;
                    break;
                }
            }

            var lifetime = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : DefaultTokenLifetime;
            if (token is null)
            {
                throw new JsonException("no token field");
            }

            return new CachedToken(token, DateTimeOffset.UtcNow + lifetime);
        }
        catch (JsonException ex)
        {
            throw new ImageRollException(RegistryErrors.TokenServiceFailed, FailureKind.OperationFailed,
                $"The token service of registry {host} returned no usable token ({ex.Message}).",
                "Check the registry's token service.", ex);
        }
    }

    private sealed record CachedToken(string Token, DateTimeOffset ExpiresAt)
    {
        public bool IsFresh => DateTimeOffset.UtcNow < ExpiresAt - TimeSpan.FromSeconds(5);
    }
}
