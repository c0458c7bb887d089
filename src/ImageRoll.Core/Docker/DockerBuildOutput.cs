using System.Text;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;

namespace ImageRoll.Docker;

/// <summary>
/// Interprets the legacy builder's stream, message by message as Docker.DotNet reads it (a failed build completes
/// the request without throwing: only <c>errorDetail</c> says so): <c>stream</c> text (which may split or join lines) becomes log lines,
/// "Step N/M : INSTRUCTION" lines mark the current step, <c>aux.ID</c> is the image, and an <c>error</c> ends the build
/// with IR1104 naming the step that failed (moby builder/dockerfile/evaluator.go prints the step before running it).
/// </summary>
public sealed partial class DockerBuildOutput
{
    private readonly IProgress<string>? _output;
    private readonly StringBuilder _partial = new();

    public DockerBuildOutput(IProgress<string>? output) => _output = output;

    /// <summary>The last "Step N/M : ..." line seen.</summary>
    public string? CurrentStep { get; private set; }

    /// <summary>The image ID from <c>aux.ID</c> (or from "Successfully built ID" on older daemons).</summary>
    public string? ImageId { get; private set; }

    public void Accept(JSONMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (DockerStreamMessage.ErrorOf(message) is { } error)
        {
            Flush();
            var step = CurrentStep is null ? string.Empty : $" at {CurrentStep}";
            throw new ImageRollException(DockerErrors.BuildFailed, FailureKind.OperationFailed,
                $"The Docker build failed{step}: {error.Trim()}",
                "Fix the failing instruction in the Dockerfile (the build output above shows its log).");
        }

        if (DockerStreamMessage.AuxString(message, "ID") is { } id)
        {
            ImageId = id;
        }

        var text = message.Stream ?? (message.Status is { } status ? status + "\n" : null);
        if (text is null)
        {
            return;
        }

        _partial.Append(text);
        var all = _partial.ToString();
        var lastNewline = all.LastIndexOf('\n');
        if (lastNewline < 0)
        {
            return;
        }

        _partial.Clear().Append(all, lastNewline + 1, all.Length - lastNewline - 1);
        foreach (var raw in all[..lastNewline].Split('\n'))
        {
            Line(raw.TrimEnd('\r'));
        }
    }

    public DockerBuildResult Complete()
    {
        Flush();
        if (ImageId is null)
        {
            throw new ImageRollException(DockerErrors.IncompleteStream, FailureKind.OperationFailed,
                $"The Docker build stream ended without an image ID{(CurrentStep is null ? string.Empty : $" (last step: {CurrentStep})")}.",
                "The daemon closed the build early; check its log (journalctl -u docker or dockerd's output).");
        }

        return new DockerBuildResult(ImageId, CurrentStep);
    }

    private void Flush()
    {
        if (_partial.Length > 0)
        {
            Line(_partial.ToString().TrimEnd('\r'));
            _partial.Clear();
        }
    }

    private void Line(string line)
    {
        if (StepPattern().IsMatch(line))
        {
            CurrentStep = line.Trim();
        }
        else if (SuccessPattern().Match(line) is { Success: true } m && ImageId is null)
        {
            ImageId = m.Groups[1].Value;
        }

        if (line.Length > 0)
        {
            _output?.Report(line);
        }
    }

    [GeneratedRegex(@"^Step \d+/\d+ : ")]
    private static partial Regex StepPattern();

    [GeneratedRegex(@"^Successfully built ([0-9a-f]{12,64})\s*$")]
    private static partial Regex SuccessPattern();
}
