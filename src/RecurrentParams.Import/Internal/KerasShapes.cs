using System.Linq;
using System.Text.Json;

namespace RecurrentParams.Import.Internal;

/// <summary>The input shapes and element types of a Keras topology, in every spelling the frameworks write.</summary>
internal static class KerasShapes
{
    /// <summary>
    /// A layer's declared input: Keras 3's <c>batch_shape</c>, Keras 2's and Keras 1's <c>batch_input_shape</c> (TensorFlow.js
    /// <c>batchInputShape</c>), <c>input_shape</c> without the batch (with <c>batch_size</c>), or Keras 1's <c>input_dim</c>
    /// and <c>input_length</c> on a recurrent or dense layer; <see langword="null"/> when the layer declares none.
    /// </summary>
    public static OutputShape? InputShapeOf(Json configJson, string className)
    {
        var config = new KerasConfig(configJson);
        if (config.TryGet(out Json shape, "batch_shape", "batch_input_shape"))
        {
            return ToShape(shape);
        }

        if (config.TryGet(out Json unbatched, "input_shape"))
        {
            long?[] dims = unbatched.Shape();
            long? batch = config.TryGet(out Json size, "batch_size") ? size.Long() : null;
            return new OutputShape(new[] { batch < 0 ? null : batch }.Concat(dims).ToArray());
        }

        if (className != "Embedding" && config.TryGet(out Json inputDim, "input_dim"))
        {
            long? length = config.TryGet(out Json inputLength, "input_length") ? inputLength.Long() : null;
            return IsSequence(className) ? new OutputShape(null, length, inputDim.Long()) : new OutputShape(null, inputDim.Long());
        }

        if (className == "Embedding" && config.TryGet(out Json tokens, "input_length"))
        {
            return new OutputShape(null, tokens.Kind == JsonValueKind.Null ? null : tokens.Long());
        }

        return null;
    }

    public static OutputShape ToShape(Json shape)
    {
        long?[] dims = shape.Shape();
        if (dims.Length == 0)
        {
            throw Fail.Error(shape.Path, "expected a shape with at least the batch dimension");
        }

        return new OutputShape(dims);
    }

    public static ElementType ElementTypeOf(string? dtype) => dtype switch
    {
        "float16" => ElementType.Float16,
        "bfloat16" => ElementType.BFloat16,
        "float64" => ElementType.Float64,
        "int32" => ElementType.Int32,
        "int64" => ElementType.Int64,
        "int8" or "uint8" => ElementType.Int8,
        _ => ElementType.Float32,
    };

    /// <summary>The layer's <c>dtype</c> (Keras 1's <c>input_dtype</c>) when it is a string; Keras 3 writes a policy object.</summary>
    public static string? DType(Json config) =>
        new KerasConfig(config).TryGet(out Json dtype, "input_dtype", "dtype") && dtype.Kind == JsonValueKind.String ? dtype.String() : null;

    private static bool IsSequence(string className) =>
        className is "SimpleRNN" or "LSTM" or "GRU" or "CuDNNLSTM" or "CuDNNGRU" or "RNN" or "Bidirectional" or "TimeDistributedDense" or "Convolution1D" or "Conv1D";
}
