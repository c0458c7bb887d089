using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Authentication;
using System.Text.Json;
using ImageRoll.Net;
using ImageRoll.Util;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Kubernetes;

/// <summary>The one place requests are sent and answers are checked.</summary>
public sealed partial class KubeApiClient
{
    /// <summary>
    /// <c>imageroll/0.1.0 (linux/amd64) dotnet/8.0.x</c>, shaped like kubectl's <c>kubectl/v1.31.9 (linux/amd64)
    /// kubernetes/abc1234</c> (client-go rest/config.go DefaultKubernetesUserAgent) so audit logs name the tool.
    /// </summary>
    public static string UserAgent { get; } = BuildUserAgent();

    private async Task<T> SendForObjectAsync<T>(KubeRequest req, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(req, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, req, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(KubeRequest req, HttpCompletionOption completion, CancellationToken cancellationToken, bool streaming = false)
    {
        var throttled = 0;
        var refreshed = false;
        while (true)
        {
            var auth = await Config.Credentials.GetAsync(cancellationToken).ConfigureAwait(false);
            if (_certificateHolder is not null && auth.ClientCertificate is not null)
            {
                _certificateHolder.Current = auth.ClientCertificate;
            }

            using var message = new HttpRequestMessage(req.Method, new Uri(Config.Server, req.PathAndQuery.TrimStart('/')));
            message.Headers.UserAgent.ParseAdd(UserAgent);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            message.Headers.Authorization = auth.Authorization;
            if (req.Body is not null)
            {
                message.Content = new ByteArrayContent(req.Body);
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(req.ContentType ?? "application/json");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (!streaming)
            {
                timeout.CancelAfter(RequestTimeout);
            }

            message.Options.Set(BoundedWaitHandler.StreamingOption, streaming);
            HttpResponseMessage response;
            try
            {
                _logger.LogDebug("{Method} {Server}{Path}", req.Method, Config.Server, req.PathAndQuery);
                response = await _http.SendAsync(message, completion, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                var waiting = WaitCanceledException.DescribeFrom(ex);
                throw new ImageRollException(KubeErrors.Stalled, FailureKind.OperationFailed,
                    $"The API server {Config.Server} (context '{Config.ContextName}') did not finish answering {req.Method} {req.Target} within {WaitWatch.Bound(RequestTimeout)}, the limit of one request" + (waiting is null ? "." : $": {waiting}."),
                    StallHint, ex);
            }
            catch (OperationCanceledException ex) when (WaitCanceledException.DescribeFrom(ex) is { } waiting)
            {
                // The command's deadline (or a signal): say what was being waited for, for the face's timeout message.
                throw new WaitCanceledException($"{waiting} ({req.Method} {req.Target})", ex, cancellationToken);
            }
            catch (HttpRequestException ex) when (ExceptionChain.Find<StalledException>(ex) is { } stalled)
            {
                throw new ImageRollException(KubeErrors.Stalled, FailureKind.OperationFailed,
                    $"{Capitalized(stalled.Message)} ({req.Method} {req.Target}, context '{Config.ContextName}').", StallHint, ex);
            }
            catch (HttpRequestException ex)
            {
                throw Unreachable(ex);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && throttled < MaxThrottleRetries)
                {
                    throttled++;
                    var wait = RetryAfter(response, body);
                    _logger.LogInformation("The API server is throttling (429); retrying in {Seconds} s ({Attempt}/{Max}).", wait.TotalSeconds, throttled, MaxThrottleRetries);
                    await Delay(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshed && Config.Credentials.Invalidate())
                {
                    refreshed = true;
                    _logger.LogDebug("401 from the API server; refreshing the credentials once.");
                    continue;
                }

                throw KubeErrors.FromResponse(response.StatusCode, body, req, Config);
            }
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, KubeRequest req, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, KubeJson.TypeInfo<T>(), cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("the body was null");
            }
        }
        catch (JsonException ex)
        {
            throw BadBody(req, ex);
        }
    }

    private async Task<JsonDocument> ReadDocumentAsync(HttpResponseMessage response, KubeRequest req, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            throw BadBody(req, ex);
        }
    }

    private ImageRollException BadBody(KubeRequest req, Exception ex) =>
        new(KubeErrors.NotApiJson, FailureKind.OperationFailed,
            $"The answer of {Config.Server} to {req.Method} {req.Target} is not the JSON expected: {ex.Message}",
            "Check that the kubeconfig's server URL points at a Kubernetes API server, not a proxy or web console.", ex);

    private ImageRollException Unreachable(HttpRequestException ex)
    {
        if (ExceptionChain.Find<AuthenticationException>(ex) is not null)
        {
            return new ImageRollException(KubeErrors.TlsFailed, FailureKind.OperationFailed,
                $"The TLS handshake with the API server {Config.Server} (context '{Config.ContextName}') failed: {TlsFailure.Describe(ex)}.",
                $"Set certificate-authority(-data) for the cluster in {Config.Source} to the cluster's CA (or tls-server-name if the certificate names another host).", ex);
        }

        var cause = ExceptionChain.Find<SocketException>(ex)?.Message ?? ExceptionChain.Innermost(ex).Message;
        return new ImageRollException(KubeErrors.Unreachable, FailureKind.OperationFailed,
            $"Cannot reach the API server {Config.Server} of context '{Config.ContextName}': {cause}",
            $"Check that the cluster is running and that the server URL in {Config.Source} is right (kubectl --context {Config.ContextName} cluster-info).", ex);
    }

    private const string StallHint =
        "Check the cluster's health (kubectl get --raw /readyz) and the network path to it: a hung or overloaded API server, or a proxy or firewall that swallows traffic, causes this.";

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Retry-After in seconds (header, else the Status's details.retryAfterSeconds), 1 s when absent, at most 30 s.</summary>
    private static TimeSpan RetryAfter(HttpResponseMessage response, string body)
    {
        var seconds = 1.0;
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            seconds = delta.TotalSeconds;
        }
        else if (response.Headers.RetryAfter?.Date is { } date)
        {
            seconds = (date - DateTimeOffset.UtcNow).TotalSeconds;
        }
        else if (KubeErrors.TryParseStatus(body)?.Details?.RetryAfterSeconds is { } s)
        {
            seconds = s;
        }

        return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 30));
    }



    private static string BuildUserAgent()
    {
        var version = typeof(KubeApiClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            version = version[..plus];
        }

        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "windows" : "unknown";
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "386",
            Architecture.Arm => "arm",
            var other => other.ToString().ToLowerInvariant(),
        };
        return $"imageroll/{version} ({os}/{arch}) dotnet/{Environment.Version}";
    }
}
