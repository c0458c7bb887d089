using System.CommandLine;
using System.Text.Json.Nodes;
using ImageRoll.Cli.Binding;
using ImageRoll.Cli.Ci;
using ImageRoll.Cli.Console;
using ImageRoll.Kubernetes;
using ImageRoll.Registry;
using ImageRoll.Registry.Credentials;
using ImageRoll.Util;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli;

/// <summary>
/// What a command's action needs from the host: the bound options (<see cref="Binder"/>), streams, environment, a
/// logger, the CI it runs under, the command's one deadline, and the registry and cluster clients, whose credentials
/// pass through the <see cref="SecretMasker"/>.
/// </summary>
public sealed class CommandContext : IDisposable
{
    private DateTimeOffset _started = DateTimeOffset.UtcNow;

    public CommandContext(ParseResult parseResult, CliIO io)
    {
        ArgumentNullException.ThrowIfNull(io);
        ParseResult = parseResult;
        IO = io;
        Ci = CiDetection.Detect(io.GetEnvironmentVariable);
        Masker = new SecretMasker(io.Error, Ci == CiKind.GitHubActions);
        Masker.Seen(io.GetEnvironmentVariable(DefaultRegistryCredentialProvider.PasswordVariable));
        Binder = new CommandBinder(parseResult, Settings.Load(io.GetEnvironmentVariable, io.WorkingDirectory), io.GetEnvironmentVariable, io.WorkingDirectory);
        Output = Binder.Output;
        LogLevel = Binder.LogLevel;
        LoggerFactory = new ProviderLoggerFactory(new StderrLoggerProvider(io.Error, LogLevel));
    }

    public ParseResult ParseResult { get; }

    public CommandBinder Binder { get; }

    public CliIO IO { get; }

    public CiKind Ci { get; }

    public SecretMasker Masker { get; }

    public OutputMode Output { get; }

    public LogLevel LogLevel { get; }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>What is left of <c>--timeout</c> since the command started (never less than a millisecond).</summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = Binder.Timeout - (DateTimeOffset.UtcNow - _started);
            return left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1);
        }
    }

    /// <summary>When <c>--timeout</c> runs out for this command (on the system clock).</summary>
    public DateTimeOffset DeadlineAt => _started + Binder.Timeout;

    public ILogger CreateLogger(string category) => LoggerFactory.CreateLogger(category);

    public string? Env(string name) => IO.GetEnvironmentVariable(name);

    /// <summary>
    /// Runs the command's body under its deadline: <c>--timeout</c> from now, plus <paramref name="slack"/> where the
    /// engine enforces the timeout itself and reports it with evidence (the CLI's deadline is then only a backstop).
    /// The deadline passing is IR2005 (exit 5); the caller's cancellation (a signal) stays a cancellation (exit 130).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> body, CancellationToken cancellationToken, TimeSpan slack = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var timeout = Binder.Timeout;
        _started = DateTimeOffset.UtcNow;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout + slack > CommandBinder.LongestWait ? CommandBinder.LongestWait : timeout + slack);
        try
        {
            return await body(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            // The engine words the network wait the deadline cut short (Net.WaitCanceledException): say it.
            var waiting = Net.WaitCanceledException.DescribeFrom(ex);
            throw new ImageRollException(CommandErrors.TimedOut, FailureKind.TimedOut,
                $"imageroll {ParseResult.CommandResult.Command.Name} did not finish within {Binder.Source(CliOptions.Timeout)} {GoDuration.Format(timeout)}" + (waiting is null ? "." : $": {waiting}."),
                "Allow longer with --timeout (e.g. --timeout 30m), or find what is slow with --verbosity d.", ex);
        }
    }

    /// <summary>
    /// A session honouring <c>--insecure-registry</c> and <c>--registry-ca</c>, with credentials from the default
    /// provider (IMAGEROLL_REGISTRY_USERNAME/PASSWORD, podman auth.json, docker config) over the command's environment.
    /// </summary>
    public RegistrySession CreateRegistrySession(ILoggerFactory? loggers = null) => new(Binder.RegistryOptions with
    {
        Credentials = RegistryCredentials(loggers),
        LoggerFactory = loggers ?? LoggerFactory,
    });

    public IRegistryCredentialProvider RegistryCredentials(ILoggerFactory? loggers = null) =>
        new MaskingCredentialProvider(new DefaultRegistryCredentialProvider(Env, (loggers ?? LoggerFactory).CreateLogger("ImageRoll.Registry.Credentials")), Masker);

    /// <summary>The cluster client for <c>--kubeconfig</c>, <c>--context</c>/<c>--kube-context</c> and <c>-n</c>, kubectl's way.</summary>
    public KubeApiClient CreateKubeClient(ILoggerFactory? loggers = null)
    {
        var config = KubeconfigLoader.Load(Binder.Cluster, Env);
        var logger = (loggers ?? LoggerFactory).CreateLogger("ImageRoll.Kubernetes");
        logger.LogDebug("Cluster {Server}, context {Context}, namespace {Namespace}, credentials: {Credentials} (from {Source})",
            config.Server, config.ContextName, config.Namespace, config.Credentials.Description, config.Source);
        return new KubeApiClient(config with { Credentials = new MaskingKubeCredentials(config.Credentials, Masker) }, handler: null, logger);
    }

    /// <summary>
    /// Writes a command's result: in text mode the lines (the last one is the result a script reads);
    /// in json mode one JSON document.
    /// </summary>
    public void WriteResult(JsonObject json, params string[] textLines)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(textLines);
        if (Output == OutputMode.Json)
        {
            // Every document carries the exit code, success included (docs/errors.md, "stdout and stderr").
            if (!json.ContainsKey("exitCode"))
            {
                json["exitCode"] = CliApp.ExitSuccess;
            }

            IO.Out.WriteLine(json.ToJsonString(Json.Indented));
        }
        else
        {
            foreach (var line in textLines)
            {
                IO.Out.WriteLine(line);
            }
        }

        IO.Out.Flush();
    }

    public void Dispose() => LoggerFactory.Dispose();
}
