using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ImageRoll.IntegrationTests.Faults;

/// <summary>Keeps every warning and error the engine logs (to assert their words) and echoes all lines to the test output.</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<string> _warnings = new();

    public IReadOnlyList<string> Warnings => [.. _warnings];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (logLevel >= LogLevel.Warning)
            {
                owner._warnings.Enqueue(text);
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"{logLevel}: {text}");
        }
    }
}
