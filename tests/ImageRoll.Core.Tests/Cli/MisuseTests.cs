namespace ImageRoll.Core.Tests.Cli;

/// <summary>
/// Misuse of release and the single-step commands, in-process through CliApp.RunAsync: each is exit 2 with the
/// expected IR code, a hint, the bad values named, nothing on stdout, and no stack trace. None of them reaches a
/// registry or cluster (the addresses below do not exist), so a case that slipped past validation would fail with
/// another code.
/// </summary>
public class MisuseTests
{
    private const string Image = "127.0.0.1:1/shop/web:1";
    private const string Digest = "127.0.0.1:1/shop/web@sha256:0d1f2b8f3c2a1e6d5b4c3a29180716253443526170819a0b1c2d3e4f50617283";

    public static TheoryData<string, string[], string[]> Cases() => new()
    {
        { "IR2000", ["release", "--force"], ["unknown option '--force'"] },
        { "IR2000", ["rollout", "deployment/web", "--from", "web:latest", "--force"], ["unknown option '--force'"] },
        { "IR2000", ["status", "deployment/web", "--watch", "--frobnicate", "--x"], ["'--frobnicate'", "'--x'"] },
        { "IR2000", ["status"], ["WORKLOAD"] },
        { "IR2000", ["copy", Image], ["DST"] },
        { "IR2004", ["release", "--stream", "web:latest"], ["--image"] },
        { "IR2251", ["release", "--image", Image], ["--stream", "--workload"] },
        { "IR2030", ["release", "--image", Image, "--stream", "web:latest", "--project", "p", "--dockerfile", "f"], ["--project", "--dockerfile"] },
        { "IR2030", ["release", "--image", Image, "--stream", "web:latest", "--project", "p", "--archive", "a.tar"], ["--project", "--archive"] },
        { "IR2030", ["release", "--image", Image, "--stream", "web:latest", "-f", "Dockerfile", "--archive", "a.tar"], ["-f", "--archive"] },
        { "IR2031", ["release", "--image", Image, "--stream", "web:latest", "--context", "src"], ["--context", "--dockerfile"] },
        { "IR2030", ["release", "--image", Image, "--stream", "web:latest", "--rollback-on-failure", "--no-wait"], ["--rollback-on-failure", "--no-wait"] },
        { "IR2253", ["release", "--image", Digest, "--stream", "web:latest", "--archive", "a.tar"], ["--image", "--archive", "digest"] },
        { "IR2031", ["release", "--image", Image, "--stream", "web:latest", "--ref", "v1"], ["--ref", "--archive"] },
        { "IR2001", ["release", "--image", Image, "--stream", "web:latest", "--timeout", "1200h"], ["--timeout", "1200h"] },
        { "IR2001", ["release", "--image", Image, "--stream", "web:latest", "--timeout", "0"], ["--timeout", "'0'"] },
        { "IR2001", ["release", "--image", Image, "--stream", "web:latest", "--timeout", "soon"], ["--timeout", "soon"] },
        { "IR2001", ["release", "--image", Image, "--stream", "web:latest", "--grace-period", "5y"], ["--grace-period", "5y"] },
        { "IR2003", ["release", "--image", Image, "--stream", "web:latest", "--trigger", "sometimes"], ["--trigger", "sometimes", "wait", "patch"] },
        { "IR2003", ["release", "--image", Image, "--stream", "web:latest", "--import-mode", "Some"], ["--import-mode", "Some", "PreserveOriginal"] },
        { "IR2003", ["release", "--image", Image, "--stream", "web:latest", "-o", "xml"], ["-o", "xml", "json"] },
        { "IR2002", ["release", "--image", Image, "--stream", "web:latest", "--verbosity", "loud"], ["loud"] },
        { "IR2011", ["release", "--image", Image, "--stream", "web:latest", "--workload", "pod/web"], ["pod/web"] },
        { "IR2010", ["release", "--image", Image, "--stream", "web:latest", "--workload", "web"], ["'web'", "KIND/NAME"] },
        { "IR3201", ["release", "--image", Image, "--stream", "web"], ["--stream", "'web'"] },
        { "IR2104", ["release", "--image", "127.0.0.1:1/Shop/Web:1", "--stream", "web:latest"], ["--image", "Shop/Web"] },
        { "IR2006", ["release", "--image", Image, "--stream", "web:latest", "--junit", "/no/such/folder/junit.xml"], ["--junit", "/no/such/folder"] },
        { "IR2006", ["release", "--image", Image, "--stream", "web:latest", "--report", "/tmp"], ["--report", "folder"] },
        { "IR1013", ["release", "--image", Image, "--stream", "web:latest", "--insecure-registry", "a b"], ["a b"] },
        { "IR2031", ["release", "--image", Image, "--workload", "deployment/web", "--trigger", "wait"], ["--trigger", "--stream"] },
        { "IR2031", ["release", "--image", Image, "--workload", "deployment/web", "--create-stream"], ["--create-stream", "--stream"] },
        { "IR2030", ["release", "--image", Image, "--stream", "web:latest", "--ignore-paused"], ["--ignore-paused", "--trigger wait"] },
        { "IR2031", ["release", "--image", Image, "--workload", "deployment/web", "--trigger-grace", "30s"], ["--trigger-grace", "--stream"] },
        { "IR2031", ["release", "--image", Image, "--stream", "web:latest", "--target", "build"], ["--target", "--dockerfile"] },
        { "IR2031", ["release", "--image", Image, "--stream", "web:latest", "-c", "Debug"], ["-c", "--project"] },
        { "IR2031", ["release", "--image", Image, "--stream", "web:latest", "--tag", "extra"], ["--tag", "--archive"] },
        { "IR2030", ["rollout", "deployment/web", "--image", Digest, "--trigger", "patch"], ["--trigger", "--image"] },
        { "IR2030", ["rollout", "deployment/web", "--from", "web:latest", "--image", Digest], ["--from", "--image"] },
        { "IR3350", ["rollout", "deployment/web"], ["--from", "--image"] },
        { "IR2030", ["rollout", "deployment/web", "--from", "web:latest", "--rollback-on-failure", "--no-wait"], ["--rollback-on-failure", "--no-wait"] },
        { "IR2031", ["build", "--image", Image, "--context", "src"], ["--context", "--dockerfile"] },
        { "IR2030", ["build", "--image", Image, "--project", "p", "--dockerfile", "f"], ["--project", "--dockerfile"] },
        { "IR2001", ["tag", Digest, "web:latest", "--timeout", "1200h"], ["--timeout", "1200h"] },
        { "IR2001", ["status", "deployment/web", "--timeout", "0"], ["--timeout"] },
        { "IR2001", ["status", "deployment/web", "--grace-period", "-1s"], ["--grace-period", "-1s"] },
        { "IR2001", ["push", "layout", "--image", Image, "--timeout", "3parsecs"], ["3parsecs"] },
        { "IR1013", ["resolve", Image, "--insecure-registry", "a/b"], ["a/b"] },
        { "IR2001", ["resolve", Image, "--timeout", "1200h"], ["1200h"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Misuse_is_exit_2_with_an_IR_code_a_hint_and_no_stack_trace(string code, string[] args, string[] named)
    {
        var run = await CliRun.RunAsync(args);
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}\n{run.Stderr}");
        Assert.Contains($"error {code}: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  hint: ", run.Stderr, StringComparison.Ordinal);
        foreach (var text in named)
        {
            Assert.Contains(text, run.Stderr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Release_misuse_in_json_mode_is_one_result_document_on_stdout()
    {
        var run = await CliRun.RunAsync("release", "--image", Image, "--stream", "web:latest", "--project", "p", "--dockerfile", "f", "-o", "json");
        Assert.Equal(2, run.ExitCode);
        var doc = System.Text.Json.Nodes.JsonNode.Parse(run.Stdout)!;
        Assert.Equal("IR2030", (string?)doc["error"]!["code"]);
        Assert.Equal(2, (int)doc["exitCode"]!);
        Assert.Equal(Image, (string?)doc["image"]);
    }

    [Fact]
    public async Task A_setting_from_the_environment_is_named_by_its_variable_when_bad()
    {
        var run = await CliRun.RunAsync(new Dictionary<string, string?> { ["IMAGEROLL_TIMEOUT"] = "forever" }, "release", "--image", Image, "--stream", "web:latest");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IMAGEROLL_TIMEOUT 'forever'", run.Stderr, StringComparison.Ordinal);
    }
}
