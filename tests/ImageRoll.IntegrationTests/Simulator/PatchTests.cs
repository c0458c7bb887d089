using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Patching;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>Merge (RFC 7386), JSON (RFC 6902) and strategic merge patches as the real server applies them.</summary>
public sealed class PatchTests
{
    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private const string Pod = """
        {"spec":{"containers":[
          {"name":"web","image":"a","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}],
           "volumeMounts":[{"name":"data","mountPath":"/data"}]},
          {"name":"side","image":"s"}],
         "volumes":[{"name":"data","emptyDir":{}}],"finalizers":["x"]}}
        """;

    [Fact]
    public void Merge_patch_merges_objects_replaces_lists_and_null_deletes()
    {
        var result = MergePatch.Apply(Obj("""{"a":{"b":1,"c":2},"l":[1,2],"d":"x"}"""), Obj("""{"a":{"b":null,"e":3},"l":[3],"d":null}"""));

        Assert.Equal("""{"a":{"c":2,"e":3},"l":[3]}""", result!.ToJsonString());
    }

    [Fact]
    public void Json_patch_applies_every_operation_and_a_failed_test_is_422()
    {
        var doc = Obj("""{"a":{"b":1},"l":[1,2,3],"t":"x"}""");
        var ops = JsonNode.Parse("""
            [{"op":"add","path":"/a/c","value":2},{"op":"remove","path":"/l/0"},{"op":"replace","path":"/t","value":"y"},
             {"op":"move","from":"/a/b","path":"/m"},{"op":"copy","from":"/m","path":"/l/-"},{"op":"test","path":"/t","value":"y"},
             {"op":"add","path":"/k~1e","value":true}]
            """);

        var result = JsonPatch.Apply(doc, ops);
        var failed = Assert.Throws<ApiException>(() => JsonPatch.Apply(doc, JsonNode.Parse("""[{"op":"test","path":"/t","value":"nope"}]""")));
        var missing = Assert.Throws<ApiException>(() => JsonPatch.Apply(doc, JsonNode.Parse("""[{"op":"remove","path":"/nope"}]""")));

        Assert.Equal("""{"a":{"c":2},"l":[2,3,1],"t":"y","m":1,"k/e":true}""", result.ToJsonString());
        Assert.Equal(422, failed.Code);
        Assert.Equal(422, missing.Code);
    }

    [Fact]
    public void Strategic_merge_merges_containers_env_ports_and_mounts_by_key()
    {
        var patch = Obj("""
            {"spec":{"containers":[{"name":"web","image":"b","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}],
              "ports":[{"containerPort":8080}],"volumeMounts":[{"mountPath":"/data","readOnly":true}]}]}}
            """);

        var result = StrategicMergePatch.Apply(Obj(Pod), patch);

        var web = result["spec"]!["containers"]![0]!;
        Assert.Equal("b", Meta.Str(web["image"]));
        Assert.Equal("""[{"name":"A","value":"1"},{"name":"B","value":"3"},{"name":"C","value":"4"}]""", web["env"]!.ToJsonString());
        Assert.Equal("""[{"containerPort":80},{"containerPort":8080}]""", web["ports"]!.ToJsonString());
        Assert.Equal("""[{"name":"data","mountPath":"/data","readOnly":true}]""", web["volumeMounts"]!.ToJsonString());
        Assert.Equal("side", Meta.Str(result["spec"]!["containers"]![1]!["name"]));
    }

    [Fact]
    public void Strategic_merge_honours_patch_delete_setElementOrder_retainKeys_and_null()
    {
        var patch = Obj("""
            {"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"new"}],
              "containers":[{"$patch":"delete","name":"web"},{"name":"new","image":"n"}],
              "volumes":[{"name":"data","$retainKeys":["name","configMap"],"configMap":{"name":"cm"}}],
              "$deleteFromPrimitiveList/finalizers":["x"]}}
            """);

        var result = StrategicMergePatch.Apply(Obj(Pod), patch);

        Assert.Equal(["side", "new"], result["spec"]!["containers"]!.AsArray().Select(c => Meta.Str(c!["name"])));
        Assert.Equal("""[{"name":"data","configMap":{"name":"cm"}}]""", result["spec"]!["volumes"]!.ToJsonString());
        Assert.Equal("[]", result["spec"]!["finalizers"]!.ToJsonString());
        Assert.Null(StrategicMergePatch.Apply(Obj(Pod), Obj("""{"spec":{"volumes":null}}"""))["spec"]!["volumes"]);
    }

    [Fact]
    public void Strategic_merge_replaces_lists_without_a_merge_key_and_merges_image_stream_tags_by_name()
    {
        var stream = Obj("""{"spec":{"tags":[{"name":"a","from":{"name":"x"}},{"name":"b"}]},"args":["1","2"]}""");

        var result = StrategicMergePatch.Apply(stream, Obj("""{"spec":{"tags":[{"name":"a","from":{"name":"y"}}]},"args":["3"]}"""));

        Assert.Equal("""{"spec":{"tags":[{"name":"a","from":{"name":"y"}},{"name":"b"}]},"args":["3"]}""", result.ToJsonString());
    }
}
