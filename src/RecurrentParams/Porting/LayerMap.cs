using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RecurrentParams.Porting;

/// <summary>The correspondence of one layer's tensors between two frameworks, or the reason there is none.</summary>
/// <remarks>
/// A layer of the source maps to one layer of the target, except a stacked PyTorch module (<c>num_layers</c> &gt; 1), whose
/// layer k becomes Keras layer k, each with its own map. Instances are immutable and thread-safe.
/// </remarks>
public sealed class LayerMap
{
    private readonly TensorMapping[] mappings;
    private readonly string[] notes;

    internal LayerMap(string sourceName, string sourceClass, string targetName, string targetClass, LayerSpec? targetSpec, string subject, IEnumerable<TensorMapping> mappings, IEnumerable<string> notes, string? refusal)
    {
        SourceName = sourceName;
        SourceClass = sourceClass;
        TargetName = targetName;
        TargetClass = targetClass;
        TargetSpec = targetSpec;
        Subject = subject;
        this.mappings = refusal is null ? mappings.ToArray() : [];
        this.notes = notes.ToArray();
        Refusal = refusal;
    }

    /// <summary>Gets the source layer's name (a Keras layer name, a PyTorch module name, or empty for a single layer mapped alone).</summary>
    /// <value>Never <see langword="null"/>.</value>
    public string SourceName { get; }

    /// <summary>Gets the source layer's class, e.g. <c>LSTM</c>, <c>Bidirectional</c>, <c>Dense</c>, <c>Linear</c>.</summary>
    /// <value>Not empty.</value>
    public string SourceClass { get; }

    /// <summary>Gets the target layer's name: the same name, with <c>_l{k}</c> for layer k of a stacked PyTorch module.</summary>
    /// <value>Never <see langword="null"/>.</value>
    public string TargetName { get; }

    /// <summary>Gets the target layer's class, e.g. <c>LSTM</c>, <c>Bidirectional</c>, <c>Dense</c>, <c>Linear</c>, <c>Embedding</c>.</summary>
    /// <value>Not empty.</value>
    public string TargetClass { get; }

    /// <summary>Gets the target recurrent layer in its convention (for a Keras <c>Bidirectional</c>, the wrapped layer with <see cref="LayerSpec.Bidirectional"/> set).</summary>
    /// <value><see langword="null"/> for a layer that is not recurrent, and when the layer is refused.</value>
    public LayerSpec? TargetSpec { get; }

    /// <summary>Gets the one-line description of both layers, e.g. <c>lstm: LSTM(units=4) on 5 features → LSTM(input_size=5, hidden_size=4)</c>.</summary>
    /// <value>Not empty.</value>
    public string Subject { get; }

    /// <summary>Gets how each target tensor is made.</summary>
    /// <value>Empty for a layer without weights and for a refused layer.</value>
    public IReadOnlyList<TensorMapping> Mappings => Array.AsReadOnly(mappings);

    /// <summary>Gets what the conversion keeps only up to rounding, or loses, e.g. that PyTorch's two biases are summed into Keras' one.</summary>
    /// <value>Empty when the conversion is exact both ways.</value>
    public IReadOnlyList<string> Notes => Array.AsReadOnly(notes);

    /// <summary>Gets the reason the layer cannot be converted exactly, e.g. <c>a Keras GRU with reset_after=False has no PyTorch equivalent ...</c>.</summary>
    /// <value><see langword="null"/> when it can.</value>
    public string? Refusal { get; }

    /// <summary>Gets a value indicating whether the layer can be converted.</summary>
    /// <value><see langword="true"/> when <see cref="Refusal"/> is <see langword="null"/>.</value>
    public bool IsConvertible => Refusal is null;

    /// <summary>Renames the tensors on both sides.</summary>
    internal LayerMap Rename(Func<string, string> source, Func<string, string> target) =>
        new(SourceName, SourceClass, TargetName, TargetClass, TargetSpec, Subject, mappings.Select(m => m.Rename(source, target)), notes, Refusal);

    /// <summary>Explains the layer: its subject, one line per target tensor, then the notes or the refusal.</summary>
    /// <returns>Lines separated by <c>\n</c>, without a trailing newline.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(Subject);
        foreach (TensorMapping mapping in mappings)
        {
            text.Append("\n  ").Append(mapping);
        }

        foreach (string note in notes)
        {
            text.Append("\n  note: ").Append(note);
        }

        if (Refusal is not null)
        {
            text.Append("\n  refused: ").Append(Refusal);
        }

        return text.ToString();
    }
}
