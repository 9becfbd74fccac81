using System;
using System.IO;
using System.Linq;
using FluentAssertions;
using Google.Protobuf;
using RecurrentParams.Import.Onnx;
using RecurrentParams.Import.Onnx.Protos;
using Xunit;

namespace RecurrentParams.Import.Tests.Onnx;

/// <summary>Models built with the compiled ONNX schema: the graph features torch's exports do not use.</summary>
public sealed partial class OnnxModelReaderTests
{
    [Fact]
    public void Read_MetadataValueInfosAndNodeKinds_AreReported()
    {
        var model = new ModelProto
        {
            IrVersion = 9,
            ProducerName = "hand",
            OpsetImport = { new OperatorSetIdProto { Version = 17 }, new OperatorSetIdProto { Domain = "com.microsoft", Version = 1 } },
            MetadataProps = { new StringStringEntryProto { Key = "author", Value = "tests" } },
            DocString = "skipped",
            Graph = new GraphProto
            {
                Name = "g",
                Input = { Value("x", 10, 0, 3), Value("W", 1, 3, 4) },
                Output = { Value("y", 1, 0, 5) },
                ValueInfo = { Value("gemm_out", 1, 2, 5) },
                Initializer = { Tensor("W", 1, 4, 3), Tensor("V", 1, 4, 5), Tensor("C", 1, 2, 2, 3, 3), Tensor("b", 1, 5) },
                Node =
                {
                    Node("Gemm", "gemm", ["x", "W", "b"], "gemm_out", new AttributeProto { Name = "transB", I = 1, Type = AttributeProto.Types.AttributeType.Int }),
                    Node("MatMul", "mm", ["gemm_out", "V"], "mm_out"),
                    Node("Conv", "conv", ["mm_out", "C"], "y"),
                },
            },
        };

        ImportedModel read = OnnxModelReader.Read(new MemoryStream(model.ToByteArray()));

        read.Metadata.Should().Contain(new[]
        {
            new System.Collections.Generic.KeyValuePair<string, string>("ir_version", "9"),
            new("producer_name", "hand"),
            new("opset.ai.onnx", "17"),
            new("opset.com.microsoft", "1"),
            new("author", "tests"),
        });
        read.Summary.Name.Should().Be("g");
        read.Summary.Input.Should().Be(new OutputShape(null, 3));
        read.Summary.InputElementType.Should().Be(ElementType.Float16);
        read.Summary.Rows.Select(r => (r.ClassName, r.OutputShape.ToString())).Should().Equal(
            ("Gemm", "(2, 5)"), ("MatMul", "(None, None, 5)"), ("Conv", "(None, 5)"));
        read.Summary.TotalParams.Should().Be(12 + 20 + 36 + 5);
    }

    [Theory]
    [InlineData(16, ElementType.BFloat16)]
    [InlineData(11, ElementType.Float64)]
    [InlineData(6, ElementType.Int32)]
    [InlineData(3, ElementType.Int8)]
    [InlineData(1, ElementType.Float32)]
    public void Read_GraphInputElementType_IsMapped(int elemType, ElementType expected)
    {
        var model = new ModelProto { Graph = new GraphProto { Input = { Value("x", elemType, 0, 3) } } };

        OnnxModelReader.Read(new MemoryStream(model.ToByteArray())).Summary.InputElementType.Should().Be(expected);
    }

    [Fact]
    public void Read_PackedDimsAndOddTypes_AreRead()
    {
        byte[] tensor = Bytes(t =>
        {
            t.WriteTag(1, WireFormat.WireType.LengthDelimited);
            t.WriteBytes(ByteString.CopyFrom(Bytes(p => { p.WriteInt64(2); p.WriteInt64(3); })));
            t.WriteTag(2, WireFormat.WireType.Varint);
            t.WriteInt32(99);
            t.WriteTag(4, WireFormat.WireType.LengthDelimited);
            t.WriteBytes(ByteString.CopyFrom(new byte[24]));
        });
        byte[] sparse = Bytes(s =>
        {
            s.WriteTag(1, WireFormat.WireType.LengthDelimited);
            s.WriteBytes(ByteString.CopyFrom(tensor));
            s.WriteTag(3, WireFormat.WireType.LengthDelimited);
            s.WriteBytes(ByteString.CopyFrom(Bytes(p => { p.WriteInt64(4); p.WriteInt64(4); })));
        });
        byte[] model = OnnxFiles.Model(graph =>
        {
            graph.WriteTag(5, WireFormat.WireType.LengthDelimited);
            graph.WriteBytes(ByteString.CopyFrom(tensor));
            graph.WriteTag(15, WireFormat.WireType.LengthDelimited);
            graph.WriteBytes(ByteString.CopyFrom(sparse));
            graph.WriteTag(10, WireFormat.WireType.LengthDelimited);
            graph.WriteString("doc");
        });

        ImportedModel read = OnnxModelReader.Read(new MemoryStream(model));

        read.Tensors.Select(t => (t.DataType, t.ElementCount)).Should().Equal(("TYPE_99", 6L), ("TYPE_99", 16L));
    }

    [Fact]
    public void Read_SecondGraphField_IsRefusedNotMerged()
    {
        // A fuzzing campaign duplicated ModelProto.graph 957 times in an 11 MB file: merged, the nodes held grew to 76 MB.
        byte[] one = OnnxFiles.Model(graph => OnnxFiles.Tensor(graph, 5, "w", [2, 3]));
        byte[] graphField = one[2..]; // after ir_version (tag 0x08, value 8): the graph field, tag and length included
        byte[] twice = [.. one, .. graphField];

        OnnxModelReader.Read(new MemoryStream(one)).Summary.TotalParams.Should().Be(6);
        Action read = () => OnnxModelReader.Read(new MemoryStream(twice));

        read.Should().Throw<ModelFormatException>().WithMessage("*second graph (ModelProto field 7)*");
    }

    [Theory]
    [InlineData("sparse negative dim")]
    [InlineData("sparse overflow")]
    [InlineData("sparse wire type")]
    [InlineData("packed dims overrun")]
    [InlineData("field past tensor")]
    [InlineData("model wire type")]
    public void Read_MalformedDetails_ThrowModelFormatException(string kind)
    {
        byte[] bytes = kind switch
        {
            "sparse negative dim" => OnnxFiles.Model(g => Sparse(g, s => { s.WriteTag(3, WireFormat.WireType.Varint); s.WriteInt64(-2); })),
            "sparse overflow" => OnnxFiles.Model(g => Sparse(g, s =>
            {
                s.WriteTag(1, WireFormat.WireType.LengthDelimited);
                s.WriteBytes(ByteString.CopyFrom(Bytes(t => { t.WriteTag(1, WireFormat.WireType.Varint); t.WriteInt64(1); })));
                foreach (long d in new[] { 1L << 40, 1L << 40 })
                {
                    s.WriteTag(3, WireFormat.WireType.Varint);
                    s.WriteInt64(d);
                }
            })),
            "sparse wire type" => OnnxFiles.Model(g => Sparse(g, s => { s.WriteTag(1, WireFormat.WireType.Varint); s.WriteInt64(1); })),
            "packed dims overrun" => OnnxFiles.Model(g =>
            {
                g.WriteTag(5, WireFormat.WireType.LengthDelimited);
                g.WriteBytes(ByteString.CopyFrom(Bytes(t => { t.WriteTag(1, WireFormat.WireType.LengthDelimited); t.WriteLength(1); t.WriteInt64(300); })));
            }),
            "field past tensor" => OnnxFiles.Model(g =>
            {
                g.WriteTag(5, WireFormat.WireType.LengthDelimited);
                g.WriteBytes(ByteString.CopyFrom(Bytes(t => { t.WriteTag(8, WireFormat.WireType.LengthDelimited); t.WriteLength(5); })));
                g.WriteString("abcdef");
            }),
            _ => OnnxFiles.Raw(o => { o.WriteTag(2, WireFormat.WireType.Varint); o.WriteInt64(1); }),
        };

        Action read = () => OnnxModelReader.Read(new MemoryStream(bytes));

        read.Should().Throw<ModelFormatException>().Which.Location.Should().StartWith("byte ");
    }

    [Fact]
    public void Read_DeeplyNestedSubgraphs_AreSkippedWithoutBeingParsed()
    {
        byte[] bytes = new ModelProto { Graph = new GraphProto { Node = { Nest(500) } } }.ToByteArray();

        ImportedModel model = OnnxModelReader.Read(new MemoryStream(bytes));

        model.Summary.Rows.Should().ContainSingle().Which.ClassName.Should().Be("Graph");
    }

    private static NodeProto Nest(int depth)
    {
        var node = new NodeProto { OpType = "If" };
        if (depth > 0)
        {
            node.Attribute.Add(new AttributeProto { Name = "then_branch", G = new GraphProto { Node = { Nest(depth - 1) } } });
        }

        return node;
    }

    private static void Sparse(CodedOutputStream graph, Action<CodedOutputStream> body)
    {
        graph.WriteTag(15, WireFormat.WireType.LengthDelimited);
        graph.WriteBytes(ByteString.CopyFrom(Bytes(body)));
    }

    private static ValueInfoProto Value(string name, int elemType, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long d in dims)
        {
            shape.Dim.Add(d > 0 ? new TensorShapeProto.Types.Dimension { DimValue = d } : new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elemType, Shape = shape } } };
    }

    private static TensorProto Tensor(string name, int dataType, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = dataType, RawData = ByteString.CopyFrom(new byte[4 * dims.Aggregate(1L, (a, d) => a * d)]) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static NodeProto Node(string op, string name, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static byte[] Bytes(Action<CodedOutputStream> write)
    {
        using var memory = new MemoryStream();
        using (var output = new CodedOutputStream(memory, leaveOpen: true))
        {
            write(output);
        }

        return memory.ToArray();
    }
}
