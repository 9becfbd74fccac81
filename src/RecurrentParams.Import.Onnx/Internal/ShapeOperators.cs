using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RecurrentParams.Import.Onnx.Internal;

/// <summary>
/// The operators graph resolution looks through: they move, reshape, cut or join a tensor's elements without computing
/// new ones, so a weight behind them is still a stored tensor. Each computes its output's exact shape as the ONNX
/// operator specification defines it, in every opset's form (axes, starts, split and shape as attributes in early
/// opsets, as inputs later).
/// </summary>
internal static class ShapeOperators
{
    private const int MaxRank = 64;

    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "Identity", "Cast", "CastLike", "DequantizeLinear", "Flatten", "Transpose", "Unsqueeze", "Squeeze", "Reshape", "Concat", "Slice", "Split", "Gather",
    };

    /// <summary>Whether graph resolution looks through the node.</summary>
    public static bool IsShapeOperator(OnnxNode node) => node.IsDefaultDomain && Operators.Contains(node.OpType);

    /// <summary>The inputs whose elements the output is made of: all inputs of <c>Concat</c>, the first of the others.</summary>
    public static int DataInputs(OnnxNode node) => node.OpType == "Concat" ? node.Inputs.Count : Math.Min(1, node.Inputs.Count);

    /// <summary>The inputs the output's shape depends on: the data and the shape, axes, starts, split or indices inputs.</summary>
    public static int Dependencies(OnnxNode node) => node.OpType switch
    {
        "Identity" or "Cast" or "DequantizeLinear" or "Flatten" or "Transpose" => Math.Min(1, node.Inputs.Count),
        "Slice" => Math.Min(5, node.Inputs.Count),
        "Concat" => node.Inputs.Count,
        _ => Math.Min(2, node.Inputs.Count),
    };

    /// <summary>The shapes (and, for small integer values, the contents) of a shape operator's outputs, all at once.</summary>
    /// <param name="node">A node for which <see cref="IsShapeOperator"/> holds.</param>
    /// <param name="input">The resolved inputs up to <see cref="Dependencies"/>; <see langword="null"/> where the node omits one.</param>
    /// <returns>One value per output of the node; only <c>Split</c> has more than one.</returns>
    public static OnnxValue[] Evaluate(OnnxNode node, OnnxValue?[] input)
    {
        var outputs = new OnnxValue[node.Outputs.Count];
        OnnxValue? failure = DataFailure(node, input);
        try
        {
            if (failure is null && node.OpType == "Split")
            {
                Split(node, At(input, 0)!, input, outputs);
                return outputs;
            }

            outputs[0] = failure ?? Single(node, At(input, 0)!, input);
        }
        catch (OverflowException)
        {
            outputs[0] = Fail(node, "makes a shape whose element count does not fit in a 64-bit integer");
        }

        for (int k = 1; k < outputs.Length; k++)
        {
            outputs[k] = failure ?? Fail(node, "has no output " + k.ToString(CultureInfo.InvariantCulture));
        }

        return outputs;
    }

    /// <summary>The failure of a missing or unresolved data input, or null when the data is known.</summary>
    private static OnnxValue? DataFailure(OnnxNode node, OnnxValue?[] input)
    {
        if (DataInputs(node) == 0 || At(input, 0) is not OnnxValue data)
        {
            return Fail(node, "has no data input");
        }

        if (data.Failure is not null)
        {
            return data;
        }

        for (int k = 1; k < DataInputs(node); k++)
        {
            if (At(input, k) is { Failure: not null } failed)
            {
                return failed;
            }
        }

        return null;
    }

    private static OnnxValue Single(OnnxNode node, OnnxValue data, OnnxValue?[] input)
    {
        long[] dims = data.Dims!;
        return node.OpType switch
        {
            "Identity" => data,
            "Cast" => Cast(node, data),
            "CastLike" => OnnxValue.Known(dims, At(input, 1) is { Failure: null } like ? like.DataType : data.DataType),
            "DequantizeLinear" => OnnxValue.Known(dims, OnnxDataType.Float),
            "Flatten" => Flatten(node, data),
            "Transpose" => Transpose(node, data),
            "Unsqueeze" => Unsqueeze(node, data, input),
            "Squeeze" => Squeeze(node, data, input),
            "Reshape" => Reshape(node, data, input),
            "Concat" => Concat(node, input),
            "Slice" => Slice(node, data, input),
            _ => Gather(node, data, input),
        };
    }

    private static OnnxValue Cast(OnnxNode node, OnnxValue data)
    {
        long to = node.Int("to", data.DataType);
        int dataType = to is >= 0 and <= int.MaxValue ? (int)to : 0;
        return OnnxValue.Known(data.Dims!, dataType, OnnxDataType.IsIndexInteger(dataType) ? data.Ints : null);
    }

    private static OnnxValue Flatten(OnnxNode node, OnnxValue data)
    {
        long[] dims = data.Dims!;
        long axis = node.Int("axis", 1);
        axis = axis < 0 ? axis + dims.Length : axis;
        if (axis < 0 || axis > dims.Length)
        {
            return Fail(node, "has an axis outside the input's rank " + dims.Length.ToString(CultureInfo.InvariantCulture));
        }

        return OnnxValue.Known([Product(dims, 0, (int)axis), Product(dims, (int)axis, dims.Length)], data.DataType, data.Ints);
    }

    private static OnnxValue Transpose(OnnxNode node, OnnxValue data)
    {
        long[] dims = data.Dims!;
        long[]? perm = node.Attribute("perm") is OnnxAttribute given ? given.Ints : Enumerable.Range(0, dims.Length).Reverse().Select(k => (long)k).ToArray();
        if (perm is null || perm.Length != dims.Length || !IsPermutation(perm))
        {
            return Fail(node, "has a perm that is not a permutation of the input's " + dims.Length.ToString(CultureInfo.InvariantCulture) + " axes");
        }

        return OnnxValue.Known(perm.Select(p => dims[p]).ToArray(), data.DataType);
    }

    private static OnnxValue Unsqueeze(OnnxNode node, OnnxValue data, OnnxValue?[] input)
    {
        long[] dims = data.Dims!;
        if (!Parameter(node, "axes", 1, input, out long[]? axes, out OnnxValue? failure) || axes is null)
        {
            return failure ?? Fail(node, "has no axes");
        }

        int rank = dims.Length + axes.Length;
        bool[] inserted = new bool[Math.Min(rank, MaxRank + 1)];
        if (rank > MaxRank || !MarkAxes(axes, rank, inserted))
        {
            return Fail(node, "has axes " + OnnxValue.Format(axes) + " that do not fit an output of rank " + rank.ToString(CultureInfo.InvariantCulture));
        }

        var output = new long[rank];
        int next = 0;
        for (int k = 0; k < rank; k++)
        {
            output[k] = inserted[k] ? 1 : dims[next++];
        }

        return OnnxValue.Known(output, data.DataType, data.Ints);
    }

    private static OnnxValue Squeeze(OnnxNode node, OnnxValue data, OnnxValue?[] input)
    {
        long[] dims = data.Dims!;
        if (!Parameter(node, "axes", 1, input, out long[]? axes, out OnnxValue? failure))
        {
            return failure!;
        }

        if (axes is null)
        {
            return OnnxValue.Known(dims.Where(d => d != 1).ToArray(), data.DataType, data.Ints);
        }

        bool[] removed = new bool[dims.Length];
        if (!MarkAxes(axes, dims.Length, removed) || Enumerable.Range(0, dims.Length).Any(k => removed[k] && dims[k] != 1))
        {
            return Fail(node, "squeezes axes " + OnnxValue.Format(axes) + " of " + OnnxValue.Format(dims) + ", which are not all of size 1");
        }

        return OnnxValue.Known(dims.Where((_, k) => !removed[k]).ToArray(), data.DataType, data.Ints);
    }

    private static OnnxValue Reshape(OnnxNode node, OnnxValue data, OnnxValue?[] input)
    {
        long[] dims = data.Dims!;
        if (!Parameter(node, "shape", 1, input, out long[]? shape, out OnnxValue? failure) || shape is null)
        {
            return failure ?? Fail(node, "has no shape");
        }

        bool allowZero = node.Int("allowzero", 0) != 0;
        long count = Product(dims, 0, dims.Length);
        var output = new long[shape.Length];
        int inferred = -1;
        long known = 1;
        for (int k = 0; k < shape.Length; k++)
        {
            long value = shape[k];
            if (value == 0 && !allowZero)
            {
                if (k >= dims.Length)
                {
                    return Fail(node, "copies dimension " + k.ToString(CultureInfo.InvariantCulture) + " (a 0 in its shape) of a rank-" + dims.Length.ToString(CultureInfo.InvariantCulture) + " input");
                }

                value = dims[k];
            }
            else if (value == -1 && inferred < 0)
            {
                inferred = k;
                continue;
            }
            else if (value < 0)
            {
                return Fail(node, "has an invalid shape " + OnnxValue.Format(shape));
            }

            output[k] = value;
            known = checked(known * value);
        }

        if (inferred >= 0)
        {
            if (known == 0 || count % known != 0)
            {
                return Fail(node, "cannot infer the -1 of shape " + OnnxValue.Format(shape) + " for " + OnnxValue.Format(dims));
            }

            output[inferred] = count / known;
        }
        else if (known != count)
        {
            return Fail(node, "cannot make shape " + OnnxValue.Format(shape) + " of " + OnnxValue.Format(dims));
        }

        return OnnxValue.Known(output, data.DataType, data.Ints);
    }

    private static OnnxValue Concat(OnnxNode node, OnnxValue?[] input)
    {
        var parts = new List<OnnxValue>();
        for (int k = 0; k < node.Inputs.Count; k++)
        {
            if (At(input, k) is OnnxValue part)
            {
                parts.Add(part);
            }
        }

        long[] first = parts[0].Dims!;
        if (node.Attribute("axis")?.Int is not long axis)
        {
            return Fail(node, "has no axis");
        }

        axis = axis < 0 ? axis + first.Length : axis;
        if (axis < 0 || axis >= first.Length)
        {
            return Fail(node, "has an axis outside its inputs' rank " + first.Length.ToString(CultureInfo.InvariantCulture));
        }

        var output = (long[])first.Clone();
        output[axis] = 0;
        foreach (OnnxValue part in parts)
        {
            long[] dims = part.Dims!;
            if (dims.Length != first.Length || Enumerable.Range(0, dims.Length).Any(k => k != axis && dims[k] != first[k]))
            {
                return Fail(node, "joins " + OnnxValue.Format(first) + " and " + OnnxValue.Format(dims) + ", which differ outside axis " + axis.ToString(CultureInfo.InvariantCulture));
            }

            output[axis] = checked(output[axis] + dims[axis]);
        }

        long[]? ints = first.Length == 1 && parts.All(p => p.Ints is not null) ? parts.SelectMany(p => p.Ints!).ToArray() : null;
        return OnnxValue.Known(output, parts[0].DataType, ints);
    }

    private static OnnxValue Slice(OnnxNode node, OnnxValue data, OnnxValue?[] input)
    {
        long[] dims = data.Dims!;
        long[]? starts, ends, axes, steps = null;
        OnnxValue? failure;
        if (node.Attribute("starts") is not null)
        {
            starts = node.Attribute("starts")!.Ints;
            ends = node.Attribute("ends")?.Ints;
            axes = node.Attribute("axes")?.Ints;
        }
        else if (!Constant(node, "starts", 1, input, out starts, out failure)
            || !Constant(node, "ends", 2, input, out ends, out failure)
            || !Constant(node, "axes", 3, input, out axes, out failure)
            || !Constant(node, "steps", 4, input, out steps, out failure))
        {
            return failure!;
        }

        if (starts is null || ends is null || starts.Length != ends.Length
            || (axes is not null && axes.Length != starts.Length) || (steps is not null && steps.Length != starts.Length))
        {
            return Fail(node, "has starts, ends, axes and steps of different lengths");
        }

        axes ??= Enumerable.Range(0, starts.Length).Select(k => (long)k).ToArray();
        bool[] sliced = new bool[dims.Length];
        if (!MarkAxes(axes, dims.Length, sliced))
        {
            return Fail(node, "has axes " + OnnxValue.Format(axes) + " outside its input's rank " + dims.Length.ToString(CultureInfo.InvariantCulture));
        }

        var output = (long[])dims.Clone();
        for (int k = 0; k < starts.Length; k++)
        {
            int axis = (int)(axes[k] < 0 ? axes[k] + dims.Length : axes[k]);
            long step = steps?[k] ?? 1;
            if (step == 0)
            {
                return Fail(node, "has a step of 0");
            }

            output[axis] = SliceLength(dims[axis], starts[k], ends[k], step);
        }

        return OnnxValue.Known(output, data.DataType);
    }

    /// <summary>The elements a slice keeps along one axis, as the Slice specification clamps starts and ends; no step overflows it.</summary>
    private static long SliceLength(long size, long start, long end, long step)
    {
        start = start < 0 ? start + size : start;
        end = end < 0 ? end + size : end;
        if (step > 0)
        {
            start = Math.Min(Math.Max(start, 0), size);
            end = Math.Min(Math.Max(end, 0), size);
            long span = end - start;
            return span <= 0 ? 0 : 1 + ((span - 1) / step);
        }

        start = Math.Min(Math.Max(start, 0), size - 1);
        end = Math.Min(Math.Max(end, -1), size - 1);
        long back = start - end;
        long stride = step == long.MinValue ? long.MaxValue : -step;
        return back <= 0 ? 0 : 1 + ((back - 1) / stride);
    }

    /// <summary>Every output of a Split, its sizes computed once.</summary>
    private static void Split(OnnxNode node, OnnxValue data, OnnxValue?[] input, OnnxValue[] outputs)
    {
        long[] dims = data.Dims!;
        long axis = node.Int("axis", 0);
        axis = axis < 0 ? axis + dims.Length : axis;
        OnnxValue? failure = null;
        long[]? sizes = null;
        if (axis < 0 || axis >= dims.Length)
        {
            failure = Fail(node, "has an axis outside its input's rank " + dims.Length.ToString(CultureInfo.InvariantCulture));
        }
        else if (Parameter(node, "split", 1, input, out sizes, out failure))
        {
            long size = dims[axis];
            int count = outputs.Length;
            if (sizes is null && node.Attribute("num_outputs")?.Int is long parts)
            {
                // Opset 18: equal chunks of ceil(size / parts), the last one smaller.
                long chunk = parts == count ? (size / parts) + (size % parts == 0 ? 0 : 1) : 0;
                sizes = Enumerable.Range(0, count).Select(k => k < count - 1 ? chunk : size - (chunk * (count - 1))).ToArray();
            }
            else if (sizes is null)
            {
                sizes = size % count == 0 ? Enumerable.Repeat(size / count, count).ToArray() : [];
            }

            if (sizes.Length != count || sizes.Any(s => s < 0) || sizes.Aggregate(0L, (a, s) => checked(a + s)) != size)
            {
                failure = Fail(node, "cannot split " + size.ToString(CultureInfo.InvariantCulture) + " elements of axis " + axis.ToString(CultureInfo.InvariantCulture) + " into " + count.ToString(CultureInfo.InvariantCulture) + " outputs as asked");
            }
        }

        for (int k = 0; k < outputs.Length; k++)
        {
            if (failure is null)
            {
                var result = (long[])dims.Clone();
                result[axis] = sizes![k];
                outputs[k] = OnnxValue.Known(result, data.DataType);
            }
            else
            {
                outputs[k] = failure;
            }
        }
    }

    private static OnnxValue Gather(OnnxNode node, OnnxValue data, OnnxValue?[] input)
    {
        long[] dims = data.Dims!;
        if (At(input, 1) is not OnnxValue indices)
        {
            return Fail(node, "has no indices");
        }

        if (indices.Failure is not null)
        {
            return indices;
        }

        long axis = node.Int("axis", 0);
        axis = axis < 0 ? axis + dims.Length : axis;
        if (axis < 0 || axis >= dims.Length || dims.Length - 1 + indices.Dims!.Length > MaxRank)
        {
            return Fail(node, "has an axis outside its input's rank " + dims.Length.ToString(CultureInfo.InvariantCulture));
        }

        return OnnxValue.Known([.. dims.Take((int)axis), .. indices.Dims, .. dims.Skip((int)axis + 1)], data.DataType);
    }

    /// <summary>An integer list given as an attribute (early opsets) or a constant input (later ones); <paramref name="values"/> is null when neither is present.</summary>
    private static bool Parameter(OnnxNode node, string name, int position, OnnxValue?[] input, out long[]? values, out OnnxValue? failure)
    {
        if (node.Attribute(name) is OnnxAttribute attribute)
        {
            values = attribute.Ints;
            failure = values is null ? Fail(node, "has more " + name + " than a shape can have") : null;
            return failure is null;
        }

        return Constant(node, name, position, input, out values, out failure);
    }

    /// <summary>An optional constant integer input; <paramref name="values"/> is null when the node omits it.</summary>
    private static bool Constant(OnnxNode node, string name, int position, OnnxValue?[] input, out long[]? values, out OnnxValue? failure)
    {
        values = null;
        failure = null;
        if (At(input, position) is not OnnxValue value)
        {
            return true;
        }

        if (value.Failure is not null || value.Ints is null || value.Dims!.Length > 1)
        {
            failure = Fail(node, "takes its " + name + " from an input that is not a constant list of integers" + (value.Failure is null ? string.Empty : " (" + value.Failure + ")"));
            return false;
        }

        values = value.Ints;
        return true;
    }

    /// <summary>Marks each axis (negative ones counted from the end) once; false for an axis outside the rank or given twice.</summary>
    private static bool MarkAxes(long[] axes, int rank, bool[] marks)
    {
        foreach (long a in axes)
        {
            long axis = a < 0 ? a + rank : a;
            if (axis < 0 || axis >= rank || marks[axis])
            {
                return false;
            }

            marks[axis] = true;
        }

        return true;
    }

    private static bool IsPermutation(long[] perm)
    {
        bool[] seen = new bool[perm.Length];
        foreach (long p in perm)
        {
            if (p < 0 || p >= perm.Length || seen[p])
            {
                return false;
            }

            seen[p] = true;
        }

        return true;
    }

    private static long Product(long[] dims, int from, int to)
    {
        long product = 1;
        for (int k = from; k < to; k++)
        {
            product = checked(product * dims[k]);
        }

        return product;
    }

    private static OnnxValue? At(OnnxValue?[] inputs, int position) => position < inputs.Length ? inputs[position] : null;

    private static OnnxValue Fail(OnnxNode node, string what) => OnnxValue.Unresolved(node.Described + " " + what);
}
