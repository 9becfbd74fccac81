using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Import.Internal;
using RecurrentParams.Internal;

namespace RecurrentParams.Import;

/// <summary>Recovers Keras recurrent layers — <c>SimpleRNN</c>, <c>LSTM</c>, <c>GRU</c>, Keras 2's <c>CuDNNLSTM</c> and <c>CuDNNGRU</c>, and their <c>Bidirectional</c> wrappers — from the names and shapes of stored weights (a file written by <c>save_weights()</c>).</summary>
/// <remarks>
/// <para>Weights are grouped by layer from their paths: legacy <c>save_weights</c> HDF5 names such as
/// <c>lstm_1/lstm_1/kernel:0</c>, <c>lstm/lstm/lstm_cell/kernel:0</c> or
/// <c>bidirectional_1/bidirectional_1/forward_lstm_1/kernel:0</c>, and Keras 3 <c>*.weights.h5</c> paths such as
/// <c>layers/lstm/cell/vars/0</c> or <c>layers/bidirectional/forward_layer/cell/vars/1</c>, whose unnamed variables are
/// taken in the order the cell's <c>build</c> creates them: kernel, recurrent_kernel, bias. A layer is recurrent when it
/// has a <c>recurrent_kernel</c>, a cell or a forward/backward direction.</para>
/// <para>With u units and G gate blocks, <c>kernel</c> is <c>(input, G·u)</c> and <c>recurrent_kernel</c> <c>(u, G·u)</c>;
/// G — 1 for SimpleRNN, 3 for GRU, 4 for LSTM — is read from them, so the shapes decide. The bias tells the rest: none
/// (<c>use_bias=False</c>), <c>(G·u)</c>, <c>(2, 3u)</c> (GRU with <c>reset_after=True</c>) or <c>(2·G·u)</c> (Keras 2's
/// cuDNN layers). A <c>Bidirectional</c> layer's two directions must agree. Shapes that do not fit these rules make the
/// layer ambiguous, with the reason, rather than wrongly recovered.</para>
/// <para>All members are thread-safe.</para>
/// </remarks>
public static class KerasArchitecture
{
    private const string Unknown = "Recurrent";

    /// <summary>Recovers the recurrent layers among the given weights.</summary>
    /// <param name="tensors">Stored weights named by their Keras paths; weights of other layers are ignored.</param>
    /// <returns>One entry per recurrent layer, in the order the layers' first weights appear; empty when there is none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or an element is <see langword="null"/>.</exception>
    public static IReadOnlyList<RecoveredModule> Recover(IEnumerable<TensorInfo> tensors)
    {
        Guard.NotNull(tensors, nameof(tensors));
        var groups = new Dictionary<string, List<(KerasWeightName Name, TensorInfo Tensor)>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (TensorInfo tensor in tensors)
        {
            Guard.NotNull(tensor, nameof(tensors));
            KerasWeightName name = KerasWeightName.Parse(tensor.Name);
            if (!groups.TryGetValue(name.Layer, out List<(KerasWeightName, TensorInfo)>? group))
            {
                group = [];
                groups.Add(name.Layer, group);
                order.Add(name.Layer);
            }

            group.Add((name, tensor));
        }

        return order
            .Where(layer => groups[layer].Any(w => w.Name.InCell || w.Name.Direction is not null || w.Name.Local == "recurrent_kernel"))
            .Select(layer => RecoverLayer(layer, groups[layer]))
            .ToList()
            .AsReadOnly();
    }

    /// <summary>Summarizes stored Keras weights: one row per recovered recurrent layer and one <c>Tensors</c> row per other layer.</summary>
    /// <param name="name">The model's name for the summary, e.g. the file's name.</param>
    /// <param name="tensors">Stored weights named by their Keras paths, in file order.</param>
    /// <returns>A Keras-convention summary whose total is the weights' total element count; output shapes are unknown, since weights do not record them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/>, <paramref name="tensors"/> or an element is <see langword="null"/>.</exception>
    /// <exception cref="OverflowException">The weights hold more than <see cref="long.MaxValue"/> elements.</exception>
    public static ModelSummary Summarize(string name, IEnumerable<TensorInfo> tensors)
    {
        Guard.NotNull(name, nameof(name));
        TensorInfo[] list = Guard.NotNull(tensors, nameof(tensors)).ToArray();
        return KerasGrouping.Summarize(name, list, Recover(list));
    }

    private static RecoveredModule RecoverLayer(string layer, List<(KerasWeightName Name, TensorInfo Tensor)> weights)
    {
        TensorInfo[] tensors = weights.Select(w => w.Tensor).ToArray();
        RecoveredModule Ambiguous(string reason) => new(layer, Unknown, null, tensors, Array.Empty<string>(), reason);

        var byDirection = weights.GroupBy(w => w.Name.Direction ?? string.Empty).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        if (byDirection.Count == 1 && byDirection.TryGetValue(string.Empty, out List<(KerasWeightName, TensorInfo)>? single))
        {
            (LayerSpec? spec, string className, string? reason) = RecoverCell(single);
            return spec is null ? Ambiguous(reason!) : Checked(layer, className, spec, tensors);
        }

        if (byDirection.Count != 2
            || !byDirection.TryGetValue("forward", out List<(KerasWeightName, TensorInfo)>? forwardWeights)
            || !byDirection.TryGetValue("backward", out List<(KerasWeightName, TensorInfo)>? backwardWeights))
        {
            return Ambiguous("a Bidirectional layer needs exactly a forward and a backward direction, but found " + string.Join(", ", byDirection.Keys.Select(k => k.Length == 0 ? "weights outside both" : k)));
        }

        (LayerSpec? forward, _, string? forwardReason) = RecoverCell(forwardWeights);
        if (forward is null)
        {
            return Ambiguous("forward: " + forwardReason);
        }

        (LayerSpec? backward, _, string? backwardReason) = RecoverCell(backwardWeights);
        if (backward is null)
        {
            return Ambiguous("backward: " + backwardReason);
        }

        if (forward != backward)
        {
            return Ambiguous("the directions differ: forward is " + Params.Explain(forward).Subject + ", backward " + Params.Explain(backward).Subject);
        }

        return Checked(layer, "Bidirectional", forward with { Bidirectional = true }, tensors);
    }

    /// <summary>A recovered spec must count exactly the stored weights' elements.</summary>
    private static RecoveredModule Checked(string layer, string className, LayerSpec spec, TensorInfo[] tensors)
    {
        long stored;
        long expected;
        try
        {
            stored = tensors.Aggregate(0L, (acc, t) => checked(acc + t.ElementCount));
            expected = Params.Count(spec);
        }
        catch (OverflowException)
        {
            return new RecoveredModule(layer, Unknown, null, tensors, Array.Empty<string>(), "the weights or " + className + "'s count hold more elements than fit in a 64-bit integer");
        }

        return stored == expected
            ? new RecoveredModule(layer, className, spec, tensors, Array.Empty<string>(), null)
            : new RecoveredModule(layer, Unknown, null, tensors, Array.Empty<string>(), string.Format(CultureInfo.InvariantCulture, "the weights hold {0} elements but {1} has {2}", stored, Params.Explain(spec).Subject, expected));
    }

    /// <summary>One direction's kernel, recurrent_kernel and optional bias, as a unidirectional spec.</summary>
    private static (LayerSpec? Spec, string ClassName, string? Reason) RecoverCell(List<(KerasWeightName Name, TensorInfo Tensor)> weights)
    {
        var byRole = new Dictionary<string, TensorInfo>(StringComparer.Ordinal);
        bool inCell = false;
        foreach ((KerasWeightName name, TensorInfo tensor) in weights)
        {
            if (name.Local is not ("kernel" or "recurrent_kernel" or "bias"))
            {
                return Fail("the weight '" + tensor.Name + "' is not a kernel, recurrent_kernel or bias");
            }

            if (byRole.TryGetValue(name.Local, out TensorInfo? first))
            {
                return Fail("two weights are the " + name.Local + ": '" + first.Name + "' and '" + tensor.Name + "'");
            }

            byRole.Add(name.Local, tensor);
            inCell |= name.InCell;
        }

        if (!byRole.TryGetValue("kernel", out TensorInfo? kernel) || kernel.Shape.Rank != 2)
        {
            return Fail("the kernel is missing or not 2-D, so the input size is unknown");
        }

        if (!byRole.TryGetValue("recurrent_kernel", out TensorInfo? recurrent) || recurrent.Shape.Rank != 2)
        {
            return Fail("the recurrent_kernel is missing or not 2-D, so the units are unknown");
        }

        long input = kernel.Shape.Dimensions[0];
        long units = recurrent.Shape.Dimensions[0];
        long width = recurrent.Shape.Dimensions[1];
        if (kernel.Shape.Dimensions[1] != width)
        {
            return Fail("the kernel " + kernel.Shape + " and the recurrent_kernel " + recurrent.Shape + " have different numbers of columns");
        }

        if (units == 0 || width % units != 0 || (width / units) is not (1 or 3 or 4))
        {
            return Fail(string.Format(CultureInfo.InvariantCulture, "the recurrent_kernel is ({0}, {1}): {1} columns are not 1, 3 or 4 times its {0} rows", units, width));
        }

        int gates = (int)(width / units);
        byRole.TryGetValue("bias", out TensorInfo? bias);
        bool useBias = bias is not null;
        bool resetAfter = false;
        bool cuDnn = false;
        if (bias is not null)
        {
            long[] b = bias.Shape.Dimensions.ToArray();
            if (b.Length == 1 && b[0] == width)
            {
                // One bias vector per gate block.
            }
            else if (b.Length == 2 && b[0] == 2 && b[1] == width)
            {
                if (gates != 3)
                {
                    return Fail("the bias " + bias.Shape + " is a GRU's with reset_after=True, but the kernels have " + gates.ToString(CultureInfo.InvariantCulture) + " gate blocks");
                }

                resetAfter = true;
            }
            else if (b.Length == 1 && width <= long.MaxValue / 2 && b[0] == 2 * width)
            {
                if (gates == 1 || inCell)
                {
                    return Fail("the bias " + bias.Shape + " is Keras 2's CuDNNLSTM or CuDNNGRU's, but " + (inCell ? "those keep their weights on the layer, not in a cell" : "the kernels have 1 gate block"));
                }

                cuDnn = true;
            }
            else
            {
                return Fail("the bias " + bias.Shape + " fits no Keras cell with kernels of " + width.ToString(CultureInfo.InvariantCulture) + " columns");
            }
        }

        try
        {
            int i = checked((int)input);
            int u = checked((int)units);
            return gates switch
            {
                4 when cuDnn => (LayerSpec.Keras.CuDnnLstm(u, i), "CuDNNLSTM", null),
                3 when cuDnn => (LayerSpec.Keras.CuDnnGru(u, i), "CuDNNGRU", null),
                4 => (LayerSpec.Keras.Lstm(u, i, useBias), "LSTM", null),
                3 => (LayerSpec.Keras.Gru(u, i, useBias, resetAfter: resetAfter || !useBias), "GRU", null),
                _ => (LayerSpec.Keras.SimpleRnn(u, i, useBias), "SimpleRNN", null),
            };
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            return Fail("the sizes read from the shapes are not a valid layer: " + e.Message);
        }

        static (LayerSpec?, string, string?) Fail(string reason) => (null, Unknown, reason);
    }
}
