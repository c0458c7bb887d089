using Microsoft.Extensions.Logging;

namespace ImageRoll.IntegrationTests.Build;

/// <summary>Engine logs into the current test's output (shown when a test fails).</summary>
public sealed class TestOutputLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger();

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            TestContext.Current.TestOutputHelper?.WriteLine($"{logLevel}: {formatter(state, exception)}");
    }
}
