using System;
using System.Collections.Generic;
using System.Linq;

namespace RecurrentParams.Import.Internal;

/// <summary>
/// A Keras weight path taken apart: the layer it belongs to, the direction of a <c>Bidirectional</c> wrapper, and the
/// weight's local name. Handles the legacy <c>save_weights</c> HDF5 paths (<c>lstm_1/lstm_1/kernel:0</c>,
/// <c>lstm/lstm/lstm_cell/kernel:0</c>, <c>bidirectional_1/bidirectional_1/forward_lstm_1/kernel:0</c>) and the
/// Keras 3 <c>*.weights.h5</c> paths (<c>layers/lstm/cell/vars/0</c>, <c>layers/bidirectional/forward_layer/cell/vars/1</c>).
/// </summary>
internal sealed class KerasWeightName
{
    /// <summary>Keras 3 stores a cell's variables unnamed, in the order its <c>build</c> creates them.</summary>
    private static readonly string[] CellVariables = ["kernel", "recurrent_kernel", "bias"];

    private KerasWeightName(string layer, string? direction, string local, bool inCell)
    {
        Layer = layer;
        Direction = direction;
        Local = local;
        InCell = inCell;
    }

    /// <summary>Gets the layer's path, e.g. <c>lstm_1</c> or <c>bidirectional</c>; empty for a weight at the root.</summary>
    public string Layer { get; }

    /// <summary>Gets <c>forward</c> or <c>backward</c> inside a <c>Bidirectional</c> wrapper, else <see langword="null"/>.</summary>
    public string? Direction { get; }

    /// <summary>Gets the weight's name within its layer (and direction), e.g. <c>kernel</c>, <c>moving_mean</c> or <c>vars/0</c>.</summary>
    public string Local { get; }

    /// <summary>Gets a value indicating whether the weight sits in a recurrent cell (<c>lstm_cell</c>, Keras 3 <c>cell</c>).</summary>
    public bool InCell { get; }

    /// <summary>Gets the name within the layer, with the direction: <c>forward/kernel</c>.</summary>
    public string LocalWithDirection => Direction is null ? Local : Direction + "/" + Local;

    public static KerasWeightName Parse(string name)
    {
        var segments = name.Split('/').ToList();
        string last = segments[segments.Count - 1];
        int colon = last.LastIndexOf(':');
        if (colon > 0 && colon < last.Length - 1 && last.Substring(colon + 1).All(IsDigit))
        {
            last = last.Substring(0, colon); // The TensorFlow output index of legacy names, "kernel:0".
        }

        segments.RemoveAt(segments.Count - 1);
        string local = last;
        bool inCell = false;
        bool keras3 = segments.Count > 0 && segments[segments.Count - 1] == "vars" && last.Length > 0 && last.Length < 10 && last.All(IsDigit);
        if (keras3)
        {
            segments.RemoveAt(segments.Count - 1);
            local = "vars/" + last;
            if (segments.Count > 0 && segments[segments.Count - 1] == "cell")
            {
                segments.RemoveAt(segments.Count - 1);
                inCell = true;
                int index = int.Parse(last, System.Globalization.CultureInfo.InvariantCulture);
                local = index < CellVariables.Length ? CellVariables[index] : local;
            }

            if (segments.Count > 1 && segments[0] == "layers")
            {
                segments.RemoveAt(0);
            }
        }
        else
        {
            if (segments.Count > 0 && segments[segments.Count - 1].EndsWith("_cell", StringComparison.Ordinal))
            {
                segments.RemoveAt(segments.Count - 1);
                inCell = true;
            }

            if (segments.Count > 1 && segments[0] == segments[1])
            {
                segments.RemoveAt(0); // The layer's group holds paths that start with the layer's name again.
            }
        }

        string? direction = null;
        if (segments.Count > 1)
        {
            string inner = segments[segments.Count - 1];
            direction = inner.StartsWith("forward_", StringComparison.Ordinal) ? "forward" : inner.StartsWith("backward_", StringComparison.Ordinal) ? "backward" : null;
            if (direction is not null)
            {
                segments.RemoveAt(segments.Count - 1);
            }
        }

        return new KerasWeightName(string.Join("/", segments), direction, local, inCell);
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>Whether a weight is a statistic Keras does not train: BatchNormalization's moving mean and variance.</summary>
    public static bool IsNonTrainable(string local, string layer, IReadOnlyList<KerasWeightName> group)
    {
        if (local.EndsWith("moving_mean", StringComparison.Ordinal) || local.EndsWith("moving_variance", StringComparison.Ordinal))
        {
            return true;
        }

        // Keras 3 leaves variables unnamed; BatchNormalization.build adds gamma, beta, moving_mean, moving_variance in that order.
        string leaf = layer.Substring(layer.LastIndexOf('/') + 1);
        return leaf.StartsWith("batch_normalization", StringComparison.Ordinal)
            && group.Select(n => n.Local).OrderBy(l => l, StringComparer.Ordinal).SequenceEqual(["vars/0", "vars/1", "vars/2", "vars/3"])
            && local is "vars/2" or "vars/3";
    }
}
