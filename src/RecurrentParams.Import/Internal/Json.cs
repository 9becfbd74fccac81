using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace RecurrentParams.Import.Internal;

/// <summary>A JSON value with its path, so that every complaint names where it is (<c>$.config.layers[2].config.units</c>).</summary>
internal readonly struct Json
{
    public Json(JsonElement element, string path)
    {
        Element = element;
        Path = path;
    }

    public JsonElement Element { get; }

    public string Path { get; }

    public JsonValueKind Kind => Element.ValueKind;

    public bool IsNull => Element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Parses a whole document after checking, in one forward pass, what <see cref="JsonDocument"/> checks only later
    /// (when a value is read): valid UTF-8, nesting up to <see cref="ModelReaderOptions.MaxDepth"/>, and every escaped
    /// string or name decoding to valid UTF-16 (an escaped lone surrogate such as <c>"\udc00"</c> does not). So reading
    /// any string of the document later cannot fail.
    /// </summary>
    public static JsonDocument Parse(byte[] utf8, string what, ModelReaderOptions options)
    {
        try
        {
            StrictUtf8.GetCharCount(utf8);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            return Fail.At<JsonDocument>(what + ", byte " + e.Index.ToString(CultureInfo.InvariantCulture), "not valid UTF-8", e);
        }

        int maxDepth = options.MaxDepth;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth + 1, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= maxDepth:
                        throw Limits.Exceeded(
                            what + ", byte " + reader.TokenStartIndex.ToString(CultureInfo.InvariantCulture),
                            "the JSON nests deeper",
                            maxDepth,
                            "levels",
                            nameof(ModelReaderOptions.MaxDepth));
                    case JsonTokenType.String or JsonTokenType.PropertyName when reader.ValueIsEscaped:
                        Unescape(ref reader, what);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            return Fail.At<JsonDocument>(
                what + (e.LineNumber is long line ? string.Format(CultureInfo.InvariantCulture, ", line {0}, byte {1} of the line", line + 1, (e.BytePositionInLine ?? 0) + 1) : string.Empty),
                "not valid JSON: " + e.Message,
                e);
        }

        return JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = maxDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
    }

    private static void Unescape(ref Utf8JsonReader reader, string what)
    {
        try
        {
            _ = reader.GetString();
        }
        catch (InvalidOperationException e)
        {
            throw Fail.Error(
                what + ", byte " + reader.TokenStartIndex.ToString(CultureInfo.InvariantCulture),
                "a " + (reader.TokenType == JsonTokenType.PropertyName ? "property name" : "string") + " escapes text that is not valid UTF-16 (a lone surrogate such as \\udc00); names and strings must be Unicode text",
                e);
        }
    }

    public static Json Root(JsonDocument document) => new(document.RootElement, "$");

    public Json Object()
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Fail.Error(Path, "expected a JSON object but found " + Describe());
        }

        return this;
    }

    public bool Has(string name) => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null;

    public bool TryGet(string name, out Json value)
    {
        Object();
        if (Element.TryGetProperty(name, out JsonElement element) && element.ValueKind != JsonValueKind.Null)
        {
            value = new Json(element, Path + "." + name);
            return true;
        }

        value = default;
        return false;
    }

    public Json Get(string name)
    {
        if (!TryGet(name, out Json value))
        {
            throw Fail.Error(Path, "expected a property '" + name + "'");
        }

        return value;
    }

    /// <summary>An object's properties, sorted by name as Python's tree utilities flatten a dict.</summary>
    public IEnumerable<Json> PropertiesByName()
    {
        string path = Object().Path;
        return Element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new Json(p.Value, path + "." + p.Name)).ToList();
    }

    public IEnumerable<Json> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Fail.Error(Path, "expected a JSON array but found " + Describe());
        }

        int index = 0;
        foreach (JsonElement item in Element.EnumerateArray())
        {
            yield return new Json(item, Path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");
            index++;
        }
    }

    public int Length
    {
        get
        {
            if (Element.ValueKind != JsonValueKind.Array)
            {
                throw Fail.Error(Path, "expected a JSON array but found " + Describe());
            }

            return Element.GetArrayLength();
        }
    }

    public Json this[int index]
    {
        get
        {
            if (index >= Length)
            {
                throw Fail.Error(Path, "expected at least " + (index + 1).ToString(CultureInfo.InvariantCulture) + " elements");
            }

            return new Json(Element[index], Path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");
        }
    }

    public string String()
    {
        if (Element.ValueKind != JsonValueKind.String)
        {
            throw Fail.Error(Path, "expected a string but found " + Describe());
        }

        return Element.GetString()!;
    }

    public long Long()
    {
        if (Element.ValueKind == JsonValueKind.Number)
        {
            if (Element.TryGetInt64(out long value))
            {
                return value;
            }

            // Python writes 4.0 for a float that holds an integer; accept it when it is one exactly.
            if (Element.TryGetDouble(out double d) && d == Math.Floor(d) && Math.Abs(d) < 9.0e15)
            {
                return (long)d;
            }
        }

        return Fail.At<long>(Path, "expected an integer but found " + Describe());
    }

    /// <summary>A size Keras passes to a layer (units, filters, ...): an integer from 1 to <see cref="int.MaxValue"/>.</summary>
    public int Size()
    {
        long value = Long();
        if (value < 1 || value > int.MaxValue)
        {
            throw Fail.Error(Path, "expected a size from 1 to " + int.MaxValue.ToString(CultureInfo.InvariantCulture) + " but found " + value.ToString(CultureInfo.InvariantCulture));
        }

        return (int)value;
    }

    public int Int()
    {
        long value = Long();
        if (value < int.MinValue || value > int.MaxValue)
        {
            throw Fail.Error(Path, "expected a 32-bit integer but found " + value.ToString(CultureInfo.InvariantCulture));
        }

        return (int)value;
    }

    /// <summary>An integer or a one-element list of one (Keras writes <c>kernel_size</c> as <c>[3]</c>, TensorFlow.js as <c>3</c>).</summary>
    public Json Single()
    {
        if (Element.ValueKind == JsonValueKind.Array)
        {
            if (Length != 1)
            {
                throw Fail.Error(Path, "expected one value but found " + Length.ToString(CultureInfo.InvariantCulture));
            }

            return this[0];
        }

        return this;
    }

    public bool Bool()
    {
        return Element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Fail.At<bool>(Path, "expected true or false but found " + Describe()),
        };
    }

    public double Double()
    {
        if (Element.ValueKind == JsonValueKind.Number && Element.TryGetDouble(out double value))
        {
            return value;
        }

        return Fail.At<double>(Path, "expected a number but found " + Describe());
    }

    public bool OptBool(string name, bool fallback) => TryGet(name, out Json value) ? value.Bool() : fallback;

    public string? OptString(string name) => TryGet(name, out Json value) ? value.String() : null;

    /// <summary>A shape: a list of non-negative integers or nulls (unknown dimensions).</summary>
    public long?[] Shape()
    {
        var dims = new List<long?>();
        foreach (Json item in Items())
        {
            if (item.IsNull)
            {
                dims.Add(null);
                continue;
            }

            long d = item.Long();
            if (d < 0)
            {
                throw Fail.Error(item.Path, "expected a dimension of 0 or more (or null) but found " + d.ToString(CultureInfo.InvariantCulture));
            }

            dims.Add(d);
        }

        return [.. dims];
    }

    /// <summary>Dimensions of a stored tensor: non-negative integers, no unknowns.</summary>
    public long[] Dimensions()
    {
        var dims = new List<long>();
        foreach (Json item in Items())
        {
            long d = item.Long();
            if (d < 0)
            {
                throw Fail.Error(item.Path, "expected a dimension of 0 or more but found " + d.ToString(CultureInfo.InvariantCulture));
            }

            dims.Add(d);
        }

        return [.. dims];
    }

    public string Describe() => Element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "the string \"" + Truncate(Element.GetString() ?? string.Empty) + "\"",
        JsonValueKind.Number => "the number " + Truncate(Element.GetRawText()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text.Remove(40) + "…";
}
