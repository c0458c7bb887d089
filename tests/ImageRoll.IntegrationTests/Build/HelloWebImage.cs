using System.Diagnostics;
using ImageRoll.Build;
using ImageRoll.Images;
using ImageRoll.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace ImageRoll.IntegrationTests.Build;

/// <summary>samples/HelloWeb published once per test run with the sdk builder onto the local .NET base image.</summary>
public sealed class HelloWebImage : IAsyncLifetime
{
    public const string Sha = "89abcdef0123456789abcdef0123456789abcdef";

    public ImageBuildResult Result { get; private set; } = null!;

    public ImageReference Tagged { get; private set; } = null!;

    public TimeSpan Elapsed { get; private set; }

    public List<string> Log { get; } = [];

    public async ValueTask InitializeAsync()
    {
        var baseImage = await BaseImages.DotnetAsync();
        Tagged = ImageReference.Parse($"{TestServices.Registry}/samples/helloweb:{Guid.NewGuid():N}"[..^20]);
        using var factory = LoggerFactory.Create(b => b.AddProvider(new ListLoggerProvider(Log)));
        var builder = new SdkImageBuilder(null, TestRegistry.Probe(), factory.CreateLogger("sdk"))
        {
            Environment = name => name switch
            {
                "GIT_URL" => "https://jenkins-user:s3cret@git.example/team/helloweb.git",
                "GIT_COMMIT" => Sha,
                _ => Environment.GetEnvironmentVariable(name),
            },
        };
        var watch = Stopwatch.StartNew();
        Result = await builder.BuildAsync(
            new ImageBuildRequest
            {
                Image = Tagged,
                Project = Path.Combine(TestServices.RepoRoot, "samples", "HelloWeb"),
                BaseImage = ImageReference.Parse(baseImage),
                Labels = new Dictionary<string, string> { ["com.example.release"] = "r1; a \"quoted\" $(value)" },
                InsecureRegistries = [TestServices.Registry],
                WorkingDirectory = TestServices.RepoRoot,
            },
            TestContext.Current.CancellationToken);
        Elapsed = watch.Elapsed;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines)
                {
                    lines.Add(formatter(state, exception));
                }
            }
        }
    }
}
