using System.Collections.Generic;
using System.Globalization;
using Google.Protobuf;
using RecurrentParams.Formulas;
using RecurrentParams.Import.Internal;
using RecurrentParams.Import.Onnx.Protos;

namespace RecurrentParams.Import.Onnx.Internal;

/// <summary>
/// The protobuf walk: reads a <c>ModelProto</c>'s metadata and its main graph's nodes, initializers and value infos,
/// field by field, and skips every tensor's data by seeking (or, on a forward-only stream, by reading past it).
/// </summary>
/// <remarks>
/// Only tensors of at most <see cref="SmallTensorBytes"/> bytes are read whole, so that the values of shape and axes
/// constants are known; the data of every other tensor is measured, never read, and must back the tensor's shape.
/// Subgraphs of control-flow nodes (<c>If</c>, <c>Loop</c>, <c>Scan</c>) are skipped without being parsed.
/// </remarks>
internal static class OnnxGraphReader
{
    /// <summary>The largest encoded tensor whose data is read (to know the values of INT32 / INT64 constants).</summary>
    private const int SmallTensorBytes = 1024;

    /// <summary>Reads the model, within the limits of <paramref name="options"/>.</summary>
    /// <param name="input">The model; a seekable one when <paramref name="readValues"/> is set.</param>
    /// <param name="options">The limits.</param>
    /// <param name="readValues">Whether to read the values of the floating-point initializers (<see cref="OnnxTensor.FloatValues"/>), within <see cref="ModelReaderOptions.MaxWeightBytes"/>.</param>
    public static OnnxGraph Read(ProtoInput input, ModelReaderOptions options, bool readValues = false)
    {
        var budget = new Budget(input, options) { ReadValues = readValues };
        var graph = new OnnxGraph();
        bool hasGraph = false;
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
                    graph.Metadata["ir_version"] = input.ReadInt64().ToString(CultureInfo.InvariantCulture);
                    break;
                case 2:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    graph.Metadata["producer_name"] = budget.Whole(input.ReadString);
                    break;
                case 3:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    graph.Metadata["producer_version"] = budget.Whole(input.ReadString);
                    break;
                case 7:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    if (hasGraph)
                    {
                        // Protobuf would merge a repeated singular message; no exporter writes one, and merging copies
                        // multiplies the nodes held for the same bytes.
                        throw input.Error("the model has a second graph (ModelProto field 7); an ONNX model has exactly one");
                    }

                    ReadGraph(input, input.ReadEnd(end), graph, budget);
                    hasGraph = true;
                    break;
                case 8:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    var opset = new OperatorSetIdProto();
                    budget.Whole(() => input.ReadMessage(opset));
                    graph.Metadata["opset." + (opset.Domain.Length == 0 ? "ai.onnx" : opset.Domain)] = opset.Version.ToString(CultureInfo.InvariantCulture);
                    break;
                case 14:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    var entry = new StringStringEntryProto();
                    budget.Whole(() => input.ReadMessage(entry));
                    graph.Metadata[entry.Key] = entry.Value;
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

        return graph;
    }

    private static void ReadGraph(ProtoInput input, long end, OnnxGraph graph, Budget budget)
    {
        var scratch = new NodeScratch();
        while (input.Position < end)
        {
            uint tag = NextTag(input, "the graph");
            switch (ProtoInput.Field(tag))
            {
                case 1:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    budget.Count(graph.Nodes.Count + 1, budget.Options.MaxLayers, "nodes", nameof(ModelReaderOptions.MaxLayers));
                    OnnxNode node = budget.Whole(() => ReadNode(input, input.ReadEnd(end), graph.Nodes.Count, scratch));
                    budget.Name(node.Name);
                    graph.Nodes.Add(node);
                    break;
                case 2:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    graph.Name = budget.Name(budget.Whole(input.ReadString));
                    break;
                case 5:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    budget.Count(graph.Initializers.Count + 1, budget.Options.MaxTensors, "initializers", nameof(ModelReaderOptions.MaxTensors));
                    graph.Initializers.Add(ReadTensor(input, input.ReadEnd(end), OnnxTensorKind.Initializer, budget.ReadValues ? budget : null));
                    budget.Name(graph.Initializers[^1].Name);
                    break;
                case 15:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    budget.Count(graph.Initializers.Count + 1, budget.Options.MaxTensors, "initializers", nameof(ModelReaderOptions.MaxTensors));
                    graph.Initializers.Add(ReadSparseTensor(input, input.ReadEnd(end), OnnxTensorKind.SparseInitializer));
                    budget.Name(graph.Initializers[^1].Name);
                    break;
                case 11:
                case 12:
                case 13:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    var info = new ValueInfoProto();
                    budget.Whole(() => input.ReadMessage(info));
                    budget.Name(info.Name);
                    if (ProtoInput.Field(tag) == 11)
                    {
                        graph.Inputs.Add(info);
                    }

                    graph.ValueInfos[info.Name] = info;
                    break;
                default:
                    input.SkipField(tag, end);
                    break;
            }

            input.CheckInside(end);
        }
    }

    private static OnnxNode ReadNode(ProtoInput input, long end, int index, NodeScratch scratch)
    {
        List<string> inputs = scratch.Inputs;
        List<string> outputs = scratch.Outputs;
        List<OnnxAttribute> attributes = scratch.Attributes;
        inputs.Clear();
        outputs.Clear();
        attributes.Clear();
        string name = string.Empty;
        string opType = string.Empty;
        string domain = string.Empty;
        while (input.Position < end)
        {
            uint tag = NextTag(input, "a node");
            switch (ProtoInput.Field(tag))
            {
                case 1:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    inputs.Add(input.ReadString());
                    break;
                case 2:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    outputs.Add(input.ReadString());
                    break;
                case 3:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    name = input.ReadString();
                    break;
                case 4:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    opType = input.ReadString();
                    break;
                case 5:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    attributes.Add(ReadAttribute(input, input.ReadEnd(end)));
                    break;
                case 7:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    domain = input.ReadString();
                    break;
                default:
                    // doc_string (6), overload (8), metadata_props (9), ...
                    input.SkipField(tag, end);
                    break;
            }

            input.CheckInside(end);
        }

        return new OnnxNode(index, name, opType, domain, [.. inputs], [.. outputs], [.. attributes]);
    }

    private static OnnxAttribute ReadAttribute(ProtoInput input, long end)
    {
        var attribute = new OnnxAttribute();
        var ints = new List<long>();
        var strings = new List<string>();
        while (input.Position < end)
        {
            uint tag = NextTag(input, "an attribute");
            switch (ProtoInput.Field(tag))
            {
                case 1:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    attribute.Name = input.ReadString();
                    break;
                case 2:
                    input.Expect(tag, WireFormat.WireType.Fixed32);
                    input.SkipField(tag, end);
                    attribute.HasFloat = true;
                    break;
                case 3:
                    input.Expect(tag, WireFormat.WireType.Varint);
                    attribute.Int = input.ReadInt64();
                    break;
                case 4:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    attribute.Text = input.ReadBytes().ToStringUtf8();
                    break;
                case 5:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    attribute.Tensor = ReadTensor(input, input.ReadEnd(end), OnnxTensorKind.Constant);
                    break;
                case 7:
                    attribute.HasFloats = true;
                    attribute.FloatsCount += ProtoInput.Wire(tag) == WireFormat.WireType.LengthDelimited
                        ? input.SkipPayload(tag, end) / 4
                        : ExpectThen(input, tag, WireFormat.WireType.Fixed32, 1);
                    break;
                case 8:
                    attribute.HasInts = true;
                    attribute.IntsCount += ReadInts(input, tag, end, ints);
                    break;
                case 9:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    strings.Add(input.ReadBytes().ToStringUtf8());
                    break;
                case 22:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    attribute.Tensor = ReadSparseTensor(input, input.ReadEnd(end), OnnxTensorKind.Constant);
                    break;
                default:
                    // g (6), graphs (11) and the other fields: skipped, subgraphs unparsed.
                    input.SkipField(tag, end);
                    break;
            }

            input.CheckInside(end);
        }

        attribute.Ints = attribute.IntsCount <= OnnxAttribute.MaxKeptInts ? [.. ints] : null;
        attribute.Strings = strings.Count is > 0 and <= OnnxAttribute.MaxKeptInts ? [.. strings] : null;
        return attribute;
    }

    /// <summary>Skips a scalar field after checking its wire type; returns <paramref name="count"/>.</summary>
    private static long ExpectThen(ProtoInput input, uint tag, WireFormat.WireType wire, long count)
    {
        input.Expect(tag, wire);
        input.SkipField(tag, long.MaxValue);
        return count;
    }

    /// <summary>Reads a repeated int64 field, packed or not, keeping the first <see cref="OnnxAttribute.MaxKeptInts"/> values; returns how many it held.</summary>
    private static long ReadInts(ProtoInput input, uint tag, long end, List<long> kept)
    {
        if (ProtoInput.Wire(tag) != WireFormat.WireType.LengthDelimited)
        {
            input.Expect(tag, WireFormat.WireType.Varint);
            Keep(kept, input.ReadInt64());
            return 1;
        }

        long packedEnd = input.ReadEnd(end);
        long count = 0;
        while (input.Position < packedEnd)
        {
            Keep(kept, input.ReadInt64());
            count++;
        }

        input.CheckInside(packedEnd);
        return count;
    }

    private static void Keep(List<long> kept, long value)
    {
        if (kept.Count < OnnxAttribute.MaxKeptInts)
        {
            kept.Add(value);
        }
    }

    /// <summary>A TensorProto's name, element type and dims; its data is measured (and read only for a small tensor, or, with <paramref name="values"/>, for a floating-point one).</summary>
    private static OnnxTensor ReadTensor(ProtoInput input, long end, OnnxTensorKind kind, Budget? values = null)
    {
        long start = input.Position;
        bool small = end - start <= SmallTensorBytes;
        var dims = new List<long>();
        int dataType = 0;
        string name = string.Empty;
        var data = new TensorData();
        while (input.Position < end)
        {
            uint tag = NextTag(input, "a tensor");
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
                case 9:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    if (values is not null && OnnxTensorValues.MayHold(dataType))
                    {
                        data.Raw = input.ReadBoundedBytes(end, values.Weights);
                        data.RawBytes = data.Raw.Length;
                    }
                    else if (small)
                    {
                        data.Raw = input.ReadBytes();
                        data.RawBytes = data.Raw.Length;
                    }
                    else
                    {
                        data.RawBytes = input.SkipPayload(tag, end);
                    }

                    break;
                case 5 when values is not null && OnnxTensorValues.MayHold(dataType):
                case 4 when values is not null && OnnxTensorValues.MayHold(dataType):
                case 10 when values is not null && OnnxTensorValues.MayHold(dataType):
                    data.Typed = true;
                    data.TypedBytes += data.Values.Read(input, tag, end, values.Weights);
                    break;
                case 5:
                case 7:
                    data.Typed = true;
                    if (small)
                    {
                        long before = input.Position;
                        data.IntsCount += ReadInts(input, tag, end, data.Ints);
                        data.TypedBytes += input.Position - before;
                    }
                    else
                    {
                        data.TypedBytes += input.SkipPayload(tag, end);
                    }

                    break;
                case 4:
                case 6:
                case 10:
                case 11:
                    // float_data, string_data, double_data, uint64_data: measured, never read.
                    data.Typed = true;
                    data.TypedBytes += input.SkipPayload(tag, end);
                    break;
                case 3:
                    data.Segmented = true;
                    input.SkipField(tag, end);
                    break;
                case 13:
                    data.External = true;
                    input.SkipField(tag, end);
                    break;
                case 14:
                    input.Expect(tag, WireFormat.WireType.Varint);
                    data.External |= input.ReadInt32() == 1;
                    break;
                default:
                    input.SkipField(tag, end);
                    break;
            }

            input.CheckInside(end);
        }

        TensorShape shape = Shape(input, dims, string.Format(CultureInfo.InvariantCulture, "the tensor '{0}' at byte {1}", name, start));
        CheckData(input, name, start, dataType, shape.ElementCount, data);
        var tensor = new OnnxTensor(name, dataType, shape, kind, Values(dataType, shape.ElementCount, data));
        if (values is not null && OnnxTensorValues.IsRead(dataType))
        {
            string what = string.Format(CultureInfo.InvariantCulture, "the {0} initializer '{1}' at byte {2}", OnnxDataType.Name(dataType), name, start);
            tensor.FloatValues = data.Values.Decode(input, what, dataType, shape.ElementCount, data.Raw, data.External, data.Segmented);
        }

        return tensor;
    }

    /// <summary>Refuses a tensor whose inline data cannot hold the elements its shape claims.</summary>
    private static void CheckData(ProtoInput input, string name, long start, int dataType, long elements, TensorData data)
    {
        if (elements == 0 || data.External || data.Segmented)
        {
            return;
        }

        if (data.RawBytes < 0 && !data.Typed)
        {
            throw input.Error(string.Format(
                CultureInfo.InvariantCulture,
                "the tensor '{0}' at byte {1} has no data for its {2:N0} elements; ONNX requires raw_data, a typed data field or external_data",
                name,
                start,
                elements));
        }

        int bits = OnnxDataType.Bits(dataType);
        bool backed = (data.RawBytes >= 0 && elements <= data.RawBytes * 8 / (bits > 0 ? bits : 1))
            || (data.Typed && elements <= data.TypedBytes * 4);
        if (!backed)
        {
            throw input.Error(string.Format(
                CultureInfo.InvariantCulture,
                "the tensor '{0}' at byte {1} claims {2:N0} {3} elements but holds {4:N0} bytes of data",
                name,
                start,
                elements,
                OnnxDataType.Name(dataType),
                System.Math.Max(data.RawBytes, 0) + data.TypedBytes));
        }
    }

    /// <summary>The values of a small INT32 / INT64 tensor, from raw_data (little-endian) or int32_data / int64_data.</summary>
    private static long[]? Values(int dataType, long elements, TensorData data)
    {
        if (!OnnxDataType.IsIndexInteger(dataType) || elements > OnnxAttribute.MaxKeptInts)
        {
            return null;
        }

        if (data.Raw is not null)
        {
            int size = dataType == OnnxDataType.Int64 ? 8 : 4;
            if (data.Raw.Length != elements * size)
            {
                return null;
            }

            var values = new long[elements];
            for (int k = 0; k < values.Length; k++)
            {
                ulong value = 0;
                for (int b = size - 1; b >= 0; b--)
                {
                    value = (value << 8) | data.Raw[(k * size) + b];
                }

                values[k] = size == 8 ? unchecked((long)value) : unchecked((int)(uint)value);
            }

            return values;
        }

        return data.IntsCount == elements ? [.. data.Ints] : null;
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

    private static OnnxTensor ReadSparseTensor(ProtoInput input, long end, OnnxTensorKind kind)
    {
        long start = input.Position;
        OnnxTensor? values = null;
        var dims = new List<long>();
        while (input.Position < end)
        {
            uint tag = NextTag(input, "a sparse tensor");
            switch (ProtoInput.Field(tag))
            {
                case 1:
                    input.Expect(tag, WireFormat.WireType.LengthDelimited);
                    values = ReadTensor(input, input.ReadEnd(end), kind);
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
            throw input.Error("a sparse tensor has no values tensor");
        }

        TensorShape shape = Shape(input, dims, string.Format(CultureInfo.InvariantCulture, "the sparse tensor '{0}' at byte {1}", values.Name, start));
        return new OnnxTensor(values.Name, values.DataType, shape, kind, null);
    }

    private static TensorShape Shape(ProtoInput input, List<long> dims, string what)
    {
        try
        {
            return new TensorShape([.. dims]);
        }
        catch (System.OverflowException e)
        {
            throw input.Error(what + " has more elements than fit in a 64-bit integer", e);
        }
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

    private static uint NextTag(ProtoInput input, string where)
    {
        uint tag = input.ReadTag();
        if (tag == 0)
        {
            throw input.Error("the file ends inside " + where);
        }

        return tag;
    }

    /// <summary>Lists reused from node to node while a graph is read.</summary>
    /// <summary>
    /// The limits of <see cref="ModelReaderOptions"/> as the walk meets them: node and initializer counts, name lengths,
    /// and the bytes of the messages held in memory (nodes, value infos, metadata) against
    /// <see cref="ModelReaderOptions.MaxDocumentBytes"/>, checked as each is read.
    /// </summary>
    private sealed class Budget
    {
        private readonly ProtoInput input;
        private long parsedWhole;
        private long weightBytes;

        public Budget(ProtoInput input, ModelReaderOptions options)
        {
            this.input = input;
            Options = options;
        }

        public ModelReaderOptions Options { get; }

        /// <summary>Gets a value indicating whether the initializers' values are read.</summary>
        public bool ReadValues { get; init; }

        /// <summary>Counts <paramref name="bytes"/> more bytes of values against <see cref="ModelReaderOptions.MaxWeightBytes"/>, before they are read.</summary>
        public void Weights(long bytes)
        {
            weightBytes = checked(weightBytes + bytes);
            if (weightBytes > Options.MaxWeightBytes)
            {
                throw Limits.Exceeded(input.Where, "the initializers' values take " + weightBytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes or more", Options.MaxWeightBytes, "bytes", nameof(ModelReaderOptions.MaxWeightBytes));
            }
        }

        public void Count(long count, long limit, string unit, string property)
        {
            if (count > limit)
            {
                throw Limits.Exceeded(input.Where, "the graph has " + count.ToString("N0", CultureInfo.InvariantCulture) + " " + unit + " or more", limit, unit, property);
            }
        }

        /// <summary>Reads a message or string held in memory, counting its bytes.</summary>
        public T Whole<T>(System.Func<T> read)
        {
            long start = input.Position;
            T value = read();
            parsedWhole += input.Position - start;
            if (parsedWhole > Options.MaxDocumentBytes)
            {
                throw Limits.Exceeded(input.Where, "the messages read whole (nodes, value infos, metadata) take " + parsedWhole.ToString("N0", CultureInfo.InvariantCulture) + " bytes", Options.MaxDocumentBytes, "bytes", nameof(ModelReaderOptions.MaxDocumentBytes));
            }

            return value;
        }

        public void Whole(System.Action read) => Whole(() =>
        {
            read();
            return 0;
        });

        public string Name(string name) => Limits.Name(name, Options, input.Where);
    }

    private sealed class NodeScratch
    {
        public List<string> Inputs { get; } = [];

        public List<string> Outputs { get; } = [];

        public List<OnnxAttribute> Attributes { get; } = [];
    }

    /// <summary>What a tensor's data fields hold, measured while they are skipped.</summary>
    private sealed class TensorData
    {
        /// <summary>Gets or sets the bytes of raw_data, or -1 when there is none.</summary>
        public long RawBytes { get; set; } = -1;

        public ByteString? Raw { get; set; }

        public bool Typed { get; set; }

        public long TypedBytes { get; set; }

        public List<long> Ints { get; } = [];

        public long IntsCount { get; set; }

        public bool External { get; set; }

        public bool Segmented { get; set; }

        /// <summary>Gets the typed values read when the initializers' values are read.</summary>
        public OnnxTensorValues Values { get; } = new();
    }
}
