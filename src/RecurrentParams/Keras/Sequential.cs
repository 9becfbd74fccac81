using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>A Keras <c>Sequential</c> model used as a layer of another model: one row, as Keras prints a nested model, with every inner layer's weights.</summary>
/// <remarks>
/// <para>The inner layers run one after another on the row's input and are named in the outer model's namespace, as Keras
/// names them (<c>lstm</c>, <c>dense_1</c>, ...); their weights appear under <c>{inner layer}/</c>. The row's output is the
/// last inner layer's. A frozen inner layer (<see cref="KerasLayer.Trainable"/>) keeps its weights non-trainable; freezing
/// this layer freezes them all, as <c>model.trainable = False</c> does.</para>
/// <para>Source: Keras 3 <c>keras/src/models/sequential.py</c>. Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class Sequential : KerasLayer
{
    private readonly KerasLayer[] layers;

    /// <summary>Initializes a nested model.</summary>
    /// <param name="layers">The inner layers, first to last; at least one.</param>
    /// <param name="name">An explicit name, or <see langword="null"/> for Keras' generated <c>sequential</c>, <c>sequential_1</c>, ...</param>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or a layer is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="layers"/> is empty.</exception>
    public Sequential(IEnumerable<KerasLayer> layers, string? name = null)
        : base("Sequential", name)
    {
        this.layers = Guard.NotNull(layers, nameof(layers)).ToArray();
        if (this.layers.Length == 0 || this.layers.Any(l => l is null))
        {
            Guard.ThrowArgument(nameof(layers), "'layers' must hold at least one layer and no null.");
        }
    }

    /// <summary>Gets the inner layers, first to last.</summary>
    /// <value>At least one.</value>
    public IReadOnlyList<KerasLayer> Layers => Array.AsReadOnly(layers);

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        var weights = new List<WeightTensor>();
        var terms = new List<DerivationTerm>();
        long macs = 0;
        IReadOnlyList<OutputShape> outputs = new[] { context.Input };
        string? previous = null;
        foreach (KerasLayer layer in layers)
        {
            if (outputs.Count > 1)
            {
                context.Fail("passes the " + LayerMath.Invariant(outputs.Count) + " tensors '" + previous + "' returns to the next inner layer, but a sequential model passes one; set returnState: false on '" + previous + "'");
            }

            string name = context.ClaimName(layer.Name ?? layer.NameBase);
            LayerResult result = layer.Build(context.Inner(outputs, name));
            weights.AddRange(LayerMath.Inner(layer, result.Weights).Select(w => w with { Path = name + "/" + w.Path }));
            if ((result.Derivation ?? LayerMath.FromWeights(layer.ClassName, result.Weights)) is Derivation derivation)
            {
                terms.Add(new DerivationTerm(name, new[] { derivation.Subject + ": " + string.Join(" + ", derivation.Terms.Select(t => t.Steps[0])) }, derivation.Total));
            }

            macs = checked(macs + result.MacsPerStep);
            outputs = result.Outputs;
            previous = name;
        }

        return new LayerResult(outputs, weights)
        {
            Derivation = terms.Count == 0 ? null : new Derivation(ClassName + " '" + context.Name + "' of " + LayerMath.Invariant(layers.Length) + " layers", terms),
            MacsPerStep = macs,
        };
    }
}
