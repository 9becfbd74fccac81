using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Layers;

namespace RecurrentParams.Internal;

/// <summary>The output shapes of Keras' merge layers (Keras 3 <c>keras/src/layers/merging/base_merge.py</c>, <c>concatenate.py</c>, <c>dot.py</c>).</summary>
internal static class MergeMath
{
    /// <summary>
    /// Element-wise merges (Add, Subtract, Multiply, Average, Maximum, Minimum) broadcast as Keras'
    /// <c>_compute_elemwise_op_output_shape</c>: shapes aligned on the last axis, a 1 takes the other dimension, an unknown
    /// one makes the result unknown, and two different known ones are refused. The batch is the one known batch size, if any.
    /// </summary>
    public static OutputShape Broadcast(LayerContext context, string className)
    {
        context.ExpectInputs(className == "Subtract" ? 2 : 1, className == "Subtract" ? 2 : int.MaxValue, className == "Subtract" ? "exactly 2 tensors" : "a list of tensors");
        long?[] shape = context.Inputs[0].Dimensions.Skip(1).ToArray();
        foreach (OutputShape input in context.Inputs.Skip(1))
        {
            long?[] other = input.Dimensions.Skip(1).ToArray();
            long?[] longer = shape.Length >= other.Length ? shape : other;
            long?[] shorter = shape.Length >= other.Length ? other : shape;
            var merged = longer.Take(longer.Length - shorter.Length).ToList();
            for (int k = 0; k < shorter.Length; k++)
            {
                long? i = longer[longer.Length - shorter.Length + k];
                long? j = shorter[k];
                if (i is null || j is null)
                {
                    merged.Add(null);
                }
                else if (i == 1 || j == 1)
                {
                    merged.Add(i == 1 ? j : i);
                }
                else if (i != j)
                {
                    context.Fail("cannot broadcast its inputs " + string.Join(" and ", context.Inputs.Select(s => s.ToString())) + " against each other");
                }
                else
                {
                    merged.Add(i);
                }
            }

            shape = merged.ToArray();
        }

        long?[] batches = context.Inputs.Where(s => s.IsKnown).Select(s => s[0]).Where(b => b is not null).Distinct().ToArray();
        return new OutputShape(new[] { batches.Length == 1 ? batches[0] : null }.Concat(shape).ToArray());
    }

    /// <summary>Concatenate: the first input's shape, its axis the sum of the inputs' (unknown if one is).</summary>
    public static OutputShape Concatenate(LayerContext context, int axis)
    {
        context.ExpectInputs(1, int.MaxValue, "a list of tensors");
        int rank = context.Inputs[0].Rank;
        int index = Spatial.Axis(context, axis, rank, "axis");
        foreach (OutputShape input in context.Inputs)
        {
            if (input.Rank != rank)
            {
                context.Fail("concatenates tensors of different ranks: " + string.Join(", ", context.Inputs.Select(s => s.ToString())));
            }
        }

        long?[] dims = context.Inputs[0].Dimensions.ToArray();
        foreach (OutputShape input in context.Inputs.Skip(1))
        {
            dims[index] = dims[index] is long a && input[index] is long b ? checked(a + b) : null;
            if (dims[index] is null)
            {
                break;
            }
        }

        return new OutputShape(dims);
    }

    /// <summary>
    /// Dot: the two inputs without their contracted axes (the second without its batch), joined; a result of rank 1 gets a
    /// trailing 1 (Keras 3 <c>Dot.compute_output_shape</c>).
    /// </summary>
    public static OutputShape Dot(LayerContext context, IReadOnlyList<int> axes)
    {
        context.ExpectInputs(2, 2, "exactly 2 tensors");
        List<long?> first = context.Inputs[0].Dimensions.ToList();
        List<long?> second = context.Inputs[1].Dimensions.ToList();
        int a = Normalize(context, axes[0], first.Count);
        int b = Normalize(context, axes.Count > 1 ? axes[1] : axes[0], second.Count);
        if (first[a] is long x && second[b] is long y && x != y)
        {
            context.Fail(string.Format(CultureInfo.InvariantCulture, "contracts axis {0} of {1} with axis {2} of {3}, but their lengths differ", a, context.Inputs[0], b, context.Inputs[1]));
        }

        first.RemoveAt(a);
        second.RemoveAt(b);
        second.RemoveAt(0);
        List<long?> output = first.Concat(second).ToList();
        if (output.Count == 1)
        {
            output.Add(1);
        }

        return new OutputShape(output.ToArray());
    }

    private static int Normalize(LayerContext context, int axis, int rank)
    {
        int index = axis < 0 ? ((axis % rank) + rank) % rank : axis;
        if (index <= 0 || index >= rank)
        {
            context.Fail(string.Format(CultureInfo.InvariantCulture, "contracts axis {0}, which is not an axis of a tensor of rank {1} other than the batch axis", axis, rank));
        }

        return index;
    }
}
