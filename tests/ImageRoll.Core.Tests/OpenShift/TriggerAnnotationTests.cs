using ImageRoll.OpenShift.Triggers;

namespace ImageRoll.Core.Tests.OpenShift;

public sealed class TriggerAnnotationTests
{
    private const string Good = """[{"from":{"kind":"ImageStreamTag","name":"example:latest"},"fieldPath":"spec.template.spec.containers[?(@.name==\"web\")].image","paused":false}]""";

    [Fact]
    public void Decodes_a_well_formed_annotation_like_the_controller()
    {
        var r = TriggerAnnotation.Decode(Good);
        Assert.Null(r.ControllerError);
        Assert.Empty(r.Problems);
        var t = Assert.Single(r.Triggers);
        Assert.Equal(("example", "latest"), t.StreamTag());
        Assert.False(t.Paused);
        Assert.Equal("prod", t.EffectiveNamespace("prod"));
    }

    [Fact]
    public void Keys_match_case_insensitively_as_in_Go()
    {
        var r = TriggerAnnotation.Decode("""[{"From":{"Kind":"ImageStreamTag","Name":"a:b"},"FIELDPATH":"spec.template.spec.containers[0].image","Paused":true}]""");
        Assert.Empty(r.Problems);
        var t = Assert.Single(r.Triggers);
        Assert.True(t.Paused);
        Assert.Equal("spec.template.spec.containers[0].image", t.FieldPath);
    }

    [Fact]
    public void Invalid_json_drops_every_trigger_with_IR3301()
    {
        var r = TriggerAnnotation.Decode("""[{"from":{"kind":"ImageStreamTag","name":"example:latest"},"fieldPath":"x",}]""");
        Assert.Empty(r.Triggers);
        Assert.NotNull(r.ControllerError);
        Assert.Equal(TriggerCodes.InvalidJson, Assert.Single(r.Problems).Code);
    }

    [Fact]
    public void Paused_as_a_string_drops_every_trigger_with_IR3303()
    {
        var r = TriggerAnnotation.Decode(Good.Replace("\"paused\":false", "\"paused\":\"false\"", StringComparison.Ordinal)
            .Replace("[{", "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"other:latest\"},\"fieldPath\":\"spec.template.spec.containers[1].image\"},{", StringComparison.Ordinal));
        Assert.Empty(r.Triggers);
        var p = Assert.Single(r.Problems);
        Assert.Equal(TriggerCodes.PausedNotBoolean, p.Code);
        Assert.Contains("\"paused\":\"false\"", p.Message, StringComparison.Ordinal);
        Assert.Equal(1, p.TriggerIndex);
    }

    [Fact]
    public void Pause_instead_of_paused_is_ignored_by_the_controller_and_reported_as_IR3305()
    {
        var r = TriggerAnnotation.Decode(Good.Replace("\"paused\":false", "\"pause\":true", StringComparison.Ordinal));
        Assert.Null(r.ControllerError);
        Assert.False(Assert.Single(r.Triggers).Paused);
        Assert.Equal(TriggerCodes.PauseMisspelled, Assert.Single(r.Problems).Code);
    }

    [Fact]
    public void Duplicate_fieldPaths_drop_all_triggers_with_IR3310()
    {
        var entry = Good[1..^1];
        var r = TriggerAnnotation.Decode($"[{entry},{entry}]");
        Assert.Empty(r.Triggers);
        Assert.Equal("duplicate triggers are not allowed", r.ControllerError);
        Assert.Equal(TriggerCodes.DuplicateFieldPath, Assert.Single(r.Problems).Code);
    }

    [Fact]
    public void An_object_instead_of_a_list_is_IR3302()
    {
        var r = TriggerAnnotation.Decode(Good[1..^1]);
        Assert.Empty(r.Triggers);
        Assert.Equal(TriggerCodes.NotAnArray, Assert.Single(r.Problems).Code);
    }

    [Fact]
    public void Null_means_no_triggers_and_no_error()
    {
        var r = TriggerAnnotation.Decode("null");
        Assert.Empty(r.Triggers);
        Assert.Null(r.ControllerError);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void A_number_where_a_string_belongs_is_IR3304()
    {
        var r = TriggerAnnotation.Decode("""[{"from":{"kind":"ImageStreamTag","name":42},"fieldPath":"spec.template.spec.containers[0].image"}]""");
        Assert.Empty(r.Triggers);
        Assert.Equal(TriggerCodes.WrongType, Assert.Single(r.Problems).Code);
    }

    [Fact]
    public void An_empty_tag_means_latest_and_a_missing_colon_never_resolves()
    {
        Assert.Equal(("s", "latest"), new ObjectFieldTrigger(0, "ImageStreamTag", "s:", "", "p", false).StreamTag());
        Assert.Null(new ObjectFieldTrigger(0, "ImageStreamTag", "s", "", "p", false).StreamTag());
    }
}
