using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Layers;

/// <summary>What a <see cref="Layer"/> is built against: its input, its resolved name, the formulas, and helpers to report bad input.</summary>
/// <remarks>
/// <see cref="ModelBuilder.Build"/> creates one per layer. Readers of model files that evaluate a layer graph themselves
/// (branches, several inputs) create one with the public constructor. Not thread-safe.
/// </remarks>
public sealed class LayerContext
{
    private readonly Func<string, string> claimName;
    private readonly Layer? previous;
    private readonly string? previousName;
    private bool standalone;

    /// <summary>Initializes a context to build one layer on its own, outside a <see cref="ModelBuilder"/>.</summary>
    /// <param name="input">The shape the layer receives.</param>
    /// <param name="name">The layer's resolved name; inner layers of wrappers are named by their base name.</param>
    /// <param name="convention">The model's convention.</param>
    /// <param name="formulas">The formulas to count recurrent layers with; <see langword="null"/> for <see cref="FormulaRegistry.Default"/>.</param>
    /// <remarks>Such a layer has no position in a model: its errors name the layer and its input, without an index.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="name"/> is <see langword="null"/>.</exception>
    public LayerContext(OutputShape input, string name, Convention convention, FormulaRegistry? formulas)
        : this(new[] { Guard.NotNull(input, nameof(input)) }, Guard.NotNull(name, nameof(name)), 0, convention, formulas ?? FormulaRegistry.Default, static baseName => baseName, null, null)
    {
        standalone = true;
    }

    /// <summary>Initializes a context to build a layer that takes several tensors (a merge or attention layer) on its own, outside a <see cref="ModelBuilder"/>.</summary>
    /// <param name="inputs">The shapes the layer receives, in Keras' order (e.g. query, value, key); at least one.</param>
    /// <param name="name">The layer's resolved name.</param>
    /// <param name="convention">The model's convention.</param>
    /// <param name="formulas">The formulas to count recurrent layers with; <see langword="null"/> for <see cref="FormulaRegistry.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/>, an element or <paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> is empty.</exception>
    public LayerContext(IReadOnlyList<OutputShape> inputs, string name, Convention convention, FormulaRegistry? formulas)
        : this(CheckedInputs(inputs), Guard.NotNull(name, nameof(name)), 0, convention, formulas ?? FormulaRegistry.Default, static baseName => baseName, null, null)
    {
        standalone = true;
    }

    internal LayerContext(IReadOnlyList<OutputShape> inputs, string name, int index, Convention convention, FormulaRegistry formulas, Func<string, string> claimName, Layer? previous, string? previousName)
    {
        Inputs = inputs;
        Input = inputs[0];
        Name = name;
        Index = index;
        Convention = convention;
        Formulas = formulas;
        this.claimName = claimName;
        this.previous = previous;
        this.previousName = previousName;
    }

    /// <summary>Gets the shape of the tensor this layer receives.</summary>
    /// <value>The previous layer's main output, or the model input.</value>
    public OutputShape Input { get; }

    /// <summary>Gets the shapes of every tensor this layer receives, in Keras' order: the inputs of a merge layer, or an attention layer's query, value and key.</summary>
    /// <value>At least one shape; the first is <see cref="Input"/>. A layer of a sequential stack receives one.</value>
    public IReadOnlyList<OutputShape> Inputs { get; }

    /// <summary>Gets this layer's resolved name.</summary>
    /// <value>The explicit name, or the generated one (<c>lstm_1</c>).</value>
    public string Name { get; }

    /// <summary>Gets this layer's position in the model.</summary>
    /// <value>0 for the first layer after the input, and for a layer built on its own.</value>
    public int Index { get; }

    /// <summary>Gets the convention of the model being built.</summary>
    /// <value>Keras or PyTorch.</value>
    public Convention Convention { get; }

    /// <summary>Gets the formulas recurrent layers are counted with.</summary>
    /// <value>The builder's registry, <see cref="FormulaRegistry.Default"/> unless another was given.</value>
    public FormulaRegistry Formulas { get; }

    /// <summary>Claims a unique name for an inner layer, as Keras names the layer wrapped by <c>Bidirectional</c> or <c>TimeDistributed</c>.</summary>
    /// <param name="nameBase">The explicit name or the base of a generated one.</param>
    /// <returns><paramref name="nameBase"/>, or it with the next free suffix (<c>lstm_1</c>).</returns>
    public string ClaimName(string nameBase) => claimName(Guard.NotNull(nameBase, nameof(nameBase)));

    /// <summary>Requires between <paramref name="minimum"/> and <paramref name="maximum"/> input tensors.</summary>
    /// <param name="minimum">The fewest tensors the layer takes, at least 1.</param>
    /// <param name="maximum">The most tensors the layer takes.</param>
    /// <param name="description">What the layer takes, e.g. <c>a list of at least 2 tensors</c>.</param>
    /// <exception cref="InvalidOperationException">The layer receives another number of tensors.</exception>
    public void ExpectInputs(int minimum, int maximum, string description)
    {
        if (Inputs.Count < minimum || Inputs.Count > maximum)
        {
            Fail(string.Format(CultureInfo.InvariantCulture, "takes {0} but receives {1} tensor(s): {2}", description, Inputs.Count, string.Join(", ", Inputs.Select(i => i.ToString()))));
        }
    }

    /// <summary>Requires an input of the given rank (the batch included).</summary>
    /// <param name="rank">The rank required, e.g. 3 for <c>(batch, time, features)</c>.</param>
    /// <param name="description">What the layer expects, e.g. <c>a sequence (batch, time, features)</c>.</param>
    /// <exception cref="InvalidOperationException">The input has another rank; the message names this layer, the input's source and a remedy.</exception>
    public void ExpectRank(int rank, string description)
    {
        if (Input.Rank == rank)
        {
            return;
        }

        string? remedy = Input.Rank < rank && rank == 3 && previous is not null && previousName is not null
            ? previous.Remedy(previousName)
            : null;
        Fail(string.Format(
            CultureInfo.InvariantCulture,
            "expects {0} but {1}{2}",
            description,
            Received,
            remedy is null ? string.Empty : "; " + remedy));
    }

    /// <summary>Requires a known dimension.</summary>
    /// <param name="axis">The axis, negative to count from the end (-1 for the last).</param>
    /// <param name="description">What the dimension is, e.g. <c>the number of features</c>.</param>
    /// <returns>The dimension.</returns>
    /// <exception cref="InvalidOperationException">The dimension is unknown.</exception>
    public long ExpectKnown(int axis, string description)
    {
        int index = axis < 0 ? Input.Rank + axis : axis;
        if (index >= 0 && index < Input.Rank && Input[index] is long known)
        {
            return known;
        }

        Fail(string.Format(
            CultureInfo.InvariantCulture,
            "needs {0} to be known but {1}; give the model input a fixed shape (e.g. a fixed number of time steps) or change the layer before",
            description,
            Received));
        return 0;
    }

    /// <summary>Reports input this layer cannot take.</summary>
    /// <param name="problem">What is wrong and what to do, e.g. <c>needs a kernel no longer than the 3 time steps it receives</c>.</param>
    /// <exception cref="InvalidOperationException">Always: <c>Layer '{name}' (index {i}) {problem}.</c>, without the index for a layer built on its own.</exception>
    [DoesNotReturn]
    public void Fail(string problem) => throw Failure(Guard.NotNull(problem, nameof(problem)), null);

    /// <summary>A context for a layer inside this one (wrapped or nested), with the same model position, convention, formulas and names.</summary>
    internal LayerContext Inner(IReadOnlyList<OutputShape> inputs, string name) =>
        new(inputs, name, Index, Convention, Formulas, claimName, null, null) { standalone = standalone };

    /// <summary>Reports a spec the cell's formula rejected, keeping the formula's exception as the inner one.</summary>
    [DoesNotReturn]
    internal void Reject(ArgumentException rejected)
    {
        // ArgumentException.Message ends with " (Parameter 'x')"; the layer's message reads better without it.
        string message = rejected.Message;
        string suffix = " (Parameter '" + rejected.ParamName + "')";
        if (rejected.ParamName is not null && message.EndsWith(suffix, StringComparison.Ordinal))
        {
            message = message.Substring(0, message.Length - suffix.Length);
        }

        throw Failure(message.TrimEnd('.'), rejected);
    }

    private InvalidOperationException Failure(string problem, Exception? inner) =>
        new(standalone
            ? string.Format(CultureInfo.InvariantCulture, "Layer '{0}' {1}.", Name, problem)
            : string.Format(CultureInfo.InvariantCulture, "Layer '{0}' (index {1}) {2}.", Name, Index, problem), inner);

    private static System.Collections.ObjectModel.ReadOnlyCollection<OutputShape> CheckedInputs(IReadOnlyList<OutputShape> inputs)
    {
        OutputShape[] copy = Guard.NotNull(inputs, nameof(inputs)).ToArray();
        if (copy.Length == 0)
        {
            Guard.ThrowArgument(nameof(inputs), "'inputs' must hold at least one shape.");
        }

        foreach (OutputShape input in copy)
        {
            Guard.NotNull(input, nameof(inputs));
        }

        return Array.AsReadOnly(copy);
    }

    /// <summary>What the layer receives, for messages: <c>'lstm' returns (None, 4)</c>, <c>the model input returns ...</c>, or <c>its input is ...</c> on its own.</summary>
    private string Received =>
        standalone ? "its input is " + Input
        : (previousName is null ? "the model input" : "'" + previousName + "'") + " returns " + Input;
}
