using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ImageRoll.Core.Tests.Samples;

/// <summary>
/// The CI recipes point at the rest of the repository correctly: every <c>samples/....ext</c> file they name exists, and
/// the Jenkins agent runs as the ServiceAccount that samples/rbac/release.yaml creates (the least-privilege Role).
/// </summary>
public sealed partial class SampleCrossReferenceTests
{
    private static readonly string[] Recipes = ["samples/github-actions/release.yml", "samples/jenkins/Jenkinsfile", "samples/local-release.sh"];

    [Fact]
    public void Every_samples_path_the_recipes_name_exists()
    {
        var named = Recipes.SelectMany(r => SamplePath().Matches(File.ReadAllText(Path.Combine(RepoFiles.Root, r))).Select(m => (Recipe: r, Path: m.Value))).ToList();

        Assert.Contains(named, n => n.Path == "samples/rbac/release.yaml");
        Assert.All(named, n => Assert.True(File.Exists(Path.Combine(RepoFiles.Root, n.Path)) || Directory.Exists(Path.Combine(RepoFiles.Root, n.Path)), $"{n.Recipe} names {n.Path}, which does not exist"));
    }

    [Fact]
    public void The_jenkins_agent_runs_as_the_service_account_of_the_release_role()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepoFiles.Root, "samples", "rbac", "release.yaml"))));
        var accounts = stream.Documents.Select(d => (YamlMappingNode)d.RootNode)
            .Where(d => ((YamlScalarNode)d["kind"]).Value == "ServiceAccount")
            .Select(d => ((YamlScalarNode)((YamlMappingNode)d["metadata"])["name"]).Value)
            .ToList();
        var bound = stream.Documents.Select(d => (YamlMappingNode)d.RootNode)
            .Where(d => ((YamlScalarNode)d["kind"]).Value == "RoleBinding")
            .SelectMany(d => ((YamlSequenceNode)d["subjects"]).Children.Cast<YamlMappingNode>())
            .Select(s => ((YamlScalarNode)s["name"]).Value)
            .ToList();

        var agent = ServiceAccountName().Match(File.ReadAllText(Path.Combine(RepoFiles.Root, "samples", "jenkins", "Jenkinsfile"))).Groups["name"].Value;

        Assert.Contains(agent, accounts);
        Assert.Contains(agent, bound);
    }

    [GeneratedRegex(@"samples/[A-Za-z0-9_/-]+\.[a-z]+")]
    private static partial Regex SamplePath();

    [GeneratedRegex(@"serviceAccountName:\s*(?<name>\S+)")]
    private static partial Regex ServiceAccountName();
}
