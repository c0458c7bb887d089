namespace ImageRoll;

/// <summary>
/// The IR20xx codes of a command's own input (command line, settings file, workload and namespace names,
/// durations) and of its end (IR2098 unexpected error, IR2099 cancelled), shared by the CLI, the MSBuild tasks and the engine.
/// </summary>
public static class CommandErrors
{
    /// <summary>The command line does not parse: an unknown option or command, a missing argument (exit 2).</summary>
    public const string BadCommandLine = "IR2000";

    /// <summary>A duration is malformed, zero or too long (exit 2).</summary>
    public const string BadDuration = "IR2001";

    /// <summary>The verbosity is not one of the levels q, m, n, d, diag (exit 2).</summary>
    public const string BadVerbosity = "IR2002";

    /// <summary>An option's value is not one it accepts: a choice, or a switch that is not true or false (exit 2).</summary>
    public const string BadValue = "IR2003";

    /// <summary>A release without an image reference (exit 2).</summary>
    public const string NoImage = "IR2004";

    /// <summary>The command did not finish within --timeout; the message says what it waited for (exit 5).</summary>
    public const string TimedOut = "IR2005";

    /// <summary>The JUnit or JSON report file could not be written.</summary>
    public const string ReportNotWritten = "IR2006";

    /// <summary>A workload is not written KIND/NAME (exit 2).</summary>
    public const string BadWorkload = "IR2010";

    /// <summary>The workload kind is not one ImageRoll rolls out (exit 2).</summary>
    public const string UnsupportedWorkloadKind = "IR2011";

    /// <summary>The workload name is not a valid Kubernetes name (exit 2).</summary>
    public const string BadWorkloadName = "IR2012";

    /// <summary>The namespace is not a DNS-1123 label (exit 2).</summary>
    public const string BadNamespace = "IR2013";

    /// <summary>The settings file (imageroll.yaml) has a key that is not an option (exit 2).</summary>
    public const string UnknownSettingsKey = "IR2020";

    /// <summary>The settings file is malformed, or a one-value option got several values (exit 2).</summary>
    public const string BadSettings = "IR2021";

    /// <summary>Two options that exclude each other were given (exit 2).</summary>
    public const string ExclusiveOptions = "IR2030";

    /// <summary>An option was given without the option it needs (exit 2).</summary>
    public const string MissingRequiredOption = "IR2031";

    /// <summary>An unexpected error: a bug in ImageRoll (exit 1).</summary>
    public const string Unexpected = "IR2098";

    /// <summary>The caller cancelled (SIGINT, SIGTERM, MSBuild cancel); nothing after the interruption was done (exit 130).</summary>
    public const string Cancelled = "IR2099";
}
