using System.CommandLine;
using ImageRoll.Cli;
using ImageRoll.Cli.Binding;
using ImageRoll.Cli.Console;
using ImageRoll.Release;

namespace ImageRoll.Core.Tests.Samples;

/// <summary>
/// The real <c>imageroll</c> command line, parsed and bound without running anything: the same
/// <see cref="CliApp.BuildRoot"/> tree and unknown-option rule as <see cref="CliApp.RunAsync"/>, then the checks every
/// command binds before its first request (<c>--timeout</c>, <c>--output</c>, <c>--verbosity</c>,
/// <c>--insecure-registry</c>, and for build and release the source options that exclude or need each other).
/// </summary>
public static class CliParseCheck
{
    /// <summary>Null when <paramref name="args"/> (the words after <c>imageroll</c>) parse and bind; else what is wrong.</summary>
    public static string? Problem(IReadOnlyList<string> args, Func<string, string?>? environment = null, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (parse, problem) = Parse(args, environment, workingDirectory);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var binder = Binder(parse, environment, workingDirectory);
            _ = binder.Timeout;
            _ = binder.Output;
            _ = binder.LogLevel;
            _ = binder.InsecureRegistries;
            if (parse.CommandResult.Command.Name is "release" or "build")
            {
                binder.CheckSourceOptions();
            }
        }
        catch (ImageRollException ex)
        {
            return $"error {ex.Code}: {ex.Message}";
        }

        return null;
    }

    /// <summary>
    /// <c>imageroll release ...</c> bound as the command binds it before the engine starts: the whole
    /// <see cref="ReleaseOptions"/> and the report files (their folders must exist). Throws what the command would print.
    /// </summary>
    public static (ReleaseOptions Options, string? Junit, string? Report) BindRelease(IReadOnlyList<string> args, Func<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (parse, problem) = Parse(args, environment, workingDirectory);
        Assert.True(problem is null, $"imageroll {string.Join(' ', args)}: {problem}");
        Assert.Equal("release", parse.CommandResult.Command.Name);
        var binder = Binder(parse, environment, workingDirectory);
        var options = binder.ReleaseOptions();
        var (junit, report) = binder.ReleaseFiles();
        return (options, junit, report);
    }

    private static (ParseResult Parse, string? Problem) Parse(IReadOnlyList<string> args, Func<string, string?>? environment, string? workingDirectory)
    {
        var io = new CliIO(TextWriter.Null, TextWriter.Null, environment ?? (_ => null), ErrorIsTerminal: false)
        {
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        var parse = CliApp.BuildRoot(io).Parse(args.ToArray());
        // As CliApp: an unknown option is named as such before System.CommandLine's own errors.
        var unknown = UnknownOptions.Find(parse);
        if (unknown.Count > 0)
        {
            return (parse, "unknown option(s): " + string.Join(", ", unknown));
        }

        if (parse.Errors.Count > 0)
        {
            return (parse, "does not parse: " + string.Join("; ", parse.Errors.Select(e => e.Message)));
        }

        return (parse, null);
    }

    /// <summary>The binder as the command makes it: flags, then IMAGEROLL_* variables, then imageroll.yaml (none here unless the folder has one).</summary>
    private static CommandBinder Binder(ParseResult parse, Func<string, string?>? environment, string? workingDirectory)
    {
        var env = environment ?? (_ => null);
        var wd = workingDirectory ?? Path.GetTempPath();
        return new CommandBinder(parse, Settings.Load(env, wd), env, wd);
    }
}
