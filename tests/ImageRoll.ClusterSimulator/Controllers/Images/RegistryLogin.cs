using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ImageRoll.ClusterSimulator.Controllers.Images;

/// <summary>
/// A registry request that answers a 401 challenge with a login, as the cluster's clients do (library-go's registry
/// client for imports, the container runtime for pulls): Basic for a Basic challenge, or the distribution token flow
/// for a Bearer challenge (GET realm?service=S&amp;scope=repository:R:pull with Basic, then the request again with the
/// token; distribution docs/spec/auth/token.md). Without a login the first answer stands.
/// </summary>
public static partial class RegistryLogin
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> request, string repository,
        (string User, string Password)? login, CancellationToken cancellationToken)
    {
        using var first = request();
        var response = await client.SendAsync(first, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || login is not { } l || response.Headers.WwwAuthenticate.FirstOrDefault() is not { } challenge)
        {
            return response;
        }

        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{l.User}:{l.Password}")));
        AuthenticationHeaderValue authorization;
        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            authorization = basic;
        }
        else
        {
            var parameters = Parameter().Matches(challenge.Parameter ?? string.Empty)
                .ToDictionary(m => m.Groups["k"].Value.ToLowerInvariant(), m => m.Groups["v"].Value, StringComparer.Ordinal);
            if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || !parameters.TryGetValue("realm", out var realm))
            {
                return response;
            }

            var query = $"scope={Uri.EscapeDataString($"repository:{repository}:pull")}";
            if (parameters.TryGetValue("service", out var service))
            {
                query = $"service={Uri.EscapeDataString(service)}&{query}";
            }

            using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, realm + (realm.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);
            tokenRequest.Headers.Authorization = basic;
            using var tokenResponse = await client.SendAsync(tokenRequest, cancellationToken).ConfigureAwait(false);
            if (!tokenResponse.IsSuccessStatusCode)
            {
                return response;
            }

            using var answer = JsonDocument.Parse(await tokenResponse.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            var token = answer.RootElement.TryGetProperty("token", out var t) ? t.GetString()
                : answer.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
            if (string.IsNullOrEmpty(token))
            {
                return response;
            }

            authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        response.Dispose();
        using var again = request();
        again.Headers.Authorization = authorization;
        return await client.SendAsync(again, cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex("(?<k>[A-Za-z]+)=\"(?<v>[^\"]*)\"")]
    private static partial Regex Parameter();
}
