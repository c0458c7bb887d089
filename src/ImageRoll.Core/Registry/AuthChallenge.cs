using System.Text;

namespace ImageRoll.Registry;

/// <summary>
/// One <c>WWW-Authenticate</c> challenge of a registry: <c>Basic realm="..."</c> or
/// <c>Bearer realm="...",service="...",scope="..."</c> (distribution's registry/auth/token and docker/distribution
/// registry/client/auth/challenge/authchallenge.go parse the same grammar: a scheme, then comma-separated
/// key=value pairs whose values may be quoted strings holding commas).
/// </summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => string.Equals(Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => string.Equals(Scheme, "Basic", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Get("realm");

    public string? Service => Get("service");

    public string? Scope => Get("scope");

    public string? Error => Get("error");

    public string? Get(string key) => Parameters.TryGetValue(key, out var v) ? v : null;

    /// <summary>The first challenge of a response, or null if it carries none.</summary>
    public static AuthChallenge? FromResponse(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var header in response.Headers.WwwAuthenticate)
        {
            var text = header.Parameter is null ? header.Scheme : header.Scheme + " " + header.Parameter;
            if (TryParse(text) is { } challenge)
            {
                return challenge;
            }
        }

        return null;
    }

    public static AuthChallenge? TryParse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var text = header.Trim();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? text : text[..space];
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = space < 0 ? text.Length : space + 1;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == ','))
            {
                i++;
            }

            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var key = text[i..eq].Trim();
            i = eq + 1;
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    value.Append(text[i]);
                    i++;
                }

                i++;
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    value.Append(text[i]);
                    i++;
                }
            }

            if (key.Length > 0)
            {
                parameters[key] = value.ToString().Trim();
            }
        }

        return new AuthChallenge(scheme, parameters);
    }
}
