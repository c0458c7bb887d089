using System.CommandLine;
using System.CommandLine.Parsing;
using ImageRoll.Cli.Console;
using ImageRoll.Kubernetes;
using ImageRoll.Registry;
using ImageRoll.Rollouts;
using ImageRoll.Util;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli.Binding;

/// <summary>
/// The one place options become values, for every command: the command line first, then <c>IMAGEROLL_*</c>
/// variables, then <c>imageroll.yaml</c> (<see cref="Settings"/>), then the default. Every value is checked here, as
/// it is bound, and a bad one throws an <see cref="ImageRollException"/> (exit 2) naming the value and where it came
/// from, before a command has written anything. The per-command records are built in the other parts of this class.
/// </summary>
public sealed partial class CommandBinder
{
    private readonly ParseResult _parse;
    private readonly Settings _settings;
    private readonly Command _command;
    private TimeSpan? _timeout;

    /// <summary>The default <c>--timeout</c> of every command (the engine's own default, written once).</summary>
    public static readonly TimeSpan DefaultTimeout = RolloutFollowOptions.DefaultTimeout;

    /// <summary>
    /// The longest delay <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> and timers take
    /// (<c>uint.MaxValue - 1</c> milliseconds, about 49.7 days); longer throws ArgumentOutOfRangeException.
    /// </summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    public CommandBinder(ParseResult parseResult, Settings settings, Func<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        _parse = parseResult;
        _settings = settings ?? Settings.None;
        _command = parseResult.CommandResult.Command;
        Environment = environment ?? throw new ArgumentNullException(nameof(environment));
        WorkingDirectory = workingDirectory;
    }

    public ParseResult ParseResult => _parse;

    public Func<string, string?> Environment { get; }

    public string WorkingDirectory { get; }

    public bool IsRelease => _command.Name == "release";

    public static string DefaultTimeoutText => GoDuration.Format(DefaultTimeout);

    /// <summary>
    /// <c>--timeout</c>: the longest the whole command may take, the same meaning on every command. Parsed and
    /// range-checked here, once (<see cref="ParseDuration"/>), default <see cref="DefaultTimeout"/>; the command's
    /// deadline (<see cref="CommandContext.RunAsync"/>) and the engine's (<c>ReleaseOptions.Timeout</c>) come from it.
    /// </summary>
    public TimeSpan Timeout => _timeout ??= Text(CliOptions.Timeout) is { } t ? ParseDuration(t, Source(CliOptions.Timeout)) : DefaultTimeout;

    public OutputMode Output => Choice(CliOptions.Output, "text", "text", "json") == "json" ? OutputMode.Json : OutputMode.Text;

    public LogLevel LogLevel
    {
        get
        {
            var text = Text(CliOptions.Verbosity) ?? "n";
            return Verbosity.Accepted.Contains(text) ? Verbosity.ToLogLevel(text) : throw new ImageRollException(CommandErrors.BadVerbosity, FailureKind.BadInput,
                $"{Source(CliOptions.Verbosity)} '{text}' is not a verbosity level.", "Use q, m, n, d or diag (or quiet, minimal, normal, detailed, diagnostic).");
        }
    }

    /// <summary><c>--insecure-registry</c>, each value checked; matched against hosts only by <see cref="RegistryHostPolicy"/>.</summary>
    public IReadOnlyList<string> InsecureRegistries
    {
        get
        {
            var values = List(CliOptions.InsecureRegistry);
            foreach (var v in values)
            {
                RegistryHostPolicy.Validate(v);
            }

            return values;
        }
    }

    /// <summary>The registry options every registry command (and <c>tag</c>, <c>release</c>) uses; credentials are the context's.</summary>
    public RegistryClientOptions RegistryOptions => new()
    {
        InsecureRegistries = InsecureRegistries,
        CaBundlePath = Text(CliOptions.RegistryCa) is { } ca ? Path.GetFullPath(ca, WorkingDirectory) : null,
    };

    /// <summary>Whether the image's registry is one the user named insecure (the same matcher as pushing uses).</summary>
    public bool IsInsecure(string registryHost) => RegistryHostPolicy.For(registryHost, RegistryOptions).Insecure;

    public KubeConnectionOptions Cluster => new(
        Text(CliOptions.Kubeconfig) is { } k ? Path.GetFullPath(k, WorkingDirectory) : null,
        Text(Has(CliOptions.ReleaseKubeContext) ? CliOptions.ReleaseKubeContext : CliOptions.KubeContext),
        Namespace);

    public string? Namespace => Text(CliOptions.Namespace);

    /// <summary>The user gave the option on the command line.</summary>
    public bool OnCommandLine(Option option) => _parse.GetResult(option) is { Implicit: false };

    /// <summary>The option has a value from the command line, a variable or the file.</summary>
    public bool IsSet(Option option) => OnCommandLine(option) || Setting(option) is not null;

    /// <summary>Set and, for a switch, true: what "given" means when options contradict each other.</summary>
    public bool IsGiven(Option option) => option is Option<bool> b ? Flag(b) : IsSet(option);

    /// <summary>Where the option's value comes from, as the user wrote it: <c>-n</c>, <c>IMAGEROLL_TIMEOUT</c>, <c>'timeout' in ./imageroll.yaml</c>.</summary>
    public string Source(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (_parse.GetResult(option) is { Implicit: false } result)
        {
            return result.IdentifierToken?.Value ?? option.Name;
        }

        return Setting(option)?.Source ?? option.Name;
    }

    public string? Text(Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (OnCommandLine(option))
        {
            // System.CommandLine throws InvalidOperationException from GetValue for an option given twice.
            var tokens = _parse.GetResult(option)!.Tokens;
            return tokens.Count > 1
                ? throw new ImageRollException(CommandErrors.BadSettings, FailureKind.BadInput,
                    $"{Source(option)} is given {tokens.Count} times ({string.Join(", ", tokens.Select(t => $"'{t.Value}'"))}); {option.Name} takes one value.", $"Give {option.Name} once.")
                : _parse.GetValue(option);
        }

        if (Setting(option) is not { } s)
        {
            return null;
        }

        return s.IsList
            ? throw new ImageRollException(CommandErrors.BadSettings, FailureKind.BadInput, $"{s.Source} has {s.Values.Count} values; {option.Name} takes one.", $"Give {option.Name} a single value.")
            : s.Values[0];
    }

    public IReadOnlyList<string> List(Option<string[]> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return OnCommandLine(option) ? _parse.GetValue(option) ?? [] : Setting(option)?.Values ?? [];
    }

    public bool Flag(Option<bool> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (OnCommandLine(option))
        {
            return _parse.GetValue(option);
        }

        if (Setting(option) is not { } s)
        {
            return false;
        }

        return s.Values is [var v] && bool.TryParse(v, out var b) ? b : throw new ImageRollException(CommandErrors.BadValue, FailureKind.BadInput,
            $"{s.Source} '{string.Join(",", s.Values)}' is not true or false.", $"Set {option.Name} to true or false.");
    }

    /// <summary>One of <paramref name="accepted"/> (any case; returned as written there), else IR2003 listing them.</summary>
    public string Choice(Option<string?> option, string fallback, params string[] accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (Text(option) is not { } text)
        {
            return fallback;
        }

        return accepted.FirstOrDefault(a => string.Equals(a, text.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ImageRollException(CommandErrors.BadValue, FailureKind.BadInput,
                $"{Source(option)} '{text}' is not one of {string.Join(", ", accepted)}.", $"Use {option.Name} {string.Join(" or ", accepted)}.");
    }

    /// <summary>A duration option (grace periods); null when not set. Zero is allowed: it means "no grace".</summary>
    public TimeSpan? Duration(Option<string?> option) =>
        Text(option) is { } text ? ParseDuration(text, Source(option), allowZero: true) : null;

    /// <summary>
    /// The one duration parser of the command line: Go/kubectl durations (<see cref="GoDuration"/>), checked against
    /// what a deadline can take, so a value no timer accepts is IR2001 (exit 2) before anything is written. Zero is
    /// refused unless <paramref name="allowZero"/>: every wait is bounded. <paramref name="source"/> names where the
    /// text came from (<c>--timeout</c>, <c>IMAGEROLL_TIMEOUT</c>, ...).
    /// </summary>
    public static TimeSpan ParseDuration(string text, string source, bool allowZero = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var d = GoDuration.Parse(text, source);
        if (d > LongestWait)
        {
            throw new ImageRollException(CommandErrors.BadDuration, FailureKind.BadInput,
                $"{source} '{text}' is longer than the longest wait ImageRoll can set ({GoDuration.Format(TimeSpan.FromSeconds(Math.Floor(LongestWait.TotalSeconds)))}).",
                $"Give a shorter duration, for example {source} 24h.");
        }

        if (d == TimeSpan.Zero && !allowZero)
        {
            throw new ImageRollException(CommandErrors.BadDuration, FailureKind.BadInput,
                $"{source} '{text}' is zero: every wait is bounded, so the command could not wait at all.",
                $"Give a positive duration, for example {source} {DefaultTimeoutText}.");
        }

        return d;
    }

    /// <summary>A path option, made absolute against the working directory; null when not set.</summary>
    public string? FullPath(Option<string?> option) => Text(option) is { } p ? Path.GetFullPath(p, WorkingDirectory) : null;

    /// <summary>IR2030: both given. The message names both as the user wrote them.</summary>
    public void Exclusive(Option first, Option second, string hint)
    {
        if (IsGiven(first) && IsGiven(second))
        {
            throw new ImageRollException(CommandErrors.ExclusiveOptions, FailureKind.BadInput, $"{Source(first)} and {Source(second)} exclude each other.", hint);
        }
    }

    /// <summary>IR2031: <paramref name="option"/> given without any of <paramref name="needs"/>.</summary>
    public void Requires(Option option, string hint, params Option[] needs)
    {
        if (IsGiven(option) && !needs.Any(IsGiven))
        {
            throw new ImageRollException(CommandErrors.MissingRequiredOption, FailureKind.BadInput,
                $"{Source(option)} only applies with {string.Join(" or ", needs.Select(n => n.Name))}, which was not given.", hint);
        }
    }

    private bool Has(Option option) => _command.Options.Contains(option) || option.Recursive;

    private SettingValue? Setting(Option option)
    {
        if (!Has(option) || SettingKeys.For(option) is not { } key || (!key.Shared && !IsRelease))
        {
            return null;
        }

        return _settings.Find(key);
    }
}
