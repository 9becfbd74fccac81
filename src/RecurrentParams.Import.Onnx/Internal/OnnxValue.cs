using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RecurrentParams.Import.Onnx.Internal;

/// <summary>What graph resolution knows about a value: its exact shape and element type, and for a small integer value its contents; or why it is unknown.</summary>
internal sealed class OnnxValue
{
    private OnnxValue(long[]? dims, int dataType, long[]? ints, string? failure, bool fed = false)
    {
        Dims = dims;
        DataType = dataType;
        Ints = ints;
        Failure = failure;
        Fed = fed;
    }

    /// <summary>Gets the dimensions, or <see langword="null"/> when unresolved.</summary>
    public long[]? Dims { get; }

    public int DataType { get; }

    /// <summary>Gets the values of a small INT32 / INT64 value (at most <see cref="OnnxAttribute.MaxKeptInts"/>), or <see langword="null"/>.</summary>
    public long[]? Ints { get; }

    /// <summary>Gets why the value could not be resolved, or <see langword="null"/> when it is.</summary>
    public string? Failure { get; }

    /// <summary>Gets a value indicating whether the value depends on a graph input the runtime feeds (it is not a constant of the file).</summary>
    public bool Fed { get; }

    public static OnnxValue Known(long[] dims, int dataType, long[]? ints = null) =>
        new(dims, dataType, ints is not null && ints.Length <= OnnxAttribute.MaxKeptInts ? ints : null, null);

    public static OnnxValue Unresolved(string reason) => new(null, 0, null, reason);

    /// <summary>The same value, marked as depending on a graph input the runtime feeds.</summary>
    public OnnxValue AsFed() => Failure is null && !Fed ? new(Dims, DataType, Ints, null, fed: true) : this;

    /// <summary>Formats dimensions as ONNX tools print them: <c>(1, 16, 3)</c>.</summary>
    public static string Format(IEnumerable<long> dims) => "(" + string.Join(", ", dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";
}
