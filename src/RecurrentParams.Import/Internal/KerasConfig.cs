using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace RecurrentParams.Import.Internal;

/// <summary>
/// A layer's <c>config</c> read in every spelling the frameworks write: Keras' snake_case keys (<c>kernel_size</c>), the
/// camelCase of TensorFlow.js' own configs (<c>kernelSize</c>), and Keras 1's names where the caller gives them
/// (<c>output_dim</c> for <c>units</c>). A per-axis value may be an int (for every axis) or a list.
/// </summary>
internal readonly struct KerasConfig
{
    public KerasConfig(Json config)
    {
        Json = config.Object();
    }

    public Json Json { get; }

    public string Path => Json.Path;

    /// <summary>Keras' <c>trainable</c>: <see langword="false"/> for a frozen layer.</summary>
    public bool Trainable => Bool("trainable", true);

    /// <summary>The value of the first key present (each tried as written, then in camelCase), skipping nulls.</summary>
    public bool TryGet(out Json value, params string[] keys)
    {
        foreach (string key in keys)
        {
            if (Json.TryGet(key, out value))
            {
                return true;
            }

            string camel = Camel(key);
            if (camel != key && Json.TryGet(camel, out value))
            {
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Whether a key is present, even with a null value (Keras writes <c>merge_mode: null</c>).</summary>
    public bool Present(string key) =>
        Json.Element.TryGetProperty(key, out _) || Json.Element.TryGetProperty(Camel(key), out _);

    public Json Get(params string[] keys) =>
        TryGet(out Json value, keys) ? value : Fail.At<Json>(Path, "expected a property '" + keys[0] + "'");

    public bool Bool(string key, bool fallback) => TryGet(out Json value, key) ? value.Bool() : fallback;

    public int Size(params string[] keys) => Get(keys).Size();

    public int? OptInt(params string[] keys) => TryGet(out Json value, keys) ? value.Int() : null;

    public string? String(params string[] keys) => TryGet(out Json value, keys) ? value.String() : null;

    public double Double(string key, double fallback) => TryGet(out Json value, key) ? value.Double() : fallback;

    /// <summary>A per-axis value: an int for every axis, or a list; <see langword="null"/> when absent.</summary>
    public int[]? Ints(params string[] keys)
    {
        if (!TryGet(out Json value, keys))
        {
            return null;
        }

        return value.Kind == JsonValueKind.Array ? value.Items().Select(v => v.Int()).ToArray() : [value.Int()];
    }

    /// <summary>A value of a 1-D layer: an int, or a list of one (Keras writes <c>kernel_size</c> as <c>[3]</c>, TensorFlow.js as <c>3</c>); <see langword="null"/> when absent.</summary>
    public int? One(params string[] keys) => TryGet(out Json value, keys) ? value.Single().Int() : null;

    /// <summary>A list of nullable dimensions (a shape without its batch), e.g. Lambda's <c>output_shape</c>.</summary>
    public long?[]? Dims(string key) =>
        TryGet(out Json value, key) && value.Kind == JsonValueKind.Array && value.Items().All(d => d.Kind is JsonValueKind.Number or JsonValueKind.Null)
            ? value.Shape()
            : null;

    /// <summary>Keras' (before, after) pair: an int for both, or two values.</summary>
    public (int Before, int After) Pair(string key, int fallback)
    {
        if (!TryGet(out Json value, key))
        {
            return (fallback, fallback);
        }

        if (value.Kind != JsonValueKind.Array)
        {
            return (NonNegative(value), NonNegative(value));
        }

        return value.Length == 2 ? (NonNegative(value[0]), NonNegative(value[1])) : Fail.At<(int, int)>(value.Path, "expected (before, after)");
    }

    /// <summary>Keras' ((top, bottom), (left, right)): an int for all, (rows, cols) for symmetric pairs, or the pairs.</summary>
    public (int Top, int Bottom, int Left, int Right) Quad(string key, int fallback)
    {
        if (!TryGet(out Json value, key))
        {
            return (fallback, fallback, fallback, fallback);
        }

        if (value.Kind != JsonValueKind.Array)
        {
            int all = NonNegative(value);
            return (all, all, all, all);
        }

        if (value.Length != 2)
        {
            throw Fail.Error(value.Path, "expected ((top, bottom), (left, right)) or (rows, cols)");
        }

        (int a, int b) = Side(value[0]);
        (int c, int d) = Side(value[1]);
        return (a, b, c, d);
    }

    /// <summary>Keras' <c>padding</c>: valid, same or causal (Keras 1's <c>border_mode</c>; <c>full</c> is refused).</summary>
    public Padding Padding(bool allowCausal)
    {
        if (!TryGet(out Json padding, "padding", "border_mode"))
        {
            return RecurrentParams.Padding.Valid;
        }

        return padding.String().ToLowerInvariant() switch
        {
            "valid" => RecurrentParams.Padding.Valid,
            "same" => RecurrentParams.Padding.Same,
            "causal" when allowCausal => RecurrentParams.Padding.Causal,
            _ => Fail.At<Padding>(padding.Path, "expected padding valid or same" + (allowCausal ? " or causal" : string.Empty) + " but found " + padding.Describe()),
        };
    }

    /// <summary>Keras' <c>data_format</c> (<c>channels_first</c> / <c>channels_last</c>), or Keras 1's <c>dim_ordering</c> (<c>th</c> / <c>tf</c>).</summary>
    public DataFormat DataFormat()
    {
        if (TryGet(out Json format, "data_format", "dim_ordering"))
        {
            return format.String() switch
            {
                "channels_last" or "channelsLast" or "tf" or "default" => RecurrentParams.DataFormat.ChannelsLast,
                "channels_first" or "channelsFirst" or "th" => RecurrentParams.DataFormat.ChannelsFirst,
                _ => Fail.At<DataFormat>(format.Path, "expected data_format channels_last or channels_first but found " + format.Describe()),
            };
        }

        return RecurrentParams.DataFormat.ChannelsLast;
    }

    /// <summary>snake_case to camelCase: <c>kernel_size</c> → <c>kernelSize</c>.</summary>
    public static string Camel(string key)
    {
        if (key.IndexOf('_') < 0)
        {
            return key;
        }

        var text = new StringBuilder(key.Length);
        bool upper = false;
        foreach (char c in key)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            text.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return text.ToString();
    }

    private static (int, int) Side(Json value) =>
        value.Kind != JsonValueKind.Array ? (NonNegative(value), NonNegative(value))
        : value.Length == 2 ? (NonNegative(value[0]), NonNegative(value[1]))
        : Fail.At<(int, int)>(value.Path, "expected (before, after)");

    private static int NonNegative(Json value)
    {
        int n = value.Int();
        return n >= 0 ? n : Fail.At<int>(value.Path, "expected 0 or more but found " + n.ToString(CultureInfo.InvariantCulture));
    }
}
