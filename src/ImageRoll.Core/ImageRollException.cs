using System.Text.RegularExpressions;

namespace ImageRoll;

/// <summary>
/// The one error type the engine throws for anything a user can act on. The faces print
/// <c>error IRnnnn: message</c> (MSBuild puts the code in its Code field) and exit with <see cref="ExitCode"/>.
/// Bands: 1xxx registry/Docker/build, 2xxx general input, 3xxx cluster/OpenShift, 4xxx rollout, 5xxx MSBuild.
/// Messages name the bad value; <see cref="Hint"/> says how to fix it. Neither may contain a secret.
/// </summary>
public partial class ImageRollException : Exception
{
    public ImageRollException(string code, FailureKind kind, string message, string? hint = null, Exception? innerException = null)
        : base(message, innerException)
    {
        if (!CodePattern().IsMatch(code))
        {
            throw new ArgumentException($"'{code}' is not an ImageRoll error code (IR followed by four digits).", nameof(code));
        }

        Code = code;
        Kind = kind;
        Hint = hint;
    }

    /// <summary>The stable error code, for example <c>IR1003</c>.</summary>
    public string Code { get; }

    public FailureKind Kind { get; }

    /// <summary>What the user can do about it, or null.</summary>
    public string? Hint { get; }

    public int ExitCode => (int)Kind;

    /// <summary>Message and hint on one line each, as the faces print them.</summary>
    public override string ToString() => Hint is null ? $"{Code}: {Message}" : $"{Code}: {Message}{Environment.NewLine}  hint: {Hint}";

    [GeneratedRegex("^IR[0-9]{4}$")]
    private static partial Regex CodePattern();
}
