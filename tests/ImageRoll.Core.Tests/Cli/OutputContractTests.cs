using System.Text.Json;
using System.Text.Json.Nodes;
using ImageRoll.Cli;
using ImageRoll.Cli.Console;

namespace ImageRoll.Core.Tests.Cli;

/// <summary>
/// The edges of "one JSON document on stdout" (docs/errors.md, "stdout and stderr"): an option given twice is
/// bad input, never a crash, and stays json when json is certain; a bug in <c>release</c> says exit 1 in its
/// document and exits 1.
/// </summary>
public sealed class OutputContractTests
{
    [Fact]
    public async Task Output_given_twice_as_json_is_IR2021_in_one_json_document()
    {
        var run = await CliRun.RunAsync("status", "deployment/web", "-o", "json", "-o", "json");

        Assert.Equal(2, run.ExitCode);
        var doc = JsonNode.Parse(run.Stdout)!;
        Assert.Equal(("IR2021", 2), ((string?)doc["error"]!["code"], (int)doc["exitCode"]!));
        Assert.Contains("error IR2021: -o is given 2 times ('json', 'json')", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_given_as_json_and_text_is_IR2021_in_text_mode_with_nothing_on_stdout()
    {
        var run = await CliRun.RunAsync("status", "deployment/web", "-o", "json", "--output", "text");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.StartsWith("error IR2021: -o is given 2 times ('json', 'text')", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("release", "--image", "127.0.0.1:5000/app@sha256:1111111111111111111111111111111111111111111111111111111111111111", "-o", "json")]
    [InlineData("resolve", "127.0.0.1:5000/app:v1", "-o", "json")]
    public void A_bug_is_exit_1_in_the_document_and_in_the_process(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var io = new CliIO(stdout, stderr, _ => null, ErrorIsTerminal: false);

        var exit = CliApp.Report(CliApp.BuildRoot(io).Parse(args), io, CliApp.Unexpected(new InvalidOperationException("boom")));

        Assert.Equal(CliApp.ExitUnexpected, exit);
        using var doc = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(exit, doc.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal("IR2098", doc.RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
