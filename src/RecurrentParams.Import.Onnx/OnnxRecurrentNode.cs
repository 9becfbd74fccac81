using RecurrentParams.Porting;

namespace RecurrentParams.Import.Onnx;

/// <summary>An ONNX recurrent node (<c>LSTM</c>, <c>GRU</c>, <c>RNN</c>) and how its weights map to a PyTorch module's, or why they do not.</summary>
/// <remarks>Made by <see cref="OnnxWeights.ReadRecurrentNodes"/>. Instances are immutable and thread-safe.</remarks>
public sealed class OnnxRecurrentNode
{
    internal OnnxRecurrentNode(string name, string opType, string moduleName, LayerSpec? spec, WeightMap? map, string? refusal)
    {
        Name = name;
        OpType = opType;
        ModuleName = moduleName;
        Spec = spec;
        Map = map;
        Refusal = refusal;
    }

    /// <summary>Gets the node's name, or <c>{OpType}_{index}</c> for an unnamed node (index: its position in the graph).</summary>
    /// <value>Not empty, e.g. <c>/lstm/LSTM</c>.</value>
    public string Name { get; }

    /// <summary>Gets the operator.</summary>
    /// <value><c>LSTM</c>, <c>GRU</c> or <c>RNN</c>.</value>
    public string OpType { get; }

    /// <summary>Gets the PyTorch module name the map gives the converted tensors: the node's name with every run of characters other than letters and digits replaced by <c>_</c>, trimmed of <c>_</c>, with the node's index appended when two nodes would share it.</summary>
    /// <value>Not empty, e.g. <c>lstm_LSTM</c> for <c>/lstm/LSTM</c>; <c>node_{index}</c> when the name has no letter or digit or starts with a digit.</value>
    public string ModuleName { get; }

    /// <summary>Gets the node as a one-layer PyTorch module (<see cref="Convention.Torch"/>), from the shapes of its <c>W</c>, <c>R</c> and <c>B</c> initializers.</summary>
    /// <value><see langword="null"/> when <c>W</c> or <c>R</c> is not a floating-point initializer of the operator's shape; otherwise set even when the node is refused.</value>
    public LayerSpec? Spec { get; }

    /// <summary>Gets the map from the node's initializers (named as in the graph) to the module's tensors <c>{ModuleName}.weight_ih_l0</c>, <c>.weight_hh_l0</c>, <c>.bias_ih_l0</c>, <c>.bias_hh_l0</c> and, for a bidirectional node, the same with <c>_reverse</c>.</summary>
    /// <value><see langword="null"/> when the node is refused (<see cref="Refusal"/> is set).</value>
    public WeightMap? Map { get; }

    /// <summary>Gets the reason the node has no exact PyTorch equivalent: peepholes, <c>input_forget</c>, <c>linear_before_reset=0</c>, direction <c>reverse</c>, non-default activations, <c>clip</c>, or weights that are not floating-point initializers of the operator's shapes.</summary>
    /// <value><see langword="null"/> when it has one (<see cref="Map"/> is set).</value>
    public string? Refusal { get; }

    /// <summary>Describes the node: its map, or its refusal.</summary>
    /// <returns>The map's explanation (<see cref="WeightMap.ToString"/>), or <c>{Name}: ONNX {OpType} refused: {Refusal}</c>.</returns>
    public override string ToString() => Map?.ToString() ?? Name + ": ONNX " + OpType + " refused: " + Refusal;
}
