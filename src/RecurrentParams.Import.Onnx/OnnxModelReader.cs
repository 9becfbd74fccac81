using System;
using System.IO;
using Google.Protobuf;
using RecurrentParams.Import.Onnx.Internal;
using RecurrentParams.Import.Internal;

namespace RecurrentParams.Import.Onnx;

/// <summary>Summarizes an ONNX model (<c>.onnx</c>) from its graph and tensor shapes, never reading the weights' bytes.</summary>
/// <remarks>
/// <para>Each recurrent node (<c>LSTM</c>, <c>GRU</c>, <c>RNN</c>) is a row with its weights W
/// <c>(directions, G·hidden, input)</c>, R <c>(directions, G·hidden, hidden)</c>, B <c>(directions, 2·G·hidden)</c> —
/// both bias vectors, as PyTorch's <c>bias_ih</c> and <c>bias_hh</c> — and an LSTM's peepholes P
/// <c>(directions, 3·hidden)</c>, wherever the graph takes them from: initializers, <c>Constant</c> nodes, graph inputs
/// with static shapes (weights the runtime feeds; the row's <see cref="LayerSummary.Note"/> says so), and chains of
/// shape operators over them (<c>Identity</c>, <c>Cast</c>, <c>Unsqueeze</c>, <c>Squeeze</c>, <c>Reshape</c>,
/// <c>Flatten</c>, <c>Transpose</c>, <c>Slice</c>, <c>Concat</c>, <c>Split</c>, <c>Gather</c>,
/// <c>DequantizeLinear</c>), whose output shapes are computed exactly in every opset's form. Each stored tensor is
/// counted once, in the row of the first node that reaches it. The row has the node's hidden size and direction, and,
/// when its shapes are those of one PyTorch layer, its derivation
/// (<c>Params.Explain(LayerSpec.Torch.Lstm(...))</c>); a weight that cannot be resolved (computed by another operator,
/// a graph input without a static shape, a cycle) is named in the row's note with the reason, and the row counts
/// what could be resolved.</para>
/// <para>Every other parameter is counted in the row of the node it ends up in, looking through shape operators (a
/// <c>Gemm</c>, a <c>Gather</c> embedding, ...); initializers no node consumes share one row. Parameters are the
/// floating-point tensors (FLOAT, FLOAT16, BFLOAT16, DOUBLE, FLOAT8, FLOAT4, COMPLEX) and the 8-, 4- and 2-bit integer
/// tensors of quantized weights (ONNX never uses those types for shapes or indices, so they are weights and zero
/// points); wider integers (shape, axes and index constants), booleans and strings are listed in
/// <see cref="ImportedModel.Tensors"/> but are not parameters, except an integer tensor a <c>DequantizeLinear</c>
/// reads. <c>Constant</c> nodes count only where they make up a recurrent node's weights: elsewhere they hold zero
/// initial states, scalars and shapes. Sparse initializers count their dense shape. The summary follows the PyTorch
/// convention, whose counts ONNX's layout shares.</para>
/// <para>Only metadata is read: tensor data (<c>raw_data</c>, <c>float_data</c>, ...) is skipped by seeking when the
/// stream can seek, so a 1 GB model costs a few kilobytes and microseconds; only tensors of at most 1 KB are read whole,
/// for the values of shape constants. A tensor whose data cannot hold the elements its shape claims is refused.
/// External data files are never opened: their tensors' shapes are in the model. Subgraphs of control-flow nodes
/// (<c>If</c>, <c>Loop</c>, <c>Scan</c>) are skipped. The limits of <see cref="ModelReaderOptions"/> apply: messages nest
/// at most <see cref="ModelReaderOptions.MaxDepth"/> deep, the graph has at most <see cref="ModelReaderOptions.MaxLayers"/>
/// nodes and <see cref="ModelReaderOptions.MaxTensors"/> initializers, names are at most
/// <see cref="ModelReaderOptions.MaxNameLength"/> characters, and the messages held in memory (nodes, value infos,
/// metadata) take at most <see cref="ModelReaderOptions.MaxDocumentBytes"/> together, checked as each is read. All members
/// are thread-safe.</para>
/// </remarks>
public static class OnnxModelReader
{
    /// <summary>Reads an ONNX model from a stream; a seekable stream is needed to skip weight bytes without reading them.</summary>
    /// <param name="stream">A readable stream positioned at the model; it is not closed.</param>
    /// <param name="options">The limits to read within; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary, the initializers as <see cref="ImportedModel.Tensors"/>, and PyTorch modules recovered from initializer names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The protobuf is truncated or malformed, has no graph, is past a limit of <paramref name="options"/>, or a tensor's shape is invalid or not backed by its data; the message gives the byte offset.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static ImportedModel Read(Stream stream, ModelReaderOptions? options = null)
    {
        StreamInput.CheckReadable(stream, nameof(stream));
        return FromStream(stream, "onnx", options ?? ModelReaderOptions.Default);
    }

    /// <summary>Reads an ONNX model file.</summary>
    /// <param name="path">The file's path, e.g. <c>model.onnx</c>; external data files beside it are not opened.</param>
    /// <param name="options">The limits to read within; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary; an unnamed graph takes the file's name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The protobuf is truncated or malformed, has no graph, is past a limit of <paramref name="options"/>, or a tensor's shape is invalid or not backed by its data.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ImportedModel ReadFile(string path, ModelReaderOptions? options = null)
    {
        using FileStream stream = StreamInput.OpenFile(path, nameof(path));
        return FromStream(stream, Path.GetFileNameWithoutExtension(path), options ?? ModelReaderOptions.Default);
    }

    private static ImportedModel FromStream(Stream stream, string fallbackName, ModelReaderOptions options)
    {
        using var input = new ProtoInput(stream, options.MaxDepth);
        try
        {
            OnnxGraph graph = OnnxGraphReader.Read(input, options);
            return OnnxRows.Summarize(graph, fallbackName);
        }
        catch (InvalidProtocolBufferException e) when (e.Message.Contains("levels of nesting", StringComparison.Ordinal))
        {
            throw Limits.Exceeded(input.Where, "a message nests deeper", options.MaxDepth, "levels", nameof(ModelReaderOptions.MaxDepth));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw input.Error("not a valid ONNX protobuf: " + e.Message, e);
        }
        catch (OverflowException e)
        {
            throw input.Error("the model's element count, or a statistic of its summary, does not fit in a 64-bit integer", e);
        }
    }
}
