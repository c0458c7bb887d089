using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageRoll.Cli.Console;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli;

/// <summary>What a command's action needs from the host: parsed globals, streams, environment and a logger.</summary>
public sealed class CommandContext : IDisposable
{
    private static readonly JsonSerializerOptions JsonOut = new() { WriteIndented = true };

    public CommandContext(ParseResult parseResult, CliIO io)
    {
        ParseResult = parseResult;
        IO = io;
        Output = parseResult.GetValue(CommonOptions.Output);
        LogLevel = Verbosity.ToLogLevel(parseResult.GetValue(CommonOptions.VerbosityOption) ?? "n");
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel).AddProvider(new StderrLoggerProvider(io.Error, LogLevel)));
    }

    public ParseResult ParseResult { get; }

    public CliIO IO { get; }

    public OutputMode Output { get; }

    public LogLevel LogLevel { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ILogger CreateLogger(string category) => LoggerFactory.CreateLogger(category);

    public string? Env(string name) => IO.GetEnvironmentVariable(name);

    /// <summary>
    /// Writes a command's result: in text mode the lines (the last one is the result a script reads);
    /// in json mode one JSON document.
    /// </summary>
    public void WriteResult(JsonObject json, params string[] textLines)
    {
        if (Output == OutputMode.Json)
        {
            IO.Out.WriteLine(json.ToJsonString(JsonOut));
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
