using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Google.Protobuf;
using RecurrentParams.Formulas;
using RecurrentParams.Import.Onnx.Protos;

namespace RecurrentParams.Import.Onnx;

/// <summary>Summarizes an ONNX model (<c>.onnx</c>) from its graph and initializer shapes, never reading the weights' bytes.</summary>
/// <remarks>
/// <para>Each recurrent node (<c>LSTM</c>, <c>GRU</c>, <c>RNN</c>) is a row with its initializers <c>W</c>
/// <c>(directions, G·hidden, input)</c>, <c>R</c> <c>(directions, G·hidden, hidden)</c> and <c>B</c>
/// <c>(directions, 2·G·hidden)</c> — B holds both bias vectors, as PyTorch's <c>bias_ih</c> and <c>bias_hh</c> — and,
/// when their shapes are those of one PyTorch layer, its derivation (<c>Params.Explain(LayerSpec.Torch.Lstm(...))</c>).
/// Every other initializer is counted in the row of the first node that consumes it (a <c>Gemm</c>, a <c>Gather</c>
/// embedding, ...); initializers no node consumes share one row. Integer shape and index constants (int64, uint64),
/// booleans and strings are listed in <see cref="ImportedModel.Tensors"/> but are not parameters. Sparse initializers
/// count their dense shape. The summary follows the PyTorch convention, whose counts ONNX's layout shares.</para>
/// <para>Only metadata is read: tensor data fields (<c>raw_data</c>, <c>float_data</c>, ...) are skipped by seeking
/// when the stream can seek, so a 1 GB model costs a few megabytes and milliseconds. External data files are never
/// opened: their tensors' shapes are in the model. Nodes are parsed whole, so a <c>Constant</c> node's tensor
/// attribute is read (and not counted); subgraphs of control-flow nodes are not summarized. The limits of
/// <see cref="ModelReaderOptions"/> apply: messages nest at most <see cref="ModelReaderOptions.MaxDepth"/> deep, the graph
/// has at most <see cref="ModelReaderOptions.MaxLayers"/> nodes and <see cref="ModelReaderOptions.MaxTensors"/>
/// initializers, names are at most <see cref="ModelReaderOptions.MaxNameLength"/> characters, and the messages parsed
/// whole (nodes, value infos, metadata) take at most <see cref="ModelReaderOptions.MaxDocumentBytes"/> together, checked
/// as each is read. All members are thread-safe.</para>
/// </remarks>
public static class OnnxModelReader
{
    private static readonly string[] RecurrentOps = ["LSTM", "GRU", "RNN"];

    /// <summary>TensorProto.DataType names by value, as the ONNX schema spells them.</summary>
    private static readonly string[] DataTypeNames =
    [
        "UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING", "BOOL", "FLOAT16", "DOUBLE", "UINT32",
        "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16", "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4",
        "INT4", "FLOAT4E2M1", "FLOAT8E8M0", "UINT2", "INT2",
    ];

    /// <summary>Reads an ONNX model from a stream; a seekable stream is needed to skip weight bytes without reading them.</summary>
    /// <param name="stream">A readable stream positioned at the model; it is not closed.</param>
    /// <param name="options">The limits to read within; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary, the initializers as <see cref="ImportedModel.Tensors"/>, and PyTorch modules recovered from initializer names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The protobuf is truncated or malformed, has no graph, is past a limit of <paramref name="options"/>, or a tensor's shape is invalid; the message gives the byte offset.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static ImportedModel Read(Stream stream, ModelReaderOptions? options = null)
    {
        if (!(stream ?? throw new ArgumentNullException(nameof(stream))).CanRead)
        {
            throw new ArgumentException("'stream' must be readable.", nameof(stream));
        }

        return FromStream(stream, "onnx", options ?? ModelReaderOptions.Default);
    }

    /// <summary>Reads an ONNX model file.</summary>
    /// <param name="path">The file's path, e.g. <c>model.onnx</c>; external data files beside it are not opened.</param>
    /// <param name="options">The limits to read within; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary; an unnamed graph takes the file's name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The protobuf is truncated or malformed, has no graph, is past a limit of <paramref name="options"/>, or a tensor's shape is invalid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ImportedModel ReadFile(string path, ModelReaderOptions? options = null)
    {
        if ((path ?? throw new ArgumentNullException(nameof(path))).Length == 0)
        {
            throw new ArgumentException("'path' must not be empty.", nameof(path));
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        return FromStream(stream, Path.GetFileNameWithoutExtension(path), options ?? ModelReaderOptions.Default);
    }

    private static ImportedModel FromStream(Stream stream, string fallbackName, ModelReaderOptions options)
    {
        using var input = new ProtoInput(stream, options.MaxDepth);
        var model = new OnnxGraph(options);
        try
        {
            model.ReadModel(input);
            return model.Summarize(fallbackName);
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
            throw input.Error("the model's element count, or a statistic of its summary, does not fit in a 64-bit integer: " + e.Message, e);
        }
    }

    /// <summary>What the walk collects: the model's metadata, the graph's nodes, initializers and value infos.</summary>
    private sealed class OnnxGraph
    {
        private readonly ModelReaderOptions options;
        private readonly List<NodeProto> nodes = [];
        private readonly List<Initializer> initializers = [];
        private readonly List<ValueInfoProto> inputs = [];
        private readonly Dictionary<string, ValueInfoProto> valueInfos = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> metadata = new(StringComparer.Ordinal);
        private string graphName = string.Empty;
        private bool hasGraph;
        private long parsedWhole;

        public OnnxGraph(ModelReaderOptions options)
        {
            this.options = options;
        }

        public void ReadModel(ProtoInput input)
        {
            long end = input.Length ?? long.MaxValue;
            while (true)
            {
                uint tag = input.ReadTag();
                if (tag == 0)
                {
                    break;
                }

                switch (ProtoInput.Field(tag))
                {
                    case 1:
                        input.Expect(tag, WireFormat.WireType.Varint);
                        metadata["ir_version"] = input.ReadInt64().ToString(CultureInfo.InvariantCulture);
                        break;
                    case 2:
                        input.Expect(tag, WireFormat.WireType.LengthDelimited);
                        metadata["producer_name"] = Whole(input, input.ReadString);
                        break;
                    case 3:
                        input.Expect(tag, WireFormat.WireType.LengthDelimited);
                        metadata["producer_version"] = Whole(input, input.ReadString);
                        break;
                    case 7:
                        input.Expect(tag, WireFormat.WireType.LengthDelimited);
                        ReadGraph(input, input.ReadEnd(end));
                        hasGraph = true;
                        break;
                    case 8:
                        input.Expect(tag, WireFormat.WireType.LengthDelimited);
                        var opset = new OperatorSetIdProto();
                        Whole(input, () => input.ReadMessage(opset));
                        metadata["opset." + (opset.Domain.Length == 0 ? "ai.onnx" : opset.Domain)] = opset.Version.ToString(CultureInfo.InvariantCulture);
                        break;
                    case 14:
                        input.Expect(tag, WireFormat.WireType.LengthDelimited);
                        var entry = new StringStringEntryProto();
                        Whole(input, () => input.ReadMessage(entry));
                        metadata[entry.Key] = entry.Value;
                        break;
                    default:
                        input.SkipField(tag, end);
                        break;
                }

                input.CheckInside(end);
            }

            if (!hasGraph)
            {
                throw input.Error("the model has no graph (ModelProto field 7); is this an ONNX file?");
            }
        }

        private static void Check(ProtoInput input, long count, long limit, string unit, string property)
        {
            if (count > limit)
            {
                throw Limits.Exceeded(input.Where, "the graph has " + count.ToString("N0", CultureInfo.InvariantCulture) + " " + unit + " or more", limit, unit, property);
            }
        }

        /// <summary>Reads a message or string whole, counting its bytes against <see cref="ModelReaderOptions.MaxDocumentBytes"/>.</summary>
        private T Whole<T>(ProtoInput input, Func<T> read)
        {
            long start = input.Position;
            T value = read();
            parsedWhole += input.Position - start;
            if (parsedWhole > options.MaxDocumentBytes)
            {
                throw Limits.Exceeded(input.Where, "the messages read whole (nodes, value infos, metadata) take " + parsedWhole.ToString("N0", CultureInfo.InvariantCulture) + " bytes", options.MaxDocumentBytes, "bytes", nameof(ModelReaderOptions.MaxDocumentBytes));
            }

            return value;
        }

        private void Whole(ProtoInput input, Action read) => Whole(input, () =>
        {
            read();
            return 0;
        });

        private string Name(ProtoInput input, string name) =>
            name.Length <= options.MaxNameLength
                ? name
                : throw Limits.Exceeded(input.Where, "a name of " + name.Length.ToString("N0", CultureInfo.InvariantCulture) + " characters", options.MaxNameLength, "characters", nameof(ModelReaderOptions.MaxNameLength));

        public ImportedModel Summarize(string fallbackName)
        {
            var byName = new Dictionary<string, Initializer>(StringComparer.Ordinal);
            for (int k = initializers.Count - 1; k >= 0; k--)
            {
                byName[initializers[k].Info.Name] = initializers[k]; // the first of duplicate names stands
            }

            var claimed = new HashSet<string>(StringComparer.Ordinal);
            var rows = new List<LayerSummary>();
            for (int index = 0; index < nodes.Count; index++)
            {
                NodeProto node = nodes[index];
                var owned = new List<Initializer>();
                foreach (string name in node.Input)
                {
                    if (name.Length > 0 && byName.TryGetValue(name, out Initializer? initializer) && initializer.IsParameter && claimed.Add(name))
                    {
                        owned.Add(initializer);
                    }
                }

                bool recurrent = RecurrentOps.Contains(node.OpType) && node.Domain is "" or "ai.onnx";
                if (owned.Count == 0 && !recurrent)
                {
                    continue;
                }

                string rowName = node.Name.Length > 0 ? node.Name : (node.OpType.Length > 0 ? node.OpType : "node") + "_" + index.ToString(CultureInfo.InvariantCulture);
                rows.Add(recurrent ? RecurrentRow(node, rowName, owned, byName) : Row(node, rowName, owned));
            }

            Initializer[] unused = initializers.Where(i => i.IsParameter && !claimed.Contains(i.Info.Name)).ToArray();
            if (unused.Length > 0)
            {
                rows.Add(new LayerSummary("(unconsumed initializers)", "Initializers", new[] { OutputShape.Unknown }, unused.Select(Weight)));
            }

            if (rows.Count == 0)
            {
                rows.Add(new LayerSummary(graphName.Length > 0 ? graphName : fallbackName, "Graph", new[] { OutputShape.Unknown }, Array.Empty<WeightTensor>()));
            }

            (OutputShape? shape, ElementType elementType) = GraphInput(byName);
            var summary = new ModelSummary(graphName.Length > 0 ? graphName : fallbackName, Convention.Torch, shape, rows) { InputElementType = elementType };
            TensorInfo[] tensors = initializers.Select(i => i.Info).ToArray();
            return new ImportedModel(ModelFileFormat.Onnx, summary, tensors, crossCheck: false)
            {
                Recovered = TorchArchitecture.Recover(tensors),
                Metadata = metadata,
            };
        }

        private static WeightTensor Weight(Initializer initializer, int index)
        {
            string name = initializer.Info.Name.Length > 0 ? initializer.Info.Name : "initializer_" + index.ToString(CultureInfo.InvariantCulture);
            return new WeightTensor(name, initializer.Info.Shape);
        }

        private static ElementType ElementTypeOf(int dataType) => dataType switch
        {
            10 => ElementType.Float16,
            16 => ElementType.BFloat16,
            11 => ElementType.Float64,
            6 => ElementType.Int32,
            7 => ElementType.Int64,
            2 or 3 => ElementType.Int8,
            _ => ElementType.Float32,
        };

        private static long Attribute(NodeProto node, string name, long fallback) =>
            node.Attribute.FirstOrDefault(a => a.Name == name) is AttributeProto a && a.HasI ? a.I : fallback;

        private static string Attribute(NodeProto node, string name, string fallback) =>
            node.Attribute.FirstOrDefault(a => a.Name == name) is AttributeProto a && a.HasS ? a.S.ToStringUtf8() : fallback;

        /// <summary>A recurrent node: W, R, B as PyTorch's one-layer module, with the derivation when the shapes fit it.</summary>
        private static LayerSummary RecurrentRow(NodeProto node, string rowName, List<Initializer> owned, Dictionary<string, Initializer> byName)
        {
            int gates = node.OpType == "LSTM" ? 4 : node.OpType == "GRU" ? 3 : 1;
            TensorShape? w = Input(node, 1, byName);
            TensorShape? r = Input(node, 2, byName);
            TensorShape? b = Input(node, 3, byName);
            string direction = Attribute(node, "direction", "forward");
            int directions = direction == "bidirectional" ? 2 : 1;
            long hidden = Attribute(node, "hidden_size", r is { Rank: 3 } ? r.Dimensions[2] : 0);
            Derivation? derivation = null;
            WeightTensor[] weights = owned.Select(Weight).ToArray();
            if (w is { Rank: 3 } && r is { Rank: 3 } && hidden is > 0 and <= int.MaxValue && w.Dimensions[2] is > 0 and <= int.MaxValue
                && w.Dimensions[0] == directions && r.Dimensions[0] == directions
                && w.Dimensions[1] == gates * hidden && r.Dimensions[1] == gates * hidden && r.Dimensions[2] == hidden
                && (b is null || (b.Rank == 2 && b.Dimensions[0] == directions && b.Dimensions[1] == 2 * gates * hidden)))
            {
                int inputSize = (int)w.Dimensions[2];
                int h = (int)hidden;
                LayerSpec spec = gates switch
                {
                    4 => LayerSpec.Torch.Lstm(inputSize, h, 1, b is not null, directions == 2),
                    3 => LayerSpec.Torch.Gru(inputSize, h, 1, b is not null, directions == 2),
                    _ => LayerSpec.Torch.Rnn(inputSize, h, 1, b is not null, directions == 2),
                };
                long stored = weights.Aggregate(0L, (acc, weight) => checked(acc + weight.Count));
                if (Params.Count(spec) == stored)
                {
                    derivation = Params.Explain(spec);
                }
            }

            var output = new OutputShape(null, directions, null, hidden > 0 ? hidden : null);
            return new LayerSummary(rowName, node.OpType, new[] { output }, weights)
            {
                Derivation = derivation,
                MacsPerStep = weights.Where(x => x.Shape.Rank == 3).Aggregate(0L, (acc, x) => checked(acc + x.Count)),
            };
        }

        private static TensorShape? Input(NodeProto node, int index, Dictionary<string, Initializer> byName) =>
            index < node.Input.Count && node.Input[index].Length > 0 && byName.TryGetValue(node.Input[index], out Initializer? i) ? i.Info.Shape : null;

        private LayerSummary Row(NodeProto node, string rowName, List<Initializer> owned)
        {
            WeightTensor[] weights = owned.Select(Weight).ToArray();
            OutputShape output = node.Output.Count > 0 && valueInfos.TryGetValue(node.Output[0], out ValueInfoProto? info) && Shape(info) is OutputShape known
                ? known
                : Guess(node, owned);
            long macs = node.OpType is "Gemm" or "MatMul" or "Conv" && owned.Count > 0 ? owned[0].Info.ElementCount : 0;
            return new LayerSummary(rowName, node.OpType.Length > 0 ? node.OpType : "Node", new[] { output }, weights) { MacsPerStep = macs };
        }

        /// <summary>The output width a weight implies for the common nodes: Gemm / MatMul (N), Gather on an embedding table (E).</summary>
        private static OutputShape Guess(NodeProto node, List<Initializer> owned)
        {
            TensorShape first = owned[0].Info.Shape;
            if (first.Rank == 2)
            {
                switch (node.OpType)
                {
                    case "Gemm":
                        return new OutputShape(null, Attribute(node, "transB", 0) == 1 ? first.Dimensions[0] : first.Dimensions[1]);
                    case "MatMul":
                        return new OutputShape(null, null, first.Dimensions[1]);
                    case "Gather":
                        return new OutputShape(null, null, first.Dimensions[1]);
                }
            }

            return OutputShape.Unknown;
        }

        private static OutputShape? Shape(ValueInfoProto info)
        {
            if (info.Type?.TensorType?.Shape is not TensorShapeProto shape || shape.Dim.Count == 0)
            {
                return null;
            }

            return new OutputShape(shape.Dim.Select(d => d.HasDimValue && d.DimValue >= 0 ? d.DimValue : (long?)null).ToArray());
        }

        private (OutputShape? Shape, ElementType ElementType) GraphInput(Dictionary<string, Initializer> byName)
        {
            ValueInfoProto? first = inputs.FirstOrDefault(i => !byName.ContainsKey(i.Name));
            if (first is null)
            {
                return (null, ElementType.Float32);
            }

            return (Shape(first), ElementTypeOf(first.Type?.TensorType?.ElemType ?? 1));
        }

        private void ReadGraph(ProtoInput input, long end)
        {
            while (input.Position < end)
            {
                uint tag = input.ReadTag();
                if (tag == 0)
                {
                    throw input.Error("the file ends inside the graph");
                }

                switch (ProtoInput.Field(tag))
                {
                    case 1:
                        input.Expect(tag, WireFormat.WireType.LengthDelimited);
                        var node = new NodeProto();
                        Whole(input, () => input.ReadMessage(node));
                        Check(input, nodes.Count + 1, options.MaxLayers, "nodes", nameof(ModelReaderOptions.MaxLayers));
                        Name(input, node.Name);
                        nodes.Add(node);
                        break;
                    case 2:
                        input.Expect(tag, WireFormat.WireType.LengthDelimited);
                        graphName = Name(input, Whole(input, input.ReadString));
                        break;
                    case 5:
                        input.Expect(tag, WireFormat.WireType.LengthDelimited);
                        Check(input, initializers.Count + 1, options.MaxTensors, "initializers", nameof(ModelReaderOptions.MaxTensors));
                        initializers.Add(ReadTensor(input, input.ReadEnd(end), null));
                        Name(input, initializers[^1].Info.Name);
                        break;
                    case 15:
                        input.Expect(tag, WireFormat.WireType.LengthDelimited);
                        Check(input, initializers.Count + 1, options.MaxTensors, "initializers", nameof(ModelReaderOptions.MaxTensors));
                        initializers.Add(ReadSparseTensor(input, input.ReadEnd(end)));
                        Name(input, initializers[^1].Info.Name);
                        break;
                    case 11:
                    case 12:
                    case 13:
                        input.Expect(tag, WireFormat.WireType.LengthDelimited);
                        var info = new ValueInfoProto();
                        Whole(input, () => input.ReadMessage(info));
                        Name(input, info.Name);
                        if (ProtoInput.Field(tag) == 11)
                        {
                            inputs.Add(info);
                        }

                        valueInfos[info.Name] = info;
                        break;
                    default:
                        input.SkipField(tag, end);
                        break;
                }

                input.CheckInside(end);
            }
        }

        /// <summary>A TensorProto's name, element type and dims; its data fields are skipped, never read.</summary>
        private static Initializer ReadTensor(ProtoInput input, long end, long[]? denseDims)
        {
            long start = input.Position;
            var dims = new List<long>();
            int dataType = 0;
            string name = string.Empty;
            while (input.Position < end)
            {
                uint tag = input.ReadTag();
                if (tag == 0)
                {
                    throw input.Error("the file ends inside a tensor");
                }

                switch (ProtoInput.Field(tag))
                {
                    case 1:
                        ReadDims(input, tag, end, dims);
                        break;
                    case 2:
                        input.Expect(tag, WireFormat.WireType.Varint);
                        dataType = input.ReadInt32();
                        break;
                    case 8:
                        input.Expect(tag, WireFormat.WireType.LengthDelimited);
                        name = input.ReadString();
                        break;
                    default:
                        // raw_data (9), float_data (4), int32_data (5), string_data (6), int64_data (7), double_data (10),
                        // uint64_data (11), external_data (13), ...: skipped by seeking, never read.
                        input.SkipField(tag, end);
                        break;
                }

                input.CheckInside(end);
            }

            long[] shapeDims = denseDims ?? [.. dims];
            TensorShape shape;
            try
            {
                shape = new TensorShape(shapeDims);
            }
            catch (OverflowException e)
            {
                throw input.Error(string.Format(CultureInfo.InvariantCulture, "the tensor '{0}' at byte {1} has more elements than fit in a 64-bit integer", name, start), e);
            }

            return new Initializer(new TensorInfo(name, DataTypeName(dataType), shape), dataType);
        }

        /// <summary>Reads a repeated int64 <c>dims</c> field, packed or not.</summary>
        private static void ReadDims(ProtoInput input, uint tag, long end, List<long> dims)
        {
            if (ProtoInput.Wire(tag) == WireFormat.WireType.LengthDelimited)
            {
                long packedEnd = input.ReadEnd(end);
                while (input.Position < packedEnd)
                {
                    AddDim(input, dims, input.ReadInt64());
                }

                input.CheckInside(packedEnd);
            }
            else
            {
                input.Expect(tag, WireFormat.WireType.Varint);
                AddDim(input, dims, input.ReadInt64());
            }
        }

        private static Initializer ReadSparseTensor(ProtoInput input, long end)
        {
            Initializer? values = null;
            var dims = new List<long>();
            while (input.Position < end)
            {
                uint tag = input.ReadTag();
                if (tag == 0)
                {
                    throw input.Error("the file ends inside a sparse tensor");
                }

                switch (ProtoInput.Field(tag))
                {
                    case 1:
                        input.Expect(tag, WireFormat.WireType.LengthDelimited);
                        values = ReadTensor(input, input.ReadEnd(end), null);
                        break;
                    case 3:
                        ReadDims(input, tag, end, dims);
                        break;
                    default:
                        input.SkipField(tag, end);
                        break;
                }

                input.CheckInside(end);
            }

            if (values is null)
            {
                throw input.Error("a sparse initializer has no values tensor");
            }

            TensorShape shape;
            try
            {
                shape = new TensorShape([.. dims]);
            }
            catch (OverflowException e)
            {
                throw input.Error("a sparse initializer has more elements than fit in a 64-bit integer", e);
            }

            return new Initializer(new TensorInfo(values.Info.Name, values.Info.DataType, shape), values.DataType);
        }

        private static void AddDim(ProtoInput input, List<long> dims, long value)
        {
            if (value < 0)
            {
                throw input.Error("a tensor dimension is negative (" + value.ToString(CultureInfo.InvariantCulture) + ")");
            }

            if (dims.Count >= 64)
            {
                throw input.Error("a tensor has more than 64 dimensions");
            }

            dims.Add(value);
        }

        private static string DataTypeName(int dataType) =>
            dataType >= 0 && dataType < DataTypeNames.Length ? DataTypeNames[dataType] : "TYPE_" + dataType.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class Initializer
    {
        public Initializer(TensorInfo info, int dataType)
        {
            Info = info;
            DataType = dataType;
        }

        public TensorInfo Info { get; }

        public int DataType { get; }

        /// <summary>Gets a value indicating whether the tensor is a parameter: not an int64 / uint64 shape or index constant, a boolean or a string.</summary>
        public bool IsParameter => DataType is not (7 or 13 or 8 or 9);
    }
}
