using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>
/// Status conditions as deploymentutil.SetDeploymentCondition keeps them (kubernetes pkg/controller/deployment/util):
/// a condition with the same status and reason is left alone; a new status resets lastTransitionTime; both times
/// are set on a new condition.
/// </summary>
public static class Conditions
{
    public static JsonObject? Get(JsonObject status, string type) =>
        Obj.Objects(status, "conditions").FirstOrDefault(c => Obj.Str(c, "type") == type);

    public static JsonObject Make(string type, string status, string? reason, string message, DateTimeOffset now)
    {
        var c = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastUpdateTime"] = Obj.Time(now),
            ["lastTransitionTime"] = Obj.Time(now),
        };
        if (!string.IsNullOrEmpty(reason))
        {
            c["reason"] = reason;
        }

        c["message"] = message;
        return c;
    }

    public static void Set(JsonObject status, JsonObject condition)
    {
        var type = Obj.Str(condition, "type")!;
        var current = Get(status, type);
        if (current is not null && Obj.Str(current, "status") == Obj.Str(condition, "status")
            && Obj.Str(current, "reason") == Obj.Str(condition, "reason"))
        {
            return;
        }

        if (current is not null && Obj.Str(current, "status") == Obj.Str(condition, "status"))
        {
            condition["lastTransitionTime"] = Obj.Str(current, "lastTransitionTime");
        }

        Remove(status, type);
        if (status["conditions"] is not JsonArray list)
        {
            list = [];
            status["conditions"] = list;
        }

        list.Add(condition);
    }

    public static void Remove(JsonObject status, string type)
    {
        if (status["conditions"] is JsonArray list)
        {
            foreach (var c in list.OfType<JsonObject>().Where(c => Obj.Str(c, "type") == type).ToList())
            {
                list.Remove(c);
            }
        }
    }
}
