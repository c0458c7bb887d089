using System.Net;

namespace ImageRoll.Registry;

public sealed partial class RegistryClient
{
    /// <summary>
    /// A read-only check that the credentials are good for pushing to <paramref name="repository"/>: a manifest HEAD
    /// of <paramref name="reference"/> authorized with the push scope (<c>repository:NAME:pull,push</c>), so a Bearer
    /// registry's token service is asked for exactly the token a push asks for, and a Basic registry checks the
    /// login. Wrong credentials fail as the push would (IR1002/IR1003). A token service may grant less than asked
    /// without saying so (distribution's token spec), so a registry may still refuse the push itself. Returns what the
    /// reference names now, or null when nothing (the usual case for a new tag).
    /// </summary>
    public Task<ManifestHead?> CheckPushAccessAsync(string repository, string reference, CancellationToken cancellationToken) =>
        WithRetriesAsync($"checking push access to {repository}", async ct =>
        {
            using var response = await SendOnceAsync(b => ManifestRequest(HttpMethod.Head, b, repository, reference), [RegistryScopes.Push(repository)], $"push access to {repository}", ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await UnexpectedAsync(response, $"HEAD manifest {Ref(repository, reference)}", ct).ConfigureAwait(false);
            }

            var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
            return digest is null ? null : new ManifestHead(digest, response.Content.Headers.ContentType?.MediaType ?? string.Empty, response.Content.Headers.ContentLength ?? -1);
        }, cancellationToken);
}
