using System.Text;
using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>
/// The pod-template-hash / controller-revision-hash: an FNV-32a hash of the template, printed with
/// rand.SafeEncodeString (kubernetes pkg/controller/controller_utils.go ComputeHash). The real controller hashes the
/// Go struct's spew dump, which cannot be reproduced here; this hashes the canonical JSON instead, so the value has
/// the real shape and stability (same template, same hash) but not the same digits.
/// </summary>
public static class TemplateHash
{
    // apimachinery util/rand: consonants and digits without vowels or look-alikes, so no words are spelled.
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(JsonNode? template, long collisionCount = 0)
    {
        var text = Obj.Canonical(Sorted(template));
        if (collisionCount > 0)
        {
            text += collisionCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        uint hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619;
        }

        var digits = hash.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sb = new StringBuilder(digits.Length);
        foreach (var c in digits)
        {
            sb.Append(Alphabet[c % Alphabet.Length]);
        }

        return sb.ToString();
    }

    /// <summary>A random suffix like generateName's (5 characters of the same alphabet).</summary>
    public static string RandomSuffix(int length = 5)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(Alphabet[Random.Shared.Next(Alphabet.Length)]);
        }

        return sb.ToString();
    }

    /// <summary>Key-sorted copy so the hash does not depend on the order a client sent the fields in.</summary>
    public static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>Templates equal ignoring field order and the given label (EqualIgnoreHash).</summary>
    public static bool EqualIgnoringLabel(JsonNode? a, JsonNode? b, string label)
    {
        static JsonNode? Strip(JsonNode? t, string label)
        {
            if (t is not JsonObject o)
            {
                return t;
            }

            var c = Obj.Clone(o);
            if (Obj.At(c, "metadata", "labels") is JsonObject l)
            {
                l.Remove(label);
            }

            // Go prints the template's unset creationTimestamp as null (kubectl rollout undo sends it back):
            // null and absent are the same template.
            if (Obj.At(c, "metadata") is JsonObject m && m.TryGetPropertyValue("creationTimestamp", out var ts) && ts is null)
            {
                m.Remove("creationTimestamp");
            }

            return Sorted(c);
        }

        return Obj.Canonical(Strip(a, label)) == Obj.Canonical(Strip(b, label));
    }
}
