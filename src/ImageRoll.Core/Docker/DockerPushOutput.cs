using System.Text.RegularExpressions;
using Docker.DotNet.Models;

namespace ImageRoll.Docker;

/// <summary>
/// Interprets the push stream, message by message as Docker.DotNet reads it (an unauthorized or failed push
/// completes the request without throwing: only <c>errorDetail</c> says so): the digest comes from <c>aux.Digest</c> or, on daemons that only print it, from the
/// status line "TAG: digest: sha256:HEX size: N" (moby distribution/push_v2.go). Per-layer progress is not logged
/// (it is noise in CI logs); status lines without a layer ID are.
/// </summary>
public sealed partial class DockerPushOutput
{
    private readonly IProgress<string>? _output;
    private readonly string _what;

    public DockerPushOutput(string what, IProgress<string>? output)
    {
        _what = what;
        _output = output;
    }

    public string? Digest { get; private set; }

    public void Accept(JSONMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (DockerStreamMessage.ErrorOf(message) is { } error)
        {
            throw new ImageRollException(DockerErrors.PushFailed, FailureKind.OperationFailed,
                $"Pushing {_what} failed: {error.Trim()}",
                error.Contains("unauthorized", StringComparison.OrdinalIgnoreCase) || error.Contains("authentication required", StringComparison.OrdinalIgnoreCase)
                    ? "Log in to the registry (docker login) or provide its credentials (see docs/build.md, Credentials)."
                    : "Check that the registry is reachable from the Docker daemon; a plain-HTTP registry must be in the daemon's insecure-registries.");
        }

        if (DockerStreamMessage.AuxString(message, "Digest") is { } digest)
        {
            Digest = digest;
        }

        if (message.Status is { } status)
        {
            if (Digest is null && DigestLine().Match(status) is { Success: true } m)
            {
                Digest = m.Groups[1].Value;
            }

            if (message.ID is null)
            {
                _output?.Report(status);
            }
        }
    }

    public string Complete() => Digest ?? throw new ImageRollException(DockerErrors.IncompleteStream, FailureKind.OperationFailed,
        $"The push of {_what} ended without reporting a digest.",
        "The daemon closed the push early; check that the tag exists locally and the registry accepted the manifest.");

    [GeneratedRegex(@"digest: (sha256:[0-9a-f]{64})")]
    private static partial Regex DigestLine();
}
