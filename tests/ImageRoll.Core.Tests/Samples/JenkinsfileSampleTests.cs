using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ImageRoll.Core.Tests.Samples;

/// <summary>
/// samples/jenkins/Jenkinsfile is a declarative pipeline a team can copy: its Groovy nests, its sections are where
/// declarative pipelines want them, the agent is a pod in OpenShift running as the service account, the registry
/// login comes from <c>withCredentials</c> around the release (and no <c>sh</c> lets Groovy interpolate it), the JUnit
/// file the release writes is the one the <c>junit</c> step publishes, and the release command binds with the real CLI.
/// </summary>
public sealed partial class JenkinsfileSampleTests
{
    private static readonly string FilePath = Path.Combine(RepoFiles.Root, "samples", "jenkins", "Jenkinsfile");

    private static string Text => File.ReadAllText(FilePath);

    [Fact]
    public void The_pipeline_nests_and_has_the_declarative_sections_in_their_places()
    {
        var outline = GroovyOutline.Parse(Text);
        var paths = outline.Blocks.Select(b => b.Path).ToHashSet();

        Assert.Equal("pipeline", outline.Blocks.Single(b => !b.Path.Contains('/', StringComparison.Ordinal)).Path);
        foreach (var path in new[] { "pipeline/agent/kubernetes", "pipeline/options", "pipeline/environment", "pipeline/stages/stage/steps", "pipeline/post/always" })
        {
            Assert.Contains(path, paths);
        }

        Assert.Equal("pipeline/post/always", outline.PathAt(JunitStep().Match(Text).Index));
        Assert.All(outline.Blocks.Where(b => b.Path.EndsWith("/stage", StringComparison.Ordinal)),
            stage => Assert.Contains(outline.Blocks, b => b.Path == stage.Path + "/steps" && b.Start > stage.Start && b.End < stage.End));
    }

    [Fact]
    public void The_agent_is_a_pod_in_openshift_running_as_the_service_account_of_the_rbac_sample()
    {
        var agent = AgentPod().Match(Text);
        Assert.True(agent.Success, "no kubernetes { ... yaml '''...''' } agent");
        var stream = new YamlStream();
        stream.Load(new StringReader(agent.Groups["yaml"].Value));
        var pod = (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
        var spec = (YamlMappingNode)pod["spec"];

        Assert.Equal("Pod", ((YamlScalarNode)pod["kind"]).Value);
        Assert.Equal("imageroll", ((YamlScalarNode)spec["serviceAccountName"]).Value);
        var defaultContainer = DefaultContainer().Match(Text).Groups["name"].Value;
        Assert.Contains(((YamlSequenceNode)spec["containers"]).Children.Cast<YamlMappingNode>(), c => ((YamlScalarNode)c["name"]).Value == defaultContainer);
        // No kubeconfig and no token in Jenkins: imageroll takes the pod's own service account.
        Assert.DoesNotContain("KUBECONFIG", Text, StringComparison.Ordinal);
        Assert.DoesNotContain("--kubeconfig", Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registry_login_comes_from_withCredentials_around_the_release_and_groovy_never_interpolates_it()
    {
        var text = Text;
        var outline = GroovyOutline.Parse(text);
        var credentials = Credentials().Match(text);
        Assert.True(credentials.Success, "no withCredentials([usernamePassword(...IMAGEROLL_REGISTRY_USERNAME...IMAGEROLL_REGISTRY_PASSWORD)])");
        var release = text.IndexOf(".tools/imageroll release", StringComparison.Ordinal);
        Assert.True(release > 0, "no .tools/imageroll release in an sh step");

        Assert.EndsWith("/steps/withCredentials", outline.PathAt(release), StringComparison.Ordinal);
        foreach (Match sh in ShStep().Matches(text))
        {
            // Jenkins: a secret in a Groovy-interpolated string leaks into the command line and the build log.
            Assert.False(sh.Groups["q"].Value.StartsWith('"') && sh.Groups["body"].Value.Contains('$', StringComparison.Ordinal), $"line {GroovyOutline.LineOf(text, sh.Index)}: a double-quoted sh string is interpolated by Groovy");
            Assert.Null(RepoFiles.BashSyntaxError(sh.Groups["body"].Value));
        }

        Assert.DoesNotMatch("(?i)(password|token)\\s*=\\s*'[^']", text);
    }

    [Fact]
    public void The_release_binds_and_writes_the_junit_file_the_junit_step_publishes()
    {
        var example = Assert.Single(CommandExamples.FromGroovy(Text, "Jenkinsfile", 1), e => e.Text.Contains(" release ", StringComparison.Ordinal));
        var workspace = Directory.CreateTempSubdirectory("imageroll-jenkins-").FullName;
        try
        {
            var env = Environment(workspace);
            var words = ShellWords.Split(example.Text, name => env.TryGetValue(name, out var v) ? [v] : throw new Xunit.Sdk.XunitException($"the release reads ${name}, which the pipeline never sets"));

            var (options, junit, report) = CliParseCheck.BindRelease(words.Skip(1).ToList(), n => env.GetValueOrDefault(n), workspace);

            Assert.Equal(".tools/imageroll", words[0]);
            Assert.Equal("registry.example.com/shop/web:" + env["GIT_COMMIT"], options.Image.ToString());
            Assert.IsType<ImageRoll.Release.SdkProjectSource>(options.Source);
            Assert.Equal("shop", options.StreamTag!.Namespace ?? options.Namespace);
            Assert.True(options.RollbackOnFailure);
            var published = JunitStep().Match(Text).Groups["file"].Value;
            Assert.Equal(Path.Combine(workspace, published), junit);
            Assert.NotNull(report);
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    /// <summary>What the release's shell sees: Jenkins' own variables, the environment block, the bound credentials.</summary>
    private static Dictionary<string, string> Environment(string workspace)
    {
        var env = new Dictionary<string, string>
        {
            ["WORKSPACE"] = workspace,
            ["GIT_COMMIT"] = "3f2c1a0b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a",
            ["BUILD_NUMBER"] = "42",
            ["JENKINS_URL"] = "https://jenkins.example.com/",
            ["IMAGEROLL_REGISTRY_USERNAME"] = "robot",
            ["IMAGEROLL_REGISTRY_PASSWORD"] = "secret-value",
        };
        var block = EnvironmentBlock().Match(Text);
        Assert.True(block.Success, "no environment { } block");
        foreach (Match m in EnvironmentEntry().Matches(block.Groups["body"].Value))
        {
            env[m.Groups["name"].Value] = m.Groups["value"].Value;
        }

        return env;
    }

    [GeneratedRegex(@"kubernetes\s*\{.*?\byaml\s+'''(?<yaml>.*?)'''", RegexOptions.Singleline)]
    private static partial Regex AgentPod();

    [GeneratedRegex(@"defaultContainer\s+'(?<name>[^']+)'")]
    private static partial Regex DefaultContainer();

    [GeneratedRegex(@"withCredentials\(\[usernamePassword\(credentialsId:\s*'[^']+',\s*usernameVariable:\s*'IMAGEROLL_REGISTRY_USERNAME',\s*passwordVariable:\s*'IMAGEROLL_REGISTRY_PASSWORD'\)\]\)\s*\{")]
    private static partial Regex Credentials();

    [GeneratedRegex("""\bsh\s*\(?\s*(?<q>'''|\"\"\"|'|")(?<body>.*?)\k<q>""", RegexOptions.Singleline)]
    private static partial Regex ShStep();

    [GeneratedRegex(@"\bjunit\s+(?:testResults:\s*)?'(?<file>[^']+)'")]
    private static partial Regex JunitStep();

    [GeneratedRegex(@"\n  environment\s*\{(?<body>.*?)\n  \}", RegexOptions.Singleline)]
    private static partial Regex EnvironmentBlock();

    [GeneratedRegex(@"(?<name>[A-Z_][A-Z0-9_]*)\s*=\s*'(?<value>[^']*)'")]
    private static partial Regex EnvironmentEntry();
}
