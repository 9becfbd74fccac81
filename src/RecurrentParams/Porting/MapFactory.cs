using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;

namespace RecurrentParams.Porting;

/// <summary>Builds the layer maps: the recurrent cells, Dense / Linear and Embedding, between the three layouts.</summary>
internal static class MapFactory
{
    public const string SplitLostNote =
        "the Keras bias is bias_ih + bias_hh: the outputs agree up to float32 rounding of that sum, but the split between the two is lost (back in PyTorch, bias_hh is zeros)";

    public static string Framework(WeightLayout layout) => layout switch
    {
        WeightLayout.Keras => "Keras",
        WeightLayout.Torch => "PyTorch",
        _ => "ONNX",
    };

    /// <summary>
    /// Maps one recurrent layer; a PyTorch module with several layers gives one map per layer. <c>targetStack</c> and
    /// <c>targetLayer</c>: for Keras layers that become layer <c>targetLayer</c> of one stacked PyTorch module, that module.
    /// </summary>
    public static IEnumerable<LayerMap> Recurrent(LayerSpec spec, WeightLayout from, WeightLayout to, string sourceName, string targetName, string sourcePrefix, Func<int, string> targetPrefix, LayerSpec? targetStack = null, int targetLayer = 0)
    {
        string source = Describe(spec, from);
        string? refusal = Refusal(spec, from, to);
        if (refusal is not null)
        {
            yield return new LayerMap(sourceName, ClassOf(spec, from), targetName, ClassOf(spec, to), null, Subject(sourceName, source, Framework(to)), [], [], refusal);
            yield break;
        }

        int layers = from == WeightLayout.Torch ? spec.NumLayers : 1;
        for (int layer = 0; layer < layers; layer++)
        {
            LayerSpec target = targetStack ?? TargetSpec(spec, layer, to);
            string name = layers == 1 ? targetName : targetName + (targetName.Length == 0 ? "l" : "_l") + layer.ToString(CultureInfo.InvariantCulture);
            var segments = new List<(string Name, TensorShape Shape, MappingSegment Segment, string Rule)>();
            var notes = new List<string>();
            for (int direction = 0; direction < spec.Directions; direction++)
            {
                RecurrentSlots sourceSlots = Slots(spec, from, layer, direction, sourcePrefix);
                RecurrentSlots targetSlots = Slots(target, to, targetLayer, direction, targetPrefix(layer));
                Block(sourceSlots, targetSlots, segments, notes);
            }

            string described = Describe(target, to) + (targetStack is null ? string.Empty : " layer " + targetLayer.ToString(CultureInfo.InvariantCulture));
            string label = layers == 1 ? sourceName : (sourceName.Length == 0 ? "layer " : sourceName + " layer ") + layer.ToString(CultureInfo.InvariantCulture);
            string subject = Subject(label, source, described);
            yield return new LayerMap(sourceName, ClassOf(spec, from), name, ClassOf(target, to), target, subject, Group(segments), notes.Distinct(StringComparer.Ordinal), null);
        }
    }

    /// <summary>Maps Keras <c>Dense</c> ⇄ PyTorch <c>Linear</c>: <c>kernel (in, out)</c> is <c>weight (out, in)</c> transposed.</summary>
    public static LayerMap Dense(long inFeatures, long outFeatures, bool bias, WeightLayout from, string sourceName, string targetName, string sourcePrefix, string targetPrefix)
    {
        bool toTorch = from == WeightLayout.Keras;
        var kernel = new TensorShape(inFeatures, outFeatures);
        var weight = new TensorShape(outFeatures, inFeatures);
        var mappings = new List<TensorMapping>
        {
            toTorch
                ? Copy(targetPrefix + "weight", weight, sourcePrefix + "kernel", kernel, outFeatures, inFeatures, sourceTransposed: true, targetTransposed: false)
                : Copy(targetPrefix + "kernel", kernel, sourcePrefix + "weight", weight, outFeatures, inFeatures, sourceTransposed: false, targetTransposed: true),
        };
        if (bias)
        {
            var vector = new TensorShape(outFeatures);
            mappings.Add(Copy(targetPrefix + "bias", vector, sourcePrefix + "bias", vector, outFeatures, 1, false, false));
        }

        string dense = "Dense(units=" + Invariant(outFeatures) + (bias ? string.Empty : ", use_bias=False") + ") on " + Invariant(inFeatures) + " features";
        string linear = "Linear(in_features=" + Invariant(inFeatures) + ", out_features=" + Invariant(outFeatures) + (bias ? string.Empty : ", bias=False") + ")";
        return new LayerMap(sourceName, toTorch ? "Dense" : "Linear", targetName, toTorch ? "Linear" : "Dense", null, Subject(sourceName, toTorch ? dense : linear, toTorch ? linear : dense), mappings, [], null);
    }

    /// <summary>Maps Keras <c>Embedding</c> ⇄ PyTorch <c>Embedding</c>: <c>embeddings (n, d)</c> is <c>weight (n, d)</c>, copied.</summary>
    public static LayerMap Embedding(long count, long dimension, WeightLayout from, string sourceName, string targetName, string sourcePrefix, string targetPrefix)
    {
        bool toTorch = from == WeightLayout.Keras;
        var shape = new TensorShape(count, dimension);
        TensorMapping mapping = Copy(targetPrefix + (toTorch ? "weight" : "embeddings"), shape, sourcePrefix + (toTorch ? "embeddings" : "weight"), shape, count, dimension, false, false);
        string keras = "Embedding(input_dim=" + Invariant(count) + ", output_dim=" + Invariant(dimension) + ")";
        string torch = "Embedding(" + Invariant(count) + ", " + Invariant(dimension) + ")";
        return new LayerMap(sourceName, "Embedding", targetName, "Embedding", null, Subject(sourceName, toTorch ? keras : torch, toTorch ? torch : keras), [mapping], [], null);
    }

    /// <summary>Refuses a layer that has weights but no mapping.</summary>
    public static LayerMap Unsupported(string name, string className, WeightLayout from, WeightLayout to, string reason) =>
        new(name, className, name, className, null, Subject(name, Framework(from) + " " + className, Framework(to)), [], [], reason);

    public static string Describe(LayerSpec spec, WeightLayout layout)
    {
        string subject = Params.Explain(spec).Subject;
        return layout == WeightLayout.Onnx
            ? "ONNX " + spec.CellType.Name.Replace("SimpleRNN", "RNN") + "(hidden_size=" + Invariant(spec.Units) + ", direction=" + (spec.Bidirectional ? "bidirectional" : "forward") + ") on " + Invariant(spec.InputSize) + " features"
            : subject;
    }

    private static string? Refusal(LayerSpec spec, WeightLayout from, WeightLayout to)
    {
        if (!GateOrder.IsMapped(spec.CellType))
        {
            return "no " + Framework(to) + " equivalent is mapped for the cell '" + spec.CellType.Name + "' (SimpleRNN, LSTM and GRU are)";
        }

        if (spec.IsCell)
        {
            return "single-step cells are not mapped; map the layer (nn.LSTM, keras.layers.LSTM) instead";
        }

        if (!spec.ResetAfter)
        {
            return to == WeightLayout.Torch
                ? "a Keras GRU with reset_after=False applies the reset gate before the recurrent matrix product, (r ⊙ h)·U; PyTorch's GRU always applies it after, r ⊙ (W_hn·h + b_hn), so no nn.GRU computes the same function"
                : "a Keras GRU with reset_after=False has no " + Framework(to) + " mapping here; ONNX GRU with linear_before_reset=0 computes it, but only reset_after=True is mapped";
        }

        if (spec.ProjSize > 0 && to != WeightLayout.Torch)
        {
            return to == WeightLayout.Keras
                ? "an LSTM with proj_size=" + Invariant(spec.ProjSize) + " projects its hidden state through weight_hr; Keras' LSTM has no projection, so no Keras layer computes the same function"
                : "an LSTM with proj_size=" + Invariant(spec.ProjSize) + " has no ONNX LSTM equivalent (ONNX LSTM has no projection)";
        }

        if (spec.NumLayers > 1 && (from == WeightLayout.Onnx || to == WeightLayout.Onnx))
        {
            return "an ONNX node holds one layer; map nn." + spec.CellType.Name.Replace("SimpleRNN", "RNN") + "(num_layers=" + Invariant(spec.NumLayers) + ") one layer at a time";
        }

        return null;
    }

    private static LayerSpec TargetSpec(LayerSpec spec, int layer, WeightLayout to)
    {
        long recurrent = spec.ProjSize > 0 ? spec.ProjSize : spec.Units;
        int input = layer == 0 ? spec.InputSize : checked((int)(spec.Directions * recurrent));
        var target = new LayerSpec(spec.CellType, spec.Units, input)
        {
            Convention = to == WeightLayout.Keras ? Convention.Keras : Convention.Torch,
            UseBias = spec.UseBias,
            Bidirectional = spec.Bidirectional,
        };
        return to == WeightLayout.Torch && spec.Convention == Convention.Torch ? target with { ProjSize = spec.ProjSize } : target;
    }

    private static RecurrentSlots Slots(LayerSpec spec, WeightLayout layout, int layer, int direction, string prefix) => layout switch
    {
        WeightLayout.Keras => RecurrentSlots.Keras(spec, direction, prefix),
        WeightLayout.Torch => RecurrentSlots.Torch(spec, layer, direction, prefix),
        _ => RecurrentSlots.Onnx(spec, direction, prefix),
    };

    private static void Block(RecurrentSlots source, RecurrentSlots target, List<(string, TensorShape, MappingSegment, string)> segments, List<string> notes)
    {
        int[] permutation = GateOrder.Permutation(source.CellType, source.Layout, target.Layout);
        string gates = permutation.Select((p, k) => p == k).All(same => same)
            ? string.Empty
            : "gates " + GateOrder.Names(source.CellType, source.Layout) + " → " + GateOrder.Names(source.CellType, target.Layout);
        Add(segments, target.InputKernel!, source.Units, target.InputSize, permutation, gates, source.InputKernel!);
        Add(segments, target.RecurrentKernel!, source.Units, target.RecurrentSize, permutation, gates, source.RecurrentKernel!);
        if (target.Bias is not null)
        {
            if (source.Bias is not null)
            {
                Add(segments, target.Bias, source.Units, 1, permutation, gates, source.Bias);
            }
            else if (source.InputBias is not null)
            {
                Add(segments, target.Bias, source.Units, 1, permutation, gates, source.InputBias, source.RecurrentBias!);
                notes.Add(SplitLostNote);
            }
        }
        else if (target.InputBias is not null)
        {
            if (source.Bias is not null)
            {
                Add(segments, target.InputBias, source.Units, 1, permutation, gates, source.Bias);
                Add(segments, target.RecurrentBias!, source.Units, 1, permutation, gates);
            }
            else if (source.InputBias is not null)
            {
                Add(segments, target.InputBias, source.Units, 1, permutation, gates, source.InputBias);
                Add(segments, target.RecurrentBias!, source.Units, 1, permutation, gates, source.RecurrentBias!);
            }
        }
    }

    private static void Add(List<(string, TensorShape, MappingSegment, string)> segments, RecurrentSlots.Slot target, long units, long width, int[] permutation, string gates, params RecurrentSlots.Slot[] sources)
    {
        var segment = new MappingSegment(target.Offset, permutation.Length, units, width, target.Transposed, permutation, sources.Select(s => s.Term()));
        string rule = sources.Length == 0
            ? "zeros (the source keeps one bias, which goes to the input bias; PyTorch and ONNX add both)"
            : string.Join(" + ", sources.Select(s => s.Name + " " + s.Shape + (s.Part.Length == 0 ? string.Empty : " " + s.Part)))
              + (sources[0].Transposed != target.Transposed ? ", transposed" : string.Empty)
              + (gates.Length == 0 ? string.Empty : ", " + gates);
        segments.Add((target.Name, target.Shape, segment, target.Part.Length == 0 ? rule : target.Part + ": " + rule));
    }

    private static IEnumerable<TensorMapping> Group(List<(string Name, TensorShape Shape, MappingSegment Segment, string Rule)> segments) =>
        segments
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .Select(g => new TensorMapping(g.Key, g.First().Shape, g.Select(s => s.Segment), string.Join("; ", g.Select(s => s.Rule))));

    private static TensorMapping Copy(string target, TensorShape targetShape, string source, TensorShape sourceShape, long rows, long width, bool sourceTransposed, bool targetTransposed)
    {
        var segment = new MappingSegment(0, 1, rows, width, targetTransposed, [0], [new MappingTerm(source, sourceShape, 0, sourceTransposed, string.Empty)]);
        return new TensorMapping(target, targetShape, [segment], source + " " + sourceShape + (sourceTransposed != targetTransposed ? ", transposed" : string.Empty));
    }

    private static string ClassOf(LayerSpec spec, WeightLayout layout) =>
        layout == WeightLayout.Keras
            ? spec.Bidirectional ? "Bidirectional" : spec.CellType.Name
            : spec.CellType == CellType.SimpleRnn ? "RNN" : spec.CellType.Name;

    private static string Subject(string name, string source, string target) =>
        (name.Length == 0 ? string.Empty : name + ": ") + source + " → " + target;

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
