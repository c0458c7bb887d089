using System.Text.Json.Nodes;
using ImageRoll.OpenShift.Triggers;

namespace ImageRoll.Core.Tests.OpenShift;

public sealed class TriggerValidatorTests
{
    private static WorkloadTemplate Deployment(params string[] containers) => new(JsonNode.Parse(
        """{"kind":"Deployment","metadata":{"name":"example","namespace":"ns"},"spec":{"template":{"spec":{"containers":[LIST]}}}}"""
            .Replace("LIST", string.Join(",", containers.Select(c => "{\"name\":\"" + c + "\",\"image\":\"old\"}")), StringComparison.Ordinal))!.AsObject());

    private static WorkloadTemplate CronJob() => new(JsonNode.Parse("""
        {"kind":"CronJob","metadata":{"name":"job","namespace":"ns"},"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"old"}]}}}}}}
        """)!.AsObject());

    private static IReadOnlyList<TriggerProblem> Validate(WorkloadTemplate w, string fieldPath, string kind = "ImageStreamTag", string name = "example:latest") =>
        TriggerValidator.Validate(w, new ObjectFieldTrigger(0, kind, name, "", fieldPath, false), out _);

    [Fact]
    public void A_name_selector_with_double_quotes_finds_the_container()
    {
        var problems = TriggerValidator.Validate(Deployment("side", "web"), new ObjectFieldTrigger(0, "ImageStreamTag", "example:latest", "", "spec.template.spec.containers[?(@.name==\"web\")].image", false), out var selector);
        Assert.Empty(problems);
        Assert.Equal("web", selector!.Name);
    }

    [Theory]
    [InlineData("spec.template.spec.containers[?(@.name=='web')].image", TriggerCodes.SelectorSingleQuotes)]
    [InlineData("spec.template.spec.containers[?(@.name == \"web\")].image", TriggerCodes.SelectorSpaces)]
    [InlineData("spec.template.spec.containers[?(@.name==\"api\")].image", TriggerCodes.NoSuchContainer)]
    [InlineData("spec.template.spec.containers[3].image", TriggerCodes.IndexOutOfRange)]
    [InlineData("spec.jobTemplate.spec.template.spec.containers[0].image", TriggerCodes.FieldPathOtherKind)]
    [InlineData("spec.containers[0].image", TriggerCodes.FieldPathOtherKind)]
    [InlineData("spec.template.spec.containers[0]", TriggerCodes.FieldPathMalformed)]
    [InlineData("spec.template.spec.volumes[0].image", TriggerCodes.FieldPathMalformed)]
    [InlineData("", TriggerCodes.FieldPathMissing)]
    public void Each_broken_fieldPath_has_its_own_code(string fieldPath, string code)
    {
        var p = Assert.Single(Validate(Deployment("web"), fieldPath));
        Assert.Equal(code, p.Code);
        Assert.Equal(0, p.TriggerIndex);
    }

    [Fact]
    public void Single_quotes_hint_gives_the_corrected_path()
    {
        var p = Assert.Single(Validate(Deployment("web"), "spec.template.spec.containers[?(@.name='web')].image"));
        Assert.True(p.Hint.Contains("[?(@.name==\\\"web\\\")]", StringComparison.Ordinal), p.Hint);
    }

    [Fact]
    public void Another_kinds_path_names_the_kind()
    {
        var p = Assert.Single(Validate(Deployment("web"), "spec.jobTemplate.spec.template.spec.containers[0].image"));
        Assert.Contains("CronJob", p.Message, StringComparison.Ordinal);
        Assert.Empty(Validate(CronJob(), "spec.jobTemplate.spec.template.spec.containers[0].image"));
        Assert.Equal(TriggerCodes.FieldPathOtherKind, Assert.Single(Validate(CronJob(), "spec.template.spec.containers[0].image")).Code);
    }

    [Fact]
    public void From_kind_other_than_ImageStreamTag_is_no_problem_by_itself()
    {
        // library-go annotations.go UpdateObjectFromImages applies it (wait mode refuses it: TriggerRunnerTests).
        Assert.Empty(Validate(Deployment("web"), "spec.template.spec.containers[0].image", kind: "DockerImage"));
    }

    [Fact]
    public void From_name_without_a_tag_is_IR3316()
    {
        Assert.Equal(TriggerCodes.FromNameWithoutTag, Assert.Single(Validate(Deployment("web"), "spec.template.spec.containers[0].image", name: "example")).Code);
    }

    [Fact]
    public void Init_containers_are_found_by_index_and_name()
    {
        var w = new WorkloadTemplate(JsonNode.Parse("""{"kind":"StatefulSet","metadata":{"name":"db"},"spec":{"template":{"spec":{"initContainers":[{"name":"migrate","image":"a"}],"containers":[{"name":"db","image":"b"}]}}}}""")!.AsObject());
        Assert.Empty(Validate(w, "spec.template.spec.initContainers[0].image"));
        Assert.Empty(Validate(w, "spec.template.spec.initContainers[?(@.name==\"migrate\")].image"));
        Assert.Equal(TriggerCodes.NoSuchContainer, Assert.Single(Validate(w, "spec.template.spec.initContainers[?(@.name==\"api\")].image")).Code);
    }

    [Theory]
    [InlineData("spec.template.spec.containers[?(@.name==\"migrate\")].image", true)]
    [InlineData("spec.template.spec.initContainers[?(@.name==\"db\")].image", false)]
    public void A_name_selector_finds_the_container_in_either_list_as_GetContainerByName_does(string fieldPath, bool init)
    {
        // library-go referencemutator/pods.go GetContainerByName searches initContainers, then containers.
        var w = new WorkloadTemplate(JsonNode.Parse("""{"kind":"StatefulSet","metadata":{"name":"db"},"spec":{"template":{"spec":{"initContainers":[{"name":"migrate","image":"a"}],"containers":[{"name":"db","image":"b"}]}}}}""")!.AsObject());
        var problems = TriggerValidator.Validate(w, new ObjectFieldTrigger(0, "ImageStreamTag", "example:latest", "", fieldPath, false), out var selector);
        Assert.Empty(problems);
        Assert.Equal(init, selector!.Init);
        Assert.Equal(init ? "a" : "b", w.Image(selector));
    }
}
