using System.Text.Json;
using Docker.DotNet.Models;

namespace ImageRoll.Docker;

/// <summary>Reads the parts of moby's JSONMessage (pkg/jsonmessage) that Docker.DotNet keeps loosely typed.</summary>
internal static class DockerStreamMessage
{
    /// <summary>
    /// The failure a stream message carries. moby's streamformatter writes both <c>error</c> and
    /// <c>errorDetail</c>; Docker.DotNet keeps <c>errorDetail</c> (a code-only detail still counts as a failure).
    /// </summary>
    public static string? ErrorOf(JSONMessage message) => message.Error switch
    {
        null => null,
        { Message: { Length: > 0 } text } => text,
        { Code: { } code } => $"error code {code}",
        _ => "an error without a message",
    };

    /// <summary>A string member of <c>aux</c>: <c>{"ID":"sha256:..."}</c> for builds, <c>{"Tag","Digest","Size"}</c> for pushes.</summary>
    public static string? AuxString(JSONMessage message, string name) =>
        message.Aux?.ExtensionData is { } aux && aux.TryGetValue(name, out var value)
            ? value switch
            {
                JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
                string s => s,
                _ => null,
            }
            : null;
}
