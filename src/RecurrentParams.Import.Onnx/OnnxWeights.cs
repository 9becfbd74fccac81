using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Google.Protobuf;
using RecurrentParams.Import.Internal;
using RecurrentParams.Import.Onnx.Internal;
using RecurrentParams.Porting;

namespace RecurrentParams.Import.Onnx;

/// <summary>
/// Reads the values of an ONNX model's initializers, and maps its recurrent nodes (<c>LSTM</c>, <c>GRU</c>, <c>RNN</c>) to the
/// weights of PyTorch modules, or refuses a node with the reason (peepholes, <c>linear_before_reset=0</c>, other activations).
/// </summary>
/// <remarks>
/// <para>
/// The model is walked as <see cref="OnnxModelReader"/> walks it, with the same limits, and the values of the FLOAT, DOUBLE,
/// FLOAT16 and BFLOAT16 initializers are read: from <c>raw_data</c> (little-endian) or from the typed field the ONNX schema
/// gives the type (<c>float_data</c>, <c>double_data</c>, <c>int32_data</c> holding 16-bit floats' bits); their count must
/// be the product of the dims. A length the file claims is checked against the bytes present before anything is allocated:
/// a seekable stream is checked against its length; a stream that cannot seek is first copied into memory, growing with
/// the bytes that arrive, up to <see cref="ModelReaderOptions.MaxWeightBytes"/> plus <see cref="ModelReaderOptions.MaxDocumentBytes"/>.
/// The values read take at most <see cref="ModelReaderOptions.MaxWeightBytes"/> bytes, counted in the file's encoding.
/// Values kept in external data files are refused, with the reason, rather than left out.
/// </para>
/// <para>
/// A recurrent node maps to a one-layer PyTorch module (<c>nn.LSTM</c>, <c>nn.GRU</c>, <c>nn.RNN</c>, bidirectional for
/// <c>direction="bidirectional"</c>) when it computes what that module computes: its gates are reordered (ONNX LSTM
/// <c>i, o, f, c</c> to PyTorch's <c>i, f, g, o</c>; GRU <c>z, r, h</c> to <c>r, z, n</c>) and <c>B</c>, the input biases then
/// the recurrent ones, is split into <c>bias_ih_l0</c> and <c>bias_hh_l0</c>; see <see cref="WeightMap"/>. Refused: an LSTM
/// with peepholes (<c>P</c>) or <c>input_forget=1</c>, a GRU with <c>linear_before_reset=0</c> (the ONNX default), direction
/// <c>reverse</c>, activations other than the defaults, <c>clip</c>, and weights that are not floating-point initializers of
/// the operator's shapes. <c>torch.onnx.export</c> writes one node per layer and direction pair, so layer <c>k</c> of a
/// stacked module is the <c>k</c>-th node.
/// </para>
/// <para>All members are thread-safe.</para>
/// </remarks>
public static class OnnxWeights
{
    /// <summary>Reads the values of every floating-point initializer of an ONNX model, as 32-bit floats.</summary>
    /// <param name="stream">A readable stream positioned at the model; it is not closed. One that cannot seek is copied into memory first (see the remarks).</param>
    /// <param name="options">The limits; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>. <see cref="ModelReaderOptions.MaxWeightBytes"/> bounds the values read.</param>
    /// <returns>The FLOAT, DOUBLE, FLOAT16 and BFLOAT16 initializers in file order, named and shaped as in the graph; DOUBLE values are rounded to float32. Other initializers (integer shapes and indices, quantized weights, FLOAT8, complex) and sparse initializers are left out.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The protobuf is truncated or malformed; an initializer's values do not match its dims or type, or live in an external data file; two initializers share a name; or a limit of <paramref name="options"/> is exceeded. The message gives the byte offset and, for a limit, the option that raises it.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static IReadOnlyList<NamedTensor> ReadInitializers(Stream stream, ModelReaderOptions? options = null)
    {
        StreamInput.CheckReadable(stream, nameof(stream));
        return Initializers(stream, options ?? ModelReaderOptions.Default);
    }

    /// <summary>Reads the values of every floating-point initializer of an ONNX model file.</summary>
    /// <param name="path">The file's path, e.g. <c>model.onnx</c>; external data files beside it are not opened.</param>
    /// <param name="options">The limits; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The floating-point initializers, as <see cref="ReadInitializers"/> returns them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">As for <see cref="ReadInitializers"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static IReadOnlyList<NamedTensor> ReadInitializersFile(string path, ModelReaderOptions? options = null)
    {
        using FileStream stream = StreamInput.OpenFile(path, nameof(path));
        return Initializers(stream, options ?? ModelReaderOptions.Default);
    }

    /// <summary>Maps each recurrent node of an ONNX model to the weights of a one-layer PyTorch module, or says why it cannot.</summary>
    /// <param name="stream">A readable stream positioned at the model; it is not closed. Only the graph is read: weight bytes are skipped as <see cref="OnnxModelReader"/> skips them.</param>
    /// <param name="options">The limits; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>One entry per <c>LSTM</c>, <c>GRU</c> and <c>RNN</c> node of the default domain, in graph order; apply a node's <see cref="OnnxRecurrentNode.Map"/> (or <see cref="WeightMap.Combine"/> of them all) to what <see cref="ReadInitializers"/> returns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The protobuf is truncated or malformed, or a limit of <paramref name="options"/> is exceeded; the message gives the byte offset.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static IReadOnlyList<OnnxRecurrentNode> ReadRecurrentNodes(Stream stream, ModelReaderOptions? options = null)
    {
        StreamInput.CheckReadable(stream, nameof(stream));
        return RecurrentNodes(stream, options ?? ModelReaderOptions.Default);
    }

    /// <summary>Maps each recurrent node of an ONNX model file; see <see cref="ReadRecurrentNodes"/>.</summary>
    /// <param name="path">The file's path, e.g. <c>model.onnx</c>.</param>
    /// <param name="options">The limits; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>One entry per recurrent node, in graph order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">As for <see cref="ReadRecurrentNodes"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static IReadOnlyList<OnnxRecurrentNode> ReadRecurrentNodesFile(string path, ModelReaderOptions? options = null)
    {
        using FileStream stream = StreamInput.OpenFile(path, nameof(path));
        return RecurrentNodes(stream, options ?? ModelReaderOptions.Default);
    }

    private static NamedTensor[] Initializers(Stream stream, ModelReaderOptions options)
    {
        if (!stream.CanSeek)
        {
            long limit = Math.Min(int.MaxValue, options.MaxWeightBytes > int.MaxValue ? int.MaxValue : options.MaxWeightBytes + options.MaxDocumentBytes);
            byte[] bytes = StreamInput.ReadToEnd(stream, limit, "the stream, which cannot seek and is copied into memory", nameof(ModelReaderOptions.MaxWeightBytes) + " + " + nameof(ModelReaderOptions.MaxDocumentBytes));
            using var copy = new MemoryStream(bytes, writable: false);
            return Initializers(copy, options);
        }

        OnnxGraph graph = Walk(stream, options, readValues: true);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var tensors = new List<NamedTensor>();
        foreach (OnnxTensor tensor in graph.Initializers)
        {
            if (tensor.FloatValues is not float[] values)
            {
                continue;
            }

            if (!names.Add(tensor.Name) || tensor.Name.Length == 0)
            {
                throw new ModelFormatException("two floating-point initializers are named '" + tensor.Name + "'; the ONNX schema requires unique, non-empty names", "the graph", null);
            }

            tensors.Add(new NamedTensor(tensor.Name, tensor.Shape, values));
        }

        return [.. tensors];
    }

    private static OnnxRecurrentNode[] RecurrentNodes(Stream stream, ModelReaderOptions options)
    {
        OnnxGraph graph = Walk(stream, options, readValues: false);
        var initializers = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        foreach (OnnxTensor tensor in graph.Initializers.Where(t => t.Kind == OnnxTensorKind.Initializer))
        {
            initializers[tensor.Name] = tensor;
        }

        var modules = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new List<OnnxRecurrentNode>();
        foreach (OnnxNode node in graph.Nodes.Where(RecurrentNode.IsRecurrent))
        {
            string module = OnnxRecurrentMapper.ModuleName(node);
            if (!modules.Add(module))
            {
                module += "_" + node.Index.ToString(CultureInfo.InvariantCulture);
                modules.Add(module);
            }

            nodes.Add(OnnxRecurrentMapper.Map(node, module, initializers));
        }

        return [.. nodes];
    }

    private static OnnxGraph Walk(Stream stream, ModelReaderOptions options, bool readValues)
    {
        using var input = new ProtoInput(stream, options.MaxDepth);
        try
        {
            return OnnxGraphReader.Read(input, options, readValues);
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
            throw input.Error("the model's element count does not fit in a 64-bit integer", e);
        }
    }
}
