using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Keras;
using RecurrentParams.Layers;

namespace RecurrentParams.Import.Internal;

/// <summary>What one call of a layer produced: output shapes, weights, derivation, multiply-accumulates and how it was counted.</summary>
internal sealed class NodeResult
{
    public NodeResult(IReadOnlyList<OutputShape> outputs, IReadOnlyList<WeightTensor> weights, Derivation? derivation, long macs, CountBasis basis = CountBasis.Configuration)
    {
        Outputs = outputs;
        Weights = weights;
        Derivation = derivation;
        Macs = macs;
        Basis = basis;
    }

    public IReadOnlyList<OutputShape> Outputs { get; }

    public IReadOnlyList<WeightTensor> Weights { get; }

    public Derivation? Derivation { get; }

    public long Macs { get; }

    public CountBasis Basis { get; }

    /// <summary>A layer that cannot be counted: no weights, an unknown output.</summary>
    public static NodeResult Uncounted { get; } = new(new[] { OutputShape.Unknown }, Array.Empty<WeightTensor>(), null, 0, CountBasis.LowerBound);
}

/// <summary>The tensors one call of a layer receives: positional arguments and tensor keyword arguments (<c>value</c>, <c>key</c>).</summary>
internal sealed class CallInputs
{
    public CallInputs(IReadOnlyList<OutputShape> args, IReadOnlyDictionary<string, OutputShape> kwargs)
    {
        Args = args;
        Kwargs = kwargs;
    }

    public IReadOnlyList<OutputShape> Args { get; }

    public IReadOnlyDictionary<string, OutputShape> Kwargs { get; }
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

    /// <summary>Gets the layer's own <c>trainable</c> flag, as Keras prints it.</summary>
    public bool Trainable { get; init; } = true;

    /// <summary>Gets a value indicating whether every weight of the layer counts as non-trainable (the frozen-layer rule of the file's framework).</summary>
    public bool FreezeWeights { get; init; }

    /// <summary>The input of a layer that brings its own (a Keras 1 Merge over branch models), or <see langword="null"/>.</summary>
    public virtual OutputShape? OwnInput(KerasReading reading) => null;

    /// <summary>Evaluates one call; the receiver reports layers it cannot count to <paramref name="reading"/>.</summary>
    public abstract NodeResult Evaluate(CallInputs inputs, KerasReading reading);

    /// <summary>The weights as the frozen-layer rule leaves them.</summary>
    protected IReadOnlyList<WeightTensor> Frozen(IReadOnlyList<WeightTensor> weights) =>
        FreezeWeights ? weights.Select(w => w.Trainable ? w with { Trainable = false } : w).ToArray() : weights;
}

/// <summary>A layer the core library builds (LSTM, Conv2D, MultiHeadAttention, ...).</summary>
internal sealed class CoreNode : KerasNode
{
    private static readonly string[] AttentionInputs = ["query", "value", "key"];
    private readonly KerasLayer layer;
    private readonly Inputs inputs;

    public CoreNode(string name, string className, string path, KerasLayer layer, Inputs inputs = Inputs.First)
        : base(name, className, path)
    {
        this.layer = layer;
        this.inputs = inputs;
    }

    /// <summary>Which of a call's tensors the layer takes.</summary>
    public enum Inputs
    {
        /// <summary>The first positional tensor (the others are initial states, masks, constants).</summary>
        First,

        /// <summary>Every positional tensor (merge and attention layers, which take a list).</summary>
        All,

        /// <summary>Query, value and key, positional or by keyword (<c>MultiHeadAttention</c>).</summary>
        QueryValueKey,
    }

    public override NodeResult Evaluate(CallInputs call, KerasReading reading)
    {
        IReadOnlyList<OutputShape> shapes = Select(call);
        try
        {
            LayerResult result = layer.Build(new LayerContext(shapes, Name, Convention.Keras, null));
            return new NodeResult(result.Outputs, Frozen(result.Weights), result.Derivation, result.MacsPerStep);
        }
        catch (InvalidOperationException) when (shapes.Any(s => !s.IsKnown))
        {
            return reading.Uncounted(this, "its input shape is unknown: it follows a layer whose output shape is not known");
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

    private IReadOnlyList<OutputShape> Select(CallInputs call)
    {
        switch (inputs)
        {
            case Inputs.All:
                return call.Args;
            case Inputs.QueryValueKey:
                var selected = new List<OutputShape>(call.Args);
                foreach (string key in AttentionInputs.Skip(selected.Count))
                {
                    if (!call.Kwargs.TryGetValue(key, out OutputShape? shape))
                    {
                        break;
                    }

                    selected.Add(shape);
                }

                return selected.Count > 0 ? selected : Fail.At<IReadOnlyList<OutputShape>>(Path, "expected a query tensor");
            default:
                return new[] { call.Args[0] };
        }
    }
}

/// <summary>A weightless layer the core library has no class for, whose output is its input (Identity, ThresholdedReLU, preprocessing layers).</summary>
internal sealed class IdentityNode : KerasNode
{
    public IdentityNode(string name, string className, string path)
        : base(name, className, path)
    {
    }

    public override NodeResult Evaluate(CallInputs inputs, KerasReading reading) =>
        new(new[] { inputs.Args[0] }, Array.Empty<WeightTensor>(), null, 0);
}

/// <summary>A layer the library cannot count (a user's own class, an unsupported option): listed, never a reason to refuse the file.</summary>
internal sealed class UnknownNode : KerasNode
{
    private readonly string reason;

    public UnknownNode(string name, string className, string path, string reason)
        : base(name, className, path)
    {
        this.reason = reason;
    }

    public override NodeResult Evaluate(CallInputs inputs, KerasReading reading) => reading.Uncounted(this, reason);
}

/// <summary>A model used as a layer of another: one row with every inner layer's weights, as Keras prints a nested model.</summary>
internal sealed class ModelNode : KerasNode
{
    private readonly KerasGraph graph;

    public ModelNode(string name, string className, string path, KerasGraph graph)
        : base(name, className, path)
    {
        this.graph = graph;
    }

    /// <summary>A nested model first in a Sequential model brings the outer model's input: its own.</summary>
    public override OutputShape? OwnInput(KerasReading reading) => graph.Evaluate(null, reading).Input;

    public override NodeResult Evaluate(CallInputs inputs, KerasReading reading)
    {
        GraphResult result = graph.Evaluate(inputs.Args, reading);
        WeightTensor[] weights = result.Rows.SelectMany(row => row.Weights.Select(w => w with { Path = row.Name + "/" + w.Path })).ToArray();
        CountBasis basis = result.Rows.Any(r => r.CountBasis == CountBasis.LowerBound) ? CountBasis.LowerBound
            : result.Rows.Any(r => r.CountBasis == CountBasis.StoredWeights) ? CountBasis.StoredWeights
            : CountBasis.Configuration;
        var terms = result.Rows.Where(r => r.Derivation is not null)
            .Select(r => new DerivationTerm(r.Name, new[] { r.Derivation!.Subject + ": " + string.Join(" + ", r.Derivation.Terms.Select(t => t.Steps[0])) }, r.Derivation.Total))
            .ToList();
        Derivation? derivation = terms.Count > 0 && terms.Sum(t => t.Value) == weights.Sum(w => w.Count)
            ? new Derivation(ClassName + " '" + Name + "' of " + result.Rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " layers", terms)
            : null;
        return new NodeResult(result.Outputs, Frozen(weights), derivation, result.Rows.Sum(r => r.MacsPerStep), basis);
    }
}
