using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Layers;

namespace RecurrentParams.Import.Internal;

/// <summary>What one call of a layer produced: output shapes, weights, derivation and multiply-accumulates.</summary>
internal sealed class NodeResult
{
    public NodeResult(IReadOnlyList<OutputShape> outputs, IReadOnlyList<WeightTensor> weights, Derivation? derivation, long macs)
    {
        Outputs = outputs;
        Weights = weights;
        Derivation = derivation;
        Macs = macs;
    }

    public IReadOnlyList<OutputShape> Outputs { get; }

    public IReadOnlyList<WeightTensor> Weights { get; }

    public Derivation? Derivation { get; }

    public long Macs { get; }
}

/// <summary>One layer of a Keras topology, ready to be evaluated on the shapes it receives.</summary>
internal abstract class KerasNode
{
    protected KerasNode(string name, string className, string path)
    {
        Name = name;
        ClassName = className;
        Path = path;
    }

    public string Name { get; }

    public string ClassName { get; }

    public string Path { get; }

    /// <summary>Gets a value indicating whether the layer combines several tensors (Concatenate, Add, ...).</summary>
    public virtual bool TakesList => false;

    public abstract NodeResult Evaluate(IReadOnlyList<OutputShape> inputs);
}

/// <summary>A layer the core library builds (LSTM, Dense, Bidirectional, ...).</summary>
internal sealed class CoreNode : KerasNode
{
    private readonly Layer layer;

    public CoreNode(string name, string className, string path, Layer layer)
        : base(name, className, path)
    {
        this.layer = layer;
    }

    public override NodeResult Evaluate(IReadOnlyList<OutputShape> inputs)
    {
        try
        {
            LayerResult result = layer.Build(new LayerContext(inputs[0], Name, Convention.Keras, null));
            return new NodeResult(result.Outputs, result.Weights, result.Derivation, result.MacsPerStep);
        }
        catch (InvalidOperationException e)
        {
            return Fail.At<NodeResult>(Path, "the layer cannot take its input: " + e.Message, e);
        }
        catch (ArgumentException e)
        {
            return Fail.At<NodeResult>(Path, "the layer cannot take its input: " + e.Message, e);
        }
        catch (OverflowException e)
        {
            return Fail.At<NodeResult>(Path, "the layer's parameter count does not fit in a 64-bit integer", e);
        }
    }
}

/// <summary>A weightless layer whose output is its input (Activation, Masking, noise and dropout variants).</summary>
internal sealed class IdentityNode : KerasNode
{
    public IdentityNode(string name, string className, string path)
        : base(name, className, path)
    {
    }

    public override NodeResult Evaluate(IReadOnlyList<OutputShape> inputs) =>
        new(new[] { inputs[0] }, Array.Empty<WeightTensor>(), null, 0);
}

/// <summary>A Keras merge layer: Concatenate on an axis, or an element-wise Add / Subtract / Multiply / Average / Maximum / Minimum.</summary>
internal sealed class MergeNode : KerasNode
{
    private readonly int? axis;

    public MergeNode(string name, string className, string path, int? axis)
        : base(name, className, path)
    {
        this.axis = axis;
    }

    public override bool TakesList => true;

    public override NodeResult Evaluate(IReadOnlyList<OutputShape> inputs)
    {
        if (inputs.Count < 2 && axis is null)
        {
            throw Fail.Error(Path, ClassName + " expects at least 2 inputs but receives " + inputs.Count.ToString(CultureInfo.InvariantCulture));
        }

        return new NodeResult(new[] { axis is int a ? Concatenate(inputs, a) : Broadcast(inputs) }, Array.Empty<WeightTensor>(), null, 0);
    }

    private OutputShape Concatenate(IReadOnlyList<OutputShape> inputs, int a)
    {
        int rank = inputs[0].Rank;
        int index = a < 0 ? rank + a : a;
        if (index <= 0 || index >= rank || inputs.Any(s => s.Rank != rank))
        {
            throw Fail.Error(Path, "Concatenate on axis " + a.ToString(CultureInfo.InvariantCulture) + " needs inputs of one rank with that axis, but receives " + string.Join(", ", inputs.Select(s => s.ToString())));
        }

        long?[] dims = inputs[0].Dimensions.ToArray();
        long? total = 0;
        foreach (OutputShape input in inputs)
        {
            total = total is long t && input[index] is long d ? checked(t + d) : null;
            for (int k = 0; k < rank; k++)
            {
                if (k != index && dims[k] is null)
                {
                    dims[k] = input[k];
                }
            }
        }

        dims[index] = total;
        return new OutputShape(dims);
    }

    private static OutputShape Broadcast(IReadOnlyList<OutputShape> inputs)
    {
        // Keras broadcasts aligned on the last axis; a known dimension other than 1 wins.
        int rank = inputs.Max(s => s.Rank);
        var dims = new long?[rank];
        for (int k = 1; k <= rank; k++)
        {
            long? chosen = null;
            bool any = false;
            foreach (OutputShape input in inputs)
            {
                if (input.Rank < k)
                {
                    continue;
                }

                long? d = input[input.Rank - k];
                if (!any || (chosen is null or 1 && d is not null))
                {
                    chosen = d;
                    any = true;
                }
            }

            dims[rank - k] = chosen;
        }

        return new OutputShape(dims);
    }
}
