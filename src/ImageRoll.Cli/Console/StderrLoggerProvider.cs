using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli.Console;

/// <summary>
/// Engine logs to stderr, one plain line each (Jenkins-friendly: no colour, no cursor tricks), or through a sink that
/// owns stderr (the live release console prints them above its redrawn block).
/// </summary>
public sealed class StderrLoggerProvider(Action<string> write, LogLevel minimum) : ILoggerProvider
{
    private readonly object _gate = new();
    private readonly Action<string> _write = write;
    private readonly LogLevel _minimum = minimum;

    public StderrLoggerProvider(TextWriter error, LogLevel minimum)
        : this(line => error.WriteLine(line), minimum)
    {
        ArgumentNullException.ThrowIfNull(error);
    }

    public ILogger CreateLogger(string categoryName) => new StderrLogger(this);

    public void Dispose()
    {
    }

    private sealed class StderrLogger(StderrLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var prefix = logLevel switch
            {
                LogLevel.Warning => "warning: ",
                LogLevel.Error or LogLevel.Critical => "error: ",
                LogLevel.Debug or LogLevel.Trace => "  ",
                _ => string.Empty,
            };
            lock (owner._gate)
            {
                owner._write(prefix + formatter(state, exception));
            }
        }
    }
}
