using System.Text;
using System.Text.RegularExpressions;

namespace ImageRoll.Docker;

/// <summary>
/// Interprets the legacy builder's stream: <c>stream</c> text (which may split or join lines) becomes log lines,
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

    public static async Task<DockerBuildResult> ReadAsync(Stream stream, IProgress<string>? output, CancellationToken cancellationToken)
    {
        var state = new DockerBuildOutput(output);
        await foreach (var message in DockerJsonStream.ReadAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            state.Accept(message);
        }

        return state.Complete();
    }

    public void Accept(DockerJsonMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ErrorMessage is { } error)
        {
            Flush();
            var step = CurrentStep is null ? string.Empty : $" at {CurrentStep}";
            throw new ImageRollException(DockerErrors.BuildFailed, FailureKind.OperationFailed,
                $"The Docker build failed{step}: {error.Trim()}",
                "Fix the failing instruction in the Dockerfile (the build output above shows its log).");
        }

        if (message.AuxString("ID") is { } id)
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
