using ImageRoll.Cli.Ci;

namespace ImageRoll.Cli.Console;

/// <summary>
/// How every error is printed: <c>error IRnnnn: message</c> and <c>  hint: ...</c> on stderr, and under GitHub
/// Actions also <c>::error title=IRnnnn::message</c> so the failure is annotated on the run.
/// </summary>
public static class ErrorLines
{
    public static void Write(CliIO io, ImageRollException error)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(error);
        Write(io, error.Code, error.Message, error.Hint);
    }

    public static void Write(CliIO io, string code, string message, string? hint)
    {
        ArgumentNullException.ThrowIfNull(io);
        lock (io.Error)
        {
            io.Error.WriteLine($"error {code}: {message}");
            if (hint is not null)
            {
                io.Error.WriteLine($"  hint: {hint}");
            }

            if (CiDetection.Detect(io.GetEnvironmentVariable) == CiKind.GitHubActions)
            {
                io.Error.WriteLine(WorkflowCommands.Error(code, hint is null ? message : $"{message}\n{hint}"));
            }

            io.Error.Flush();
        }
    }
}
