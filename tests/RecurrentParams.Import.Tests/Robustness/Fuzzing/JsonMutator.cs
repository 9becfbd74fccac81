using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RecurrentParams.Import.Tests.Robustness.Fuzzing;

/// <summary>
/// Mutates a JSON document as a tree: a value replaced by a hostile number, another type, a hostile name or string, an
/// escaped lone surrogate; a property or element deleted, duplicated many times, renamed, or nested very deep.
/// </summary>
internal static class JsonMutator
{
    private const string DeepMarker = "\u0001DEEP\u0001";

    public static (byte[] Bytes, string How) Mutate(byte[] original, Random random)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(original, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            return ByteMutator.Mutate(original, random);
        }

        if (root is null)
        {
            return ByteMutator.Mutate(original, random);
        }

        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        int mutations = 1 + (random.Next(4) == 0 ? random.Next(3) : 0);
        var how = new List<string>();
        for (int k = 0; k < mutations; k++)
        {
            JsonNode target = nodes[random.Next(nodes.Count)];
            how.Add(MutateNode(ref root, target, random));
            nodes.Clear();
            Collect(root, nodes);
        }

        return (Serialize(root, random), "JSON: " + string.Join("; ", how));
    }

    /// <summary>Serializes, swapping the markers for what a tree cannot hold: raw lone-surrogate escapes and deep nesting.</summary>
    public static byte[] Serialize(JsonNode root, Random random)
    {
        string text = root.ToJsonString(new JsonSerializerOptions { MaxDepth = 4096 });
        text = text.Replace(Escaped(Hostile.LoneSurrogateMarker), random.Next(2) == 0 ? "\\udc00" : "\\ud800x", StringComparison.Ordinal);
        if (text.Contains(Escaped(DeepMarker), StringComparison.Ordinal))
        {
            int depth = random.Next(2) == 0 ? 129 : 100 + random.Next(5000);
            text = text.Replace("\"" + Escaped(DeepMarker) + "\"", new string('[', depth) + "1" + new string(']', depth), StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static string Escaped(string marker) => marker.Replace("\u0001", "\\u0001", StringComparison.Ordinal);

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null)
        {
            return;
        }

        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (KeyValuePair<string, JsonNode?> property in obj)
                {
                    Collect(property.Value, nodes);
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    Collect(item, nodes);
                }

                break;
        }
    }

    private static string MutateNode(ref JsonNode root, JsonNode target, Random random)
    {
        string path = target.GetPath();
        switch (random.Next(10))
        {
            case 0:
            case 1:
                string number = Hostile.JsonNumbers[random.Next(Hostile.JsonNumbers.Length)];
                Replace(ref root, target, JsonNode.Parse(number));
                return path + " = " + number;
            case 2:
                string name = Hostile.Name(random);
                Replace(ref root, target, JsonValue.Create(name));
                return path + " = a hostile string (" + Describe(name) + ")";
            case 3:
                JsonNode? other = random.Next(6) switch
                {
                    0 => null,
                    1 => new JsonArray(),
                    2 => new JsonObject(),
                    3 => JsonValue.Create(true),
                    4 => JsonValue.Create(string.Empty),
                    _ => new JsonArray(JsonValue.Create(-1), JsonValue.Create(0)),
                };
                Replace(ref root, target, other);
                return path + " = " + (other?.ToJsonString() ?? "null");
            case 4:
                if (target.Parent is not null)
                {
                    Remove(target);
                    return path + " deleted";
                }

                return "root kept";
            case 5:
                if (target.Parent is JsonArray array)
                {
                    int copies = 1 + random.Next(random.Next(4) == 0 ? 2000 : 20);
                    int index = target.GetElementIndex();
                    for (int c = 0; c < copies; c++)
                    {
                        array.Insert(index, target.DeepClone());
                    }

                    return path + " duplicated " + copies.ToString(CultureInfo.InvariantCulture) + " times";
                }

                goto case 6;
            case 6:
                if (target.Parent is JsonObject owner)
                {
                    string key = target.GetPropertyName();
                    string renamed = random.Next(3) switch
                    {
                        0 => Hostile.LoneSurrogateMarker,
                        1 => key.ToUpperInvariant(),
                        _ => Hostile.Name(random),
                    };
                    if (!owner.ContainsKey(renamed))
                    {
                        owner.Remove(key);
                        owner[renamed] = target;
                    }

                    return path + " renamed (" + Describe(renamed) + ")";
                }

                goto case 2;
            case 7:
                Replace(ref root, target, JsonValue.Create(DeepMarker));
                return path + " nested deep";
            case 8:
                if (target is JsonValue value && value.TryGetValue(out string? text))
                {
                    string changed = random.Next(3) switch
                    {
                        0 => text + Hostile.LoneSurrogateMarker,
                        1 => text + "_l999999",
                        _ => string.Empty,
                    };
                    Replace(ref root, target, JsonValue.Create(changed));
                    return path + " string changed (" + Describe(changed) + ")";
                }

                goto case 0;
            default:
                if (target is JsonArray list && list.Count > 1)
                {
                    JsonNode? first = list[0];
                    list.RemoveAt(0);
                    list.Add(first);
                    return path + " rotated";
                }

                goto case 0;
        }
    }

    private static string Describe(string text) =>
        text.Contains(Hostile.LoneSurrogateMarker, StringComparison.Ordinal) ? "with a lone surrogate" : text.Length > 40 ? text.Length.ToString(CultureInfo.InvariantCulture) + " chars" : "\"" + text + "\"";

    private static void Replace(ref JsonNode root, JsonNode target, JsonNode? replacement)
    {
        switch (target.Parent)
        {
            case null:
                root = replacement ?? new JsonObject();
                break;
            case JsonObject obj:
                obj[target.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[target.GetElementIndex()] = replacement;
                break;
        }
    }

    private static void Remove(JsonNode target)
    {
        switch (target.Parent)
        {
            case JsonObject obj:
                obj.Remove(target.GetPropertyName());
                break;
            case JsonArray array:
                array.RemoveAt(target.GetElementIndex());
                break;
        }
    }
}
