using System.Text.RegularExpressions;

namespace ImageRoll.Core.Tests.Samples;

/// <summary>
/// Every <c>imageroll</c> command a reader can copy from README.md, docs/*.md and samples/ parses with the real CLI
/// (System.CommandLine tree, unknown options, the values every command checks before it starts), so the docs never
/// show an option that does not exist or a combination the tool refuses.
/// </summary>
public sealed partial class CommandExamplesTests
{
    [Fact]
    public void Every_imageroll_command_in_the_readme_the_docs_and_the_samples_parses_with_the_real_cli()
    {
        var examples = RepoFiles.DocsAndSamples().SelectMany(f => CommandExamples.FromFile(f, RepoFiles.Relative(f))).ToList();
        var problems = new List<string>();
        var synopses = new List<CommandExample>();
        foreach (var example in examples)
        {
            if (Synopsis().IsMatch(example.Text))
            {
                synopses.Add(example);
                continue;
            }

            problems.AddRange(Check(example));
        }

        Assert.True(examples.Count >= 15, $"only {examples.Count} examples found: the extraction is broken\n{string.Join('\n', examples)}");
        foreach (var file in new[] { "README.md", "samples/github-actions/release.yml", "samples/jenkins/Jenkinsfile", "samples/local-release.sh" })
        {
            Assert.True(examples.Any(e => e.Source.StartsWith(file + ":", StringComparison.Ordinal)), $"no imageroll command found in {file}");
        }

        Assert.DoesNotContain(synopses, s => s.Source.StartsWith("samples/", StringComparison.Ordinal));
        Assert.True(problems.Count == 0, $"{problems.Count} of {examples.Count} command examples do not parse:\n{string.Join('\n', problems)}");
    }

    [Theory]
    [InlineData("imageroll release --image r.example/a:1 --stream a:latest --force", "unknown option(s): --force")]
    [InlineData("imageroll relase deployment/x", "does not parse")]
    [InlineData("imageroll --timeout 5m", "does not parse")]
    [InlineData("imageroll release --image r.example/a:1 --project src/A --archive a.tar --stream a:latest", "error IR2030")]
    [InlineData("imageroll build --image r.example/a:1 --context . --project src/A", "error IR2031")]
    [InlineData("imageroll rollout deployment/x --from a:latest --timeout 5minutes", "error IR2001")]
    [InlineData("imageroll status deployment/x --verbosity loud", "error IR2002")]
    [InlineData("imageroll tag", "does not parse")]
    public void A_command_the_cli_refuses_is_reported(string line, string expected)
    {
        var problems = Check(new CommandExample("test:1", line, "shell")).ToList();

        var problem = Assert.Single(problems);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_are_found_in_shell_yaml_and_groovy_blocks_and_nowhere_else()
    {
        const string Markdown = """
            Prose that mentions imageroll release --bogus is not an example.

            ```sh
            $ IMAGEROLL_NAMESPACE=shop imageroll status deployment/web \
                --watch   # a comment
            echo imageroll is not the command here
            ```

            ```yaml
            - id: release
              run: .tools/imageroll release --image ${{ env.REGISTRY }}/web:1 --stream web:latest
                     --trigger wait
            ```

            ```groovy
            sh '''
              "$WORKSPACE/.tools/imageroll" push out/web.tar --image $REGISTRY/web:$GIT_COMMIT
            '''
            ```
            """;

        var examples = CommandExamples.FromMarkdown(Markdown, "x.md").ToList();

        Assert.Equal(3, examples.Count);
        Assert.Equal(("x.md:4", "imageroll status deployment/web \\\n    --watch   # a comment"), (examples[0].Source, examples[0].Text));
        Assert.Equal(("x.md:11", ".tools/imageroll release --image ${{ env.REGISTRY }}/web:1 --stream web:latest --trigger wait"), (examples[1].Source, examples[1].Text));
        Assert.Equal("\"$WORKSPACE/.tools/imageroll\" push out/web.tar --image $REGISTRY/web:$GIT_COMMIT", examples[2].Text);
        Assert.Equal(["status", "deployment/web", "--watch"], Words(examples[0]).Skip(1));
        Assert.Equal(["push", "out/web.tar", "--image", "REGISTRY/web:GIT_COMMIT"], Words(examples[2]).Skip(1));
        Assert.All(examples, e => Assert.Empty(Check(e)));
    }

    [Fact]
    public void Shell_words_follow_quoting_variables_and_arrays()
    {
        var variables = new Dictionary<string, IReadOnlyList<string>>
        {
            ["IMAGE"] = ["reg.example/a b:1"],
            ["ns[@]"] = ["-n", "shop"],
            ["none[@]"] = [],
        };

        var words = ShellWords.Split("x --image \"$IMAGE\" 'lit $IMAGE' a\\ b \"${ns[@]}\" \"${none[@]}\" ${IMAGE}z; rm -rf /", n => variables[n]);

        Assert.Equal(["x", "--image", "reg.example/a b:1", "lit $IMAGE", "a b", "-n", "shop", "reg.example/a b:1z"], words);
        Assert.Throws<FormatException>(() => ShellWords.Split("x $(date)", n => variables[n]));
        Assert.Throws<FormatException>(() => ShellWords.Split("x 'open", n => variables[n]));
    }

    /// <summary>Placeholders for a docs example: a variable becomes its name, a GitHub expression a word, an array nothing.</summary>
    private static List<string> Words(CommandExample example) =>
        ShellWords.Split(GitHubExpression().Replace(example.Text, "EXPR"), name => name.EndsWith("[@]", StringComparison.Ordinal) ? [] : [name]).ToList();

    private static IEnumerable<string> Check(CommandExample example)
    {
        List<string> words;
        try
        {
            words = Words(example);
        }
        catch (FormatException ex)
        {
            return [$"{example}\n    {ex.Message}"];
        }

        var problem = CliParseCheck.Problem(words.Skip(1).ToList());
        return problem is null ? [] : [$"{example}\n    {problem}"];
    }

    /// <summary>A usage line rather than an example: optional parts in brackets (<c>[--context D]</c>, <c>[WORKLOAD...]</c>).</summary>
    [GeneratedRegex(@"\[(?:-|[A-Z])")]
    private static partial Regex Synopsis();

    [GeneratedRegex(@"\$\{\{.*?\}\}")]
    private static partial Regex GitHubExpression();
}
