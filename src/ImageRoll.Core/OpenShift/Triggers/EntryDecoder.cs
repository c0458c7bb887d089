using System.Text.Json;

namespace ImageRoll.OpenShift.Triggers;

/// <summary>Decodes one array entry like Go's encoding/json would into ObjectFieldTrigger, recording problems.</summary>
internal sealed class EntryDecoder(int index, List<TriggerProblem> problems)
{
    private static readonly string[] FromFields = ["kind", "name", "namespace", "apiVersion"];

    private string _apiVersion = string.Empty;

    public bool TypeError { get; private set; }

    public ObjectFieldTrigger Decode(JsonElement element)
    {
        string kind = string.Empty, name = string.Empty, ns = string.Empty, fieldPath = string.Empty;
        var paused = false;
        _apiVersion = string.Empty;
        if (element.ValueKind == JsonValueKind.Null)
        {
            return new ObjectFieldTrigger(index, kind, name, ns, fieldPath, paused);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            WrongType($"trigger #{index}", element, "an object");
            return new ObjectFieldTrigger(index, kind, name, ns, fieldPath, paused);
        }

        foreach (var property in element.EnumerateObject())
        {
            // Go's encoding/json matches keys case-insensitively (an exact match wins; the last duplicate wins).
            switch (property.Name.ToLowerInvariant())
            {
                case "from":
                    (kind, name, ns) = DecodeFrom(property.Value, (kind, name, ns));
                    break;
                case "fieldpath":
                    fieldPath = String(property.Value, "fieldPath") ?? fieldPath;
                    break;
                case "paused":
                    paused = Paused(property.Value) ?? paused;
                    break;
                case "pause":
                    problems.Add(new TriggerProblem(TriggerCodes.PauseMisspelled,
                        $"Trigger #{index} has the field \"pause\", which the controller does not know and ignores: the trigger is NOT paused.",
                        "The field is \"paused\": write \"paused\":true to pause the trigger or remove \"pause\".", index));
                    break;
                default:
                    problems.Add(new TriggerProblem(TriggerCodes.UnknownField,
                        $"Trigger #{index} has the unknown field \"{property.Name}\", which the controller ignores.",
                        "A trigger has only \"from\", \"fieldPath\" and \"paused\"; remove or rename the field.", index));
                    break;
            }
        }

        return new ObjectFieldTrigger(index, kind, name, ns, fieldPath, paused) { FromApiVersion = _apiVersion };
    }

    private (string Kind, string Name, string Namespace) DecodeFrom(JsonElement value, (string Kind, string Name, string Namespace) current)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return current;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            WrongType("from", value, "an object {\"kind\":\"ImageStreamTag\",\"name\":\"STREAM:TAG\"}");
            return current;
        }

        var (kind, name, ns) = current;
        foreach (var p in value.EnumerateObject())
        {
            switch (p.Name.ToLowerInvariant())
            {
                case "kind":
                    kind = String(p.Value, "from.kind") ?? kind;
                    break;
                case "name":
                    name = String(p.Value, "from.name") ?? name;
                    break;
                case "namespace":
                    ns = String(p.Value, "from.namespace") ?? ns;
                    break;
                case "apiversion":
                    _apiVersion = String(p.Value, "from.apiVersion") ?? _apiVersion;
                    break;
                default:
                    problems.Add(new TriggerProblem(TriggerCodes.UnknownField,
                        $"Trigger #{index} has the unknown field \"from.{p.Name}\", which the controller ignores.",
                        $"\"from\" has only {string.Join(", ", FromFields.Select(f => $"\"{f}\""))}; a tag goes into the name as STREAM:TAG.", index));
                    break;
            }
        }

        return (kind, name, ns);
    }

    private string? String(JsonElement value, string field)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Null:
                return null;
            default:
                WrongType(field, value, "a string");
                return null;
        }
    }

    private bool? Paused(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                TypeError = true;
                var text = value.GetString();
                problems.Add(new TriggerProblem(TriggerCodes.PausedNotBoolean,
                    $"Trigger #{index} has \"paused\":\"{text}\", a string where the controller needs a boolean, so it drops every trigger on this object (json: cannot unmarshal string into Go struct field ObjectFieldTrigger.paused of type bool).",
                    $"Write \"paused\":{(string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) ? "true" : "false")} without quotes.", index));
                return null;
            default:
                WrongType("paused", value, "a boolean (true or false)");
                return null;
        }
    }

    private void WrongType(string field, JsonElement value, string expected)
    {
        TypeError = true;
        problems.Add(new TriggerProblem(TriggerCodes.WrongType,
            $"Trigger #{index}: {field} is a JSON {TriggerAnnotation.Describe(value.ValueKind)} ({value.GetRawText()}) where the controller needs {expected}, so it drops every trigger on this object (json: cannot unmarshal {TriggerAnnotation.GoType(value.ValueKind)} into Go struct field).",
            $"Make {field} {expected}.", index));
    }
}
