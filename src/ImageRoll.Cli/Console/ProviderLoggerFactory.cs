using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli.Console;

/// <summary>
/// The CLI's logger factory: every category goes to one provider (which filters by level itself). It replaces
/// Microsoft.Extensions.Logging's LoggerFactory, whose dependency-injection container, options and filter rules cost
/// a process start tens of milliseconds of JIT and load for nothing the CLI uses (docs/architecture.md, Start-up).
/// </summary>
public sealed class ProviderLoggerFactory(ILoggerProvider provider) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("The CLI logs through the one provider it was created with.");

    public void Dispose() => provider.Dispose();
}
