using ImageRoll.Kubernetes;

namespace ImageRoll.Core.Tests.Kubernetes;

public class WorkloadRefTests
{
    [Theory]
    [InlineData("deployment/web", "Deployment", "web")]
    [InlineData("deploy/web", "Deployment", "web")]
    [InlineData("deployments.apps/web", "Deployment", "web")]
    [InlineData("sts/db-0.x", "StatefulSet", "db-0.x")]
    [InlineData("ds/agent", "DaemonSet", "agent")]
    [InlineData("dc/app", "DeploymentConfig", "app")]
    [InlineData("DeploymentConfig/app", "DeploymentConfig", "app")]
    [InlineData("cj/nightly", "CronJob", "nightly")]
    public void Parses_kubectl_workload_names(string text, string kind, string name)
    {
        var w = WorkloadRef.Parse(text);
        Assert.Equal(kind, w.Kind.Kind);
        Assert.Equal(name, w.Name);
    }

    [Theory]
    [InlineData("web", "IR2010")]
    [InlineData("deployment/", "IR2010")]
    [InlineData("deployment/a/b", "IR2010")]
    [InlineData("pod/web", "IR2011")]
    [InlineData("deployment/Web", "IR2012")]
    [InlineData("deployment/-web", "IR2012")]
    public void Rejects_bad_workloads_with_a_code_naming_the_text(string text, string code)
    {
        var ex = Assert.Throws<ImageRollException>(() => WorkloadRef.Parse(text));
        Assert.Equal(code, ex.Code);
        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains(text.Split('/').Last() is { Length: > 0 } last && code == "IR2012" ? last : text, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formats_as_kubectl_does() => Assert.Equal("deploymentconfig/app", WorkloadRef.Parse("dc/app").ToString());
}
