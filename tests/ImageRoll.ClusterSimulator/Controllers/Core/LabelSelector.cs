using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>metav1.LabelSelector (matchLabels + matchExpressions) and the plain map selectors of v1 RCs.</summary>
public static class LabelSelector
{
    public static bool Matches(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is not JsonObject s)
        {
            return false;
        }

        // A ReplicationController selector is a plain map; a LabelSelector has matchLabels/matchExpressions.
        var isLabelSelector = s.ContainsKey("matchLabels") || s.ContainsKey("matchExpressions");
        var required = Obj.StringMap(isLabelSelector ? s["matchLabels"] : s);
        foreach (var (k, v) in required)
        {
            if (!labels.TryGetValue(k, out var have) || have != v)
            {
                return false;
            }
        }

        foreach (var e in Obj.Objects(s, "matchExpressions"))
        {
            var key = Obj.Str(e, "key") ?? "";
            var values = Obj.Array(e, "values").Select(v => v?.GetValue<string>()).ToHashSet();
            var has = labels.TryGetValue(key, out var value);
            var ok = Obj.Str(e, "operator") switch
            {
                "In" => has && values.Contains(value),
                "NotIn" => !has || !values.Contains(value),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return required.Count > 0 || Obj.Array(s, "matchExpressions").Count > 0;
    }
}
