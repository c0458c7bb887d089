using System.Text.RegularExpressions;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.Faults.Corpus;

/// <summary>
/// Every case of <see cref="BadInputCorpus"/>, in-process: its IR code and exit class, a hint, no stack trace, no
/// .NET type name, nothing on stdout, a short message even for a 100 000-character value, and nothing changed: no
/// write reached the registry (the proxy's log) or the cluster (the simulator's request log), and the workloads'
/// and streams' specs are as before.
/// </summary>
public sealed partial class BadInputCorpusTests(CorpusFixture fixture) : IClassFixture<CorpusFixture>
{
    private static readonly string[] Writes = ["PUT", "POST", "PATCH", "DELETE"];

    public static TheoryData<string> Names() => [.. BadInputCorpus.Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Bad_input_is_its_IR_code_and_exit_class_and_changes_nothing(string name)
    {
        var @case = BadInputCorpus.Cases.Single(c => c.Name == name);
        var registryWrites = fixture.Proxy.RequestsWith(Writes).Count;
        var clusterRequests = fixture.Cluster.Requests.All.Count;
        var before = Snapshot();

        var run = await ImageRollCli.RunAsync(new Dictionary<string, string?> { ["HOME"] = fixture.Home }, @case.Args(fixture));

        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(run.ExitCode == @case.Exit, $"{name}: exit {run.ExitCode}, expected {@case.Exit}\n{run.Stderr}");
        Assert.True(lines.Any(l => l.StartsWith($"error {@case.Code}: ", StringComparison.Ordinal)), $"{name}: expected error {@case.Code}\n{run.Stderr}");
        Assert.Contains(lines, l => l.StartsWith("  hint: ", StringComparison.Ordinal));
        Assert.DoesNotMatch(StackTrace(), run.Stderr);
        Assert.DoesNotMatch(TypeName(), run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.True(run.Stderr.Length < 3000, $"{name}: {run.Stderr.Length} characters of stderr");
        Assert.Empty(fixture.Proxy.RequestsWith(Writes).Skip(registryWrites));
        Assert.DoesNotContain(fixture.Cluster.Requests.All.Skip(clusterRequests), r => r.Method is not ("GET" or "HEAD"));
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void The_corpus_covers_each_area_with_at_least_80_cases()
    {
        Assert.True(BadInputCorpus.Cases.Count >= 80, $"{BadInputCorpus.Cases.Count} cases");
        Assert.Equal(BadInputCorpus.Cases.Count, BadInputCorpus.Cases.Select(c => c.Name).Distinct().Count());
        foreach (var area in new[] { "resolve:", "trigger:", "kubeconfig:", "namespace:", "archive:", "registry-ca:" })
        {
            Assert.Contains(BadInputCorpus.Cases, c => c.Name.StartsWith(area, StringComparison.Ordinal));
        }
    }

    /// <summary>What a bad input must not change: each workload's and stream's generation and spec.</summary>
    private string Snapshot() => string.Join('\n', new[] { ResourceTypes.Deployments, ResourceTypes.ImageStreams }
        .SelectMany(t => fixture.Cluster.Store.List(t, "default").Items)
        .Select(o => $"{o["metadata"]!["name"]} {o["metadata"]!["generation"]} {o["spec"]?.ToJsonString()}")
        .Order(StringComparer.Ordinal));

    [GeneratedRegex(@"^\s+at [\w.<>`]+\(|Exception:|--- End of", RegexOptions.Multiline)]
    private static partial Regex StackTrace();

    [GeneratedRegex(@"\b(System|ImageRoll|Microsoft)\.[A-Z]\w*\.[A-Z]|`\d\[|RemoteCertificateValidationCallback")]
    private static partial Regex TypeName();
}
