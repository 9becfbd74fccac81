using System;
using System.Collections.Generic;

namespace RecurrentParams.Import;

/// <summary>A recurrent module recovered from the names and shapes of the tensors a file stores: a PyTorch <c>nn.LSTM</c>, <c>nn.GRU</c>, <c>nn.RNN</c> or cell (<see cref="TorchArchitecture"/>), or a Keras recurrent layer (<see cref="KerasArchitecture"/>).</summary>
/// <remarks>
/// When the tensors determine the module, <see cref="Spec"/> holds it and <see cref="Derivation"/> explains its count;
/// when they do not (a tensor is missing and the module's name does not say which cell it is, or the shapes contradict
/// each other), <see cref="Spec"/> is <see langword="null"/> and <see cref="Ambiguity"/> says why.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class RecoveredModule
{
    private readonly TensorInfo[] tensors;
    private readonly string[] missing;

    internal RecoveredModule(string prefix, string className, LayerSpec? spec, IEnumerable<TensorInfo> tensors, IEnumerable<string> missing, string? ambiguity)
    {
        Prefix = prefix;
        ClassName = className;
        Spec = spec;
        this.tensors = [.. tensors];
        this.missing = [.. missing];
        Ambiguity = ambiguity;
        Derivation = spec is null ? null : Params.Explain(spec);
    }

    /// <summary>Gets the module's path in the state dict, without the trailing dot, or the Keras layer's name.</summary>
    /// <value>For example <c>encoder.lstm</c> or <c>bidirectional_1</c>; empty for a bare module saved on its own.</value>
    public string Prefix { get; }

    /// <summary>Gets the PyTorch or Keras class the tensors belong to.</summary>
    /// <value>PyTorch <c>LSTM</c>, <c>GRU</c>, <c>RNN</c>, <c>LSTMCell</c>, <c>GRUCell</c>, <c>RNNCell</c>; Keras <c>SimpleRNN</c>, <c>LSTM</c>, <c>GRU</c>, <c>CuDNNLSTM</c>, <c>CuDNNGRU</c>, <c>Bidirectional</c>; or <c>Recurrent</c> when ambiguous.</value>
    public string ClassName { get; }

    /// <summary>Gets the recovered module.</summary>
    /// <value>A PyTorch-convention spec (<see cref="LayerSpec.Torch.Lstm"/> and friends) or a Keras one (<see cref="LayerSpec.Keras.Lstm"/> and friends); <see langword="null"/> when ambiguous.</value>
    public LayerSpec? Spec { get; }

    /// <summary>Gets how the recovered module's count adds up.</summary>
    /// <value><c>Params.Explain(Spec)</c>; <see langword="null"/> when ambiguous.</value>
    public Derivation? Derivation { get; }

    /// <summary>Gets the module's tensors as the file stores them.</summary>
    /// <value>At least one tensor.</value>
    public IReadOnlyList<TensorInfo> Tensors => Array.AsReadOnly(tensors);

    /// <summary>Gets the names of tensors the recovered module has but the file lacks.</summary>
    /// <value>Empty for a complete state dict.</value>
    public IReadOnlyList<string> MissingTensors => Array.AsReadOnly(missing);

    /// <summary>Gets why the module could not be recovered.</summary>
    /// <value><see langword="null"/> when <see cref="Spec"/> is known.</value>
    public string? Ambiguity { get; }

    /// <summary>Gets a value indicating whether the module could not be recovered.</summary>
    /// <value><see langword="true"/> when <see cref="Spec"/> is <see langword="null"/>.</value>
    public bool IsAmbiguous => Spec is null;

    /// <summary>Formats the module as <c>encoder.lstm: LSTM(input_size=12, hidden_size=16, num_layers=2)</c> or with its ambiguity.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        (Prefix.Length == 0 ? "(root)" : Prefix) + ": " + (Derivation?.Subject ?? ClassName + " (ambiguous: " + Ambiguity + ")");
}
