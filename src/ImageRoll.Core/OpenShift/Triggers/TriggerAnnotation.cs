using System.Text.Json;

namespace ImageRoll.OpenShift.Triggers;

/// <summary>
/// Decodes <c>image.openshift.io/triggers</c> exactly as the controller does and diagnoses what it would not say.
/// The controller (library-go pkg/image/trigger/annotations/annotations.go calculateAnnotationTriggers) runs Go's
/// <c>json.Unmarshal</c> of the whole value into <c>[]ObjectFieldTrigger</c>: keys match case-insensitively, unknown
/// keys are ignored, <c>null</c> leaves the zero value, and any syntax or type error drops every trigger on the object;
/// two entries with the same fieldPath are rejected as "duplicate triggers are not allowed".
/// </summary>
public static class TriggerAnnotation
{
    public const string Key = "image.openshift.io/triggers";

    private static readonly JsonDocumentOptions Strict = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static TriggerDecodeResult Decode(string value)
    {
        var problems = new List<TriggerProblem>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(value, Strict);
        }
        catch (JsonException ex)
        {
            var hint = value.Contains('\'', StringComparison.Ordinal) && !value.Contains('"', StringComparison.Ordinal)
                ? "JSON strings use double quotes: write [{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"STREAM:TAG\"},\"fieldPath\":\"...\"}]."
                : "Fix the JSON (a list of {\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"STREAM:TAG\"},\"fieldPath\":\"...\",\"paused\":false}); `oc set triggers` writes a valid one.";
            problems.Add(new TriggerProblem(TriggerCodes.InvalidJson,
                $"The {Key} annotation is not valid JSON ({ex.Message.Split(" Path:", 2)[0].TrimEnd('.')}), so the trigger controller ignores every trigger on this object.",
                hint));
            return new TriggerDecodeResult([], "invalid JSON: " + ex.Message, problems);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return new TriggerDecodeResult([], null, problems);
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new TriggerProblem(TriggerCodes.NotAnArray,
                    $"The {Key} annotation is a JSON {Describe(root.ValueKind)}, not a list, so the trigger controller ignores it.",
                    "Wrap the trigger in a list: [{\"from\":{...},\"fieldPath\":\"...\"}]."));
                return new TriggerDecodeResult([], $"json: cannot unmarshal {GoType(root.ValueKind)} into Go value of type []trigger.ObjectFieldTrigger", problems);
            }

            var triggers = new List<ObjectFieldTrigger>();
            var typeError = false;
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                var entry = new EntryDecoder(index, problems);
                triggers.Add(entry.Decode(element));
                typeError |= entry.TypeError;
                index++;
            }

            if (typeError)
            {
                return new TriggerDecodeResult([], problems.First(p => p.Code is TriggerCodes.PausedNotBoolean or TriggerCodes.WrongType).Message, problems);
            }

            var duplicates = triggers.GroupBy(t => t.FieldPath, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
            foreach (var group in duplicates)
            {
                problems.Add(new TriggerProblem(TriggerCodes.DuplicateFieldPath,
                    $"Triggers {string.Join(" and ", group.Select(t => $"#{t.Index}"))} of the {Key} annotation share the fieldPath '{group.Key}', and the controller rejects the whole annotation (\"duplicate triggers are not allowed\").",
                    "Keep one trigger per container image field; remove or correct the duplicate.",
                    group.Last().Index));
            }

            return duplicates.Count > 0
                ? new TriggerDecodeResult([], "duplicate triggers are not allowed", problems)
                : new TriggerDecodeResult(triggers, null, problems);
        }
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "list",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    internal static string GoType(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "bool",
    };
}
