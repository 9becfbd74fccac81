using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RecurrentParams.Internal;
using RecurrentParams.Porting;

namespace RecurrentParams.Import.Hdf5;

/// <summary>A model file's weights converted to the other framework, from <see cref="KerasTorchConverter"/>: the map, the converted model and tensors, and what was refused.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class ModelConversion
{
    private readonly string[] refusals;
    private readonly string[] notes;
    private readonly NamedTensor[] sourceTensors;
    private readonly NamedTensor[] tensors;

    internal ModelConversion(ModelSummary source, WeightMap map, IEnumerable<NamedTensor> sourceTensors, IEnumerable<string> refusals, IEnumerable<string> notes)
    {
        Source = source;
        Map = map;
        this.sourceTensors = sourceTensors.ToArray();
        IEnumerable<string> unbuilt = map.IsConvertible && map.TargetModel is null
            ? ["the converted model cannot be built: a layer without weights (" + string.Join(", ", source.Rows.Where(r => r.Weights.Count == 0 && r.ClassName is not ("InputLayer" or "Dropout")).Select(r => r.Name + " (" + r.ClassName + ")")) + ") has no equivalent the converter writes"]
            : [];
        this.refusals = map.Refusals.Concat(refusals).Concat(unbuilt).Distinct(StringComparer.Ordinal).ToArray();
        this.notes = map.Notes.Concat(notes).Distinct(StringComparer.Ordinal).ToArray();
        tensors = this.refusals.Length == 0 ? map.Apply(this.sourceTensors).ToArray() : [];
        KerasJson = map.To == WeightLayout.Keras && Target is not null && this.refusals.Length == 0 ? Porting.KerasJson.Write(Target) : null;
    }

    /// <summary>Gets the source model, as the file's reader (or the caller) describes it.</summary>
    /// <value>Never <see langword="null"/>.</value>
    public ModelSummary Source { get; }

    /// <summary>Gets the converted model (<see cref="WeightMap.TargetModel"/>).</summary>
    /// <value><see langword="null"/> when the conversion is refused.</value>
    public ModelSummary? Target => refusals.Length == 0 ? Map.TargetModel : null;

    /// <summary>Gets the weight map from the source to the target framework.</summary>
    /// <value>Never <see langword="null"/>.</value>
    public WeightMap Map { get; }

    /// <summary>Gets the source tensors, named as the map names them.</summary>
    /// <value>The tensors read from the file.</value>
    public IReadOnlyList<NamedTensor> SourceTensors => Array.AsReadOnly(sourceTensors);

    /// <summary>Gets the converted tensors: a PyTorch state dict (<c>lstm.weight_ih_l0</c>) or Keras weights (<c>lstm/lstm_cell/kernel</c>).</summary>
    /// <value>Empty when the conversion is refused.</value>
    public IReadOnlyList<NamedTensor> Tensors => Array.AsReadOnly(tensors);

    /// <summary>Gets the reasons the model cannot be converted exactly: the map's, and the layer options that have no equivalent (e.g. a Keras LSTM with <c>recurrent_activation="hard_sigmoid"</c>).</summary>
    /// <value>Empty when it can.</value>
    public IReadOnlyList<string> Refusals => Array.AsReadOnly(refusals);

    /// <summary>Gets what the conversion keeps only up to rounding, loses, or leaves to the caller (e.g. a <c>Dense</c> activation that follows the <c>Linear</c>).</summary>
    /// <value>Empty when nothing is to be said.</value>
    public IReadOnlyList<string> Notes => Array.AsReadOnly(notes);

    /// <summary>Gets a value indicating whether the weights were converted.</summary>
    /// <value><see langword="true"/> when <see cref="Refusals"/> is empty.</value>
    public bool IsConvertible => refusals.Length == 0;

    /// <summary>Gets the Keras model's JSON, for <c>keras.models.model_from_json</c>, when converting to Keras.</summary>
    /// <value><see langword="null"/> when converting to PyTorch or when refused.</value>
    public string? KerasJson { get; }

    /// <summary>Writes the converted weights: a safetensors state dict (to PyTorch) or a Keras 3 <c>*.weights.h5</c> (to Keras).</summary>
    /// <param name="stream">A writable stream; it is not closed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable.</exception>
    /// <exception cref="InvalidOperationException">The conversion is refused; the message lists the reasons.</exception>
    /// <exception cref="IOException">Writing fails.</exception>
    public void Write(Stream stream)
    {
        Guard.NotNull(stream, nameof(stream));
        Refuse();
        if (Map.To == WeightLayout.Torch)
        {
            SafetensorsWriter.Write(stream, tensors);
        }
        else
        {
            KerasWeights.Write(stream, Target!, tensors);
        }
    }

    /// <summary>Writes the converted weights to a file (<c>.safetensors</c>, or <c>.weights.h5</c> as Keras 3 requires), replacing it.</summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The conversion is refused.</exception>
    /// <exception cref="IOException">Writing fails.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be created.</exception>
    public void WriteFile(string path)
    {
        Guard.NotEmpty(path, nameof(path));
        Refuse();
        using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        Write(stream);
    }

    /// <summary>Explains the conversion: the map, then the refusals and notes the map does not hold.</summary>
    /// <returns>Lines separated by <c>\n</c>.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(Map.ToString());
        foreach (string refusal in refusals.Except(Map.Refusals))
        {
            text.Append("\nrefused: ").Append(refusal);
        }

        foreach (string note in notes.Except(Map.Notes))
        {
            text.Append("\nnote: ").Append(note);
        }

        return text.ToString();
    }

    private void Refuse()
    {
        if (refusals.Length > 0)
        {
            throw new InvalidOperationException("The model cannot be converted exactly: " + string.Join("; ", refusals) + ".");
        }
    }
}
