using System;
using System.IO;
using System.Linq;
using FluentAssertions;
using Google.Protobuf;
using RecurrentParams.Import.Onnx;
using RecurrentParams.Import.Onnx.Protos;
using Xunit;

namespace RecurrentParams.Import.Tests.Onnx;

/// <summary>
/// Graph resolution case by case: an LSTM (hidden 2, input 3) whose W <c>(1, 8, 3)</c> is built by one shape operator
/// form, or cannot be resolved; R <c>(1, 8, 2)</c> and B <c>(1, 16)</c> are plain initializers. A W resolved to exactly
/// <c>(1, 8, 3)</c> shows as a row without a note whose multiply-accumulates are W's 24 elements plus R's 16, the
/// shapes ONNX's LSTM defines: W (directions, 4·hidden, input), R (directions, 4·hidden, hidden).
/// </summary>
public sealed partial class OnnxModelReaderTests
{
    private const long ResolvedMacs = (1 * 8 * 3) + (1 * 8 * 2);

    [Theory]
    [InlineData("identity chain", 24)]
    [InlineData("unsqueeze attribute", 24)]
    [InlineData("unsqueeze input, negative axis", 24)]
    [InlineData("unsqueeze scalar constant axis", 24)]
    [InlineData("squeeze without axes", 24)]
    [InlineData("squeeze attribute", 24)]
    [InlineData("reshape 0 and -1", 24)]
    [InlineData("reshape shape attribute", 24)]
    [InlineData("reshape allowzero", 24)]
    [InlineData("reshape packed int64_data shape", 24)]
    [InlineData("reshape int32 raw shape", 24)]
    [InlineData("reshape concatenated constants", 24)]
    [InlineData("flatten negative axis", 24)]
    [InlineData("transpose default perm", 24)]
    [InlineData("concat negative axis", 24)]
    [InlineData("slice step 2", 48)]
    [InlineData("slice attributes", 48)]
    [InlineData("slice reversed", 24)]
    [InlineData("split input", 48)]
    [InlineData("split attribute", 48)]
    [InlineData("split num_outputs", 48)]
    [InlineData("split equal", 48)]
    [InlineData("gather scalar index", 48)]
    [InlineData("cast from float16", 24)]
    [InlineData("castlike", 24)]
    [InlineData("concat of one value twice", 12)]
    [InlineData("constant value_floats", 24)]
    public void Read_WeightBehindShapeOperators_IsResolvedToItsExactShape(string form, long stored)
    {
        (NodeProto[] nodes, TensorProto[] initializers) = WeightForm(form);

        LayerSummary row = Lstm(ReadLstm(nodes, initializers));

        row.Note.Should().BeNull();
        row.MacsPerStep.Should().Be(ResolvedMacs);
        row.Params.Should().Be(stored + 16 + 16, "the stored tensors W is made of, counted whole, plus R and B");
        (row.Derivation is not null).Should().Be(stored == 24, "the derivation needs the stored count to be PyTorch's");
    }

    [Theory]
    [InlineData("unsqueeze without axes", "the 'Unsqueeze' node 'w' has no axes")]
    [InlineData("unsqueeze repeated axes", "the 'Unsqueeze' node 'w' has axes (0, 0) that do not fit an output of rank 4")]
    [InlineData("squeeze axis of size 8", "the 'Squeeze' node 'w' squeezes axes (1) of (1, 8, 3), which are not all of size 1")]
    [InlineData("reshape two -1", "the 'Reshape' node 'w' has an invalid shape (-1, -1, 3)")]
    [InlineData("reshape wrong count", "the 'Reshape' node 'w' cannot make shape (1, 8, 4) of (24)")]
    [InlineData("reshape 0 past rank", "the 'Reshape' node 'w' copies dimension 1 (a 0 in its shape) of a rank-1 input")]
    [InlineData("reshape -1 beside 0", "the 'Reshape' node 'w' cannot infer the -1 of shape (-1, 0, 3) for (1, 8, 3)")]
    [InlineData("reshape overflow", "the 'Reshape' node 'w' makes a shape whose element count does not fit in a 64-bit integer")]
    [InlineData("reshape without shape", "the 'Reshape' node 'w' has no shape")]
    [InlineData("reshape runtime shape", "the 'Reshape' node 'w' takes its shape from an input that is not a constant list of integers ('shape' is computed by the 'Shape' node 'shape', not stored)")]
    [InlineData("reshape shape with extra bytes", "the 'Reshape' node 'w' takes its shape from an input that is not a constant list of integers")]
    [InlineData("squeeze runtime axes", "the 'Squeeze' node 'w' takes its axes from an input that is not a constant list of integers ('axes' is computed by the 'Shape' node 'axes', not stored)")]
    [InlineData("split runtime sizes", "the 'Split' node 'w' takes its split from an input that is not a constant list of integers ('sizes' is computed by the 'Shape' node 'sizes', not stored)")]
    [InlineData("concat without axis", "the 'Concat' node 'w' has no axis")]
    [InlineData("concat axis out of range", "the 'Concat' node 'w' has an axis outside its inputs' rank 3")]
    [InlineData("concat mismatched", "the 'Concat' node 'w' joins (1, 4, 3) and (1, 4, 2), which differ outside axis 1")]
    [InlineData("slice step 0", "the 'Slice' node 'w' has a step of 0")]
    [InlineData("slice lengths differ", "the 'Slice' node 'w' has starts, ends, axes and steps of different lengths")]
    [InlineData("slice axis out of range", "the 'Slice' node 'w' has axes (3) outside its input's rank 3")]
    [InlineData("split uneven", "the 'Split' node 'w' cannot split 7 elements of axis 2 into 2 outputs as asked")]
    [InlineData("split axis out of range", "the 'Split' node 'w' has an axis outside its input's rank 3")]
    [InlineData("gather without indices", "the 'Gather' node 'w' has no indices")]
    [InlineData("gather axis out of range", "the 'Gather' node 'w' has an axis outside its input's rank 3")]
    [InlineData("gather runtime indices", "graph input 'ids' has no static shape: (batch)")]
    [InlineData("transpose bad perm", "the 'Transpose' node 'w' has a perm that is not a permutation of the input's 3 axes")]
    [InlineData("flatten axis out of range", "the 'Flatten' node 'w' has an axis outside the input's rank 3")]
    [InlineData("identity without input", "the 'Identity' node 'w' has no data input")]
    [InlineData("identity second output", "the 'Identity' node 'first' has no output 1")]
    [InlineData("undefined", "no initializer, graph input or node output is named 'nowhere'")]
    [InlineData("computed", "'w' is computed by the 'Mul' node 'w', not stored")]
    [InlineData("other domain", "'w' is computed by the 'Dequantize' node 'w' of domain 'com.example', not stored")]
    [InlineData("cycle", "'a' depends on itself through a cycle of nodes")]
    [InlineData("constant of strings", "the 'Constant' node 'w' holds no numeric value attribute")]
    [InlineData("input without shape", "graph input 'fed' declares no tensor shape")]
    [InlineData("input of overflowing shape", "graph input 'fed' declares a shape whose element count does not fit in a 64-bit integer")]
    public void Read_UnresolvableWeight_IsNamedOnTheRowWithTheReason(string form, string reason)
    {
        (NodeProto[] nodes, TensorProto[] initializers) = WeightForm(form);

        LayerSummary row = Lstm(ReadLstm(nodes, initializers, FedInputs(form)));

        row.Note.Should().StartWith("W could not be resolved: " + reason);
        row.Derivation.Should().BeNull();
        row.MacsPerStep.Should().Be(16, "R alone is resolved");
    }

    [Fact]
    public void Read_ResolvedWeightOfTheWrongShape_SaysWhatTheOperatorNeeds()
    {
        (NodeProto[] nodes, TensorProto[] initializers) = WeightForm("slice huge step");

        LayerSummary row = Lstm(ReadLstm(nodes, initializers));

        row.Note.Should().Be("W is (1, 1, 3), but an LSTM with hidden_size 2 and 1 direction needs (1, 8, 3).");
        row.Params.Should().Be(24 + 16 + 16);
    }

    [Fact]
    public void Read_SliceWithTheMostNegativeStep_KeepsOneElement()
    {
        (NodeProto[] nodes, TensorProto[] initializers) = WeightForm("slice most negative step");

        LayerSummary row = Lstm(ReadLstm(nodes, initializers));

        row.Note.Should().Be("W is (1, 1, 3), but an LSTM with hidden_size 2 and 1 direction needs (1, 8, 3).");
    }

    [Fact]
    public void Read_WrongShapesOfEverySlot_AreEachExplained()
    {
        var graph = new GraphProto
        {
            Input = { Value("X", 1, 5, 0, 3) },
            Initializer = { Floats("W", 1, 8, 3), Floats("R", 1, 8, 3), Floats("B", 1, 8), Floats("P", 2, 6) },
            Node = { Op("LSTM", ["X", "W", "R", "B", "", "", "", "P"], ["y"], IntAttribute("hidden_size", 2)) },
        };

        LayerSummary row = Lstm(Read(graph));

        row.Note.Should().Be(
            "R is (1, 8, 3), but an LSTM with hidden_size 2 and 1 direction needs (1, 8, 2); "
            + "B is (1, 8), but an LSTM with hidden_size 2 and 1 direction needs (1, 16); "
            + "P is (2, 6), but an LSTM with hidden_size 2 and 1 direction needs (1, 6).");
    }

    [Theory]
    [InlineData("GRU", "a GRU", "(1, 6, 3)")]
    [InlineData("RNN", "an RNN", "(1, 2, 3)")]
    public void Read_GruAndRnnOfTheWrongShape_NameTheirGateMultiple(string op, string article, string needs)
    {
        var graph = new GraphProto
        {
            Input = { Value("X", 1, 5, 0, 3) },
            Initializer = { Floats("W", 1, 5, 3), Floats("R", 1, op == "GRU" ? 6 : 2, 2) },
            Node = { Op(op, ["X", "W", "R"], ["y"], IntAttribute("hidden_size", 2)) },
        };

        LayerSummary row = Read(graph).Summary.Rows.Single();

        row.Note.Should().Be("W is (1, 5, 3), but " + article + " with hidden_size 2 and 1 direction needs " + needs + ".");
    }

    [Fact]
    public void Read_HiddenSizeAbsent_IsReadFromR()
    {
        var graph = new GraphProto
        {
            Input = { Value("X", 1, 5, 0, 3) },
            Initializer = { Floats("W", 2, 9, 3), Floats("R", 2, 9, 3) },
            Node = { Op("GRU", ["X", "W", "R"], ["y"], TextAttribute("direction", "bidirectional")) },
        };

        LayerSummary row = Read(graph).Summary.Rows.Single();

        row.OutputShape.Should().Be(new OutputShape(null, 2, null, 3));
        row.Derivation!.Subject.Should().Be(Params.Explain(LayerSpec.Torch.Gru(3, 3, bias: false, bidirectional: true)).Subject);
    }

    [Fact]
    public void Read_UnknownDirectionAndMissingWeights_AreSaid()
    {
        var graph = new GraphProto
        {
            Input = { Value("X", 1, 5, 0, 3) },
            Node = { Op("RNN", ["X"], ["y"], TextAttribute("direction", "sideways")) },
        };

        LayerSummary row = Read(graph).Summary.Rows.Single();

        row.Note.Should().Be("direction 'sideways' is none of forward, reverse, bidirectional; read as one direction; W is missing; R is missing.");
        row.Params.Should().Be(0);
        row.OutputShape.Should().Be(new OutputShape(null, 1, null, null));
    }

    [Fact]
    public void Read_RecurrentNodeOfAnotherDomain_IsAnOrdinaryNode()
    {
        var graph = new GraphProto
        {
            Initializer = { Floats("W", 1, 8, 3) },
            Node = { Op("LSTM", ["X", "W"], ["y"]) },
        };
        graph.Node[0].Domain = "com.microsoft";

        LayerSummary row = Read(graph).Summary.Rows.Single();

        row.Note.Should().BeNull();
        row.OutputShape.Should().Be(OutputShape.Unknown);
        row.Params.Should().Be(24);
    }

    [Fact]
    public void Read_StoredInitialState_IsItsOwnRowBesideTheNode()
    {
        var graph = new GraphProto
        {
            Input = { Value("X", 1, 5, 0, 3) },
            Initializer = { Floats("W", 1, 8, 3), Floats("R", 1, 8, 2), Floats("h0", 1, 1, 2), Floats("c0", 1, 1, 2) },
            Node =
            {
                Op("Identity", ["c0"], ["c0_copy"]),
                Op("LSTM", ["X", "W", "R", "", "", "h0", "c0_copy"], ["y"], IntAttribute("hidden_size", 2)),
            },
        };

        ImportedModel model = Read(graph);

        model.Summary.Rows.Select(r => (r.Name, r.ClassName, r.Params)).Should().Equal(
            ("c0_copy", "Identity", 2L), ("y", "LSTM", 40L), ("y (state)", "Initializers", 2L));
        model.Summary.Rows[1].Derivation.Should().NotBeNull();
    }

    [Fact]
    public void Read_Int32DequantizedBias_CountsAsAQuantizedWeight()
    {
        var graph = new GraphProto
        {
            Initializer = { Raw("bias_q", 6, 4 * 4, 4), Floats("scale"), Raw("shape_like", 6, 4 * 4, 4) },
            Node =
            {
                Op("DequantizeLinear", ["bias_q", "scale"], ["bias"]),
                Op("Add", ["x", "bias"], ["y"]),
                Op("Reshape", ["y", "shape_like"], ["z"]),
            },
        };

        ImportedModel model = Read(graph);

        model.Summary.Rows.Select(r => (r.ClassName, r.Params)).Should().Equal(("Add", 5L));
        model.Summary.Rows[0].Weights.Select(w => w.Name).Should().Equal("bias_q", "scale");
    }

    [Fact]
    public void Read_DuplicateAndUnnamedInitializers_FirstNameStandsAndUnnamedAreUnconsumed()
    {
        var graph = new GraphProto
        {
            Initializer = { Floats("w", 2, 2), Floats("w", 3, 3), Floats(string.Empty, 5), Floats(string.Empty, 7) },
            Node = { Op("MatMul", ["x", "w"], ["y"]) },
        };

        ImportedModel model = Read(graph);

        model.Summary.Rows.Select(r => (r.Name, r.Params)).Should().Equal(("y", 4L), ("(unconsumed initializers)", 12L));
        model.Summary.Rows[1].Weights.Select(w => w.Name).Should().Equal("initializer_0", "initializer_1");
    }

    [Fact]
    public void Read_ConstantValueForms_AreTensorsWhereTheyMakeUpWeights()
    {
        var graph = new GraphProto
        {
            Input = { Value("X", 1, 5, 0, 3) },
            Node =
            {
                Op("Constant", [], ["w_flat"], new AttributeProto { Name = "value_floats", Type = AttributeProto.Types.AttributeType.Floats, Floats = { new float[24] } }),
                Op("Constant", [], ["w_shape"], new AttributeProto { Name = "value_ints", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 1, 8, 3 } }),
                Op("Reshape", ["w_flat", "w_shape"], ["w"]),
                Op("Constant", [], ["r"], new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = Floats(string.Empty, 1, 8, 2) }),
                Op("Constant", [], ["b_scalar"], new AttributeProto { Name = "value_float", Type = AttributeProto.Types.AttributeType.Float, F = 0.5f }),
                Op("Constant", [], ["one"], new AttributeProto { Name = "value_int", Type = AttributeProto.Types.AttributeType.Int, I = 1 }),
                Op("Mul", ["X", "b_scalar"], ["x2"]),
                Op("LSTM", ["x2", "w", "r"], ["y"], IntAttribute("hidden_size", 2)),
            },
        };

        ImportedModel model = Read(graph);

        LayerSummary row = model.Summary.Rows.Single();
        row.Weights.Select(w => (w.Name, w.Shape.ToString())).Should().Equal(("w_flat", "(24,)"), ("r", "(1, 8, 2)"));
        row.Derivation!.Subject.Should().Be(Params.Explain(LayerSpec.Torch.Lstm(3, 2, bias: false)).Subject);
        model.Summary.TotalParams.Should().Be(40, "the scalar Constant feeding Mul and the integer Constants are not parameters");
    }

    [Fact]
    public void Read_WeightsFedAtRunTimeWithALongChain_AreFollowedWithoutRecursion()
    {
        const int Depth = 30_000;
        var graph = new GraphProto
        {
            Input = { Value("X", 1, 5, 0, 3), Value("w0", 1, 1, 8, 3) },
            Initializer = { Floats("R", 1, 8, 2) },
        };
        for (int k = 0; k < Depth; k++)
        {
            graph.Node.Add(Op("Identity", ["w" + k], ["w" + (k + 1)]));
        }

        graph.Node.Add(Op("LSTM", ["X", "w" + Depth, "R"], ["y"], IntAttribute("hidden_size", 2)));
        byte[] bytes = Model(graph);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        ImportedModel model = OnnxModelReader.Read(new MemoryStream(bytes));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        LayerSummary row = model.Summary.Rows.Single();
        row.Params.Should().Be(40);
        row.Note.Should().Be("W is a graph input the runtime feeds, counted from its declared shape.");
        // Linear cost: about a second here on a loaded 2-core VM; a walk quadratic in the chain would take minutes.
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        allocated.Should().BeLessThan(64L * 1024 * 1024, "a {0:N0}-byte graph", bytes.Length);
    }

    [Fact]
    public void Read_CycleOfShapeOperators_EndsAsAnUnresolvedWeight()
    {
        var graph = new GraphProto
        {
            Input = { Value("X", 1, 5, 0, 3) },
            Initializer = { Floats("R", 1, 8, 2), Floats("extra", 1, 8, 3) },
            Node =
            {
                Op("Concat", ["b", "extra"], ["a"], IntAttribute("axis", 0)),
                Op("Identity", ["a"], ["b"]),
                Op("LSTM", ["X", "a", "R"], ["y"], IntAttribute("hidden_size", 2)),
            },
        };

        ImportedModel model = Read(graph);

        model.Summary.Rows.Single(r => r.ClassName == "LSTM").Note.Should().StartWith("W could not be resolved: 'a' depends on itself through a cycle of nodes");
        model.Summary.TotalParams.Should().Be(16 + 24, "every stored tensor still counts once");
    }

    [Fact]
    public void Read_ConstantClaimingAHugeShape_ThrowsModelFormatExceptionWithoutAllocatingIt()
    {
        var huge = new TensorProto { DataType = 1, RawData = ByteString.CopyFrom(new byte[8]) };
        huge.Dims.AddRange([1L << 31, 1L << 31]);
        var graph = new GraphProto
        {
            Node = { Op("Constant", [], ["w"], new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = huge }), Op("LSTM", ["X", "w"], ["y"]) },
        };
        byte[] bytes = Model(graph);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Action read = () => OnnxModelReader.Read(new MemoryStream(bytes));

        read.Should().Throw<ModelFormatException>().WithMessage("*claims 4,611,686,018,427,387,904 FLOAT elements but holds 8 bytes of data*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1L << 20);
    }

    [Theory]
    [InlineData("no data", "*has no data for its 6 elements*")]
    [InlineData("short raw_data", "*claims 6 FLOAT elements but holds 20 bytes of data*")]
    [InlineData("short float_data", "*claims 20 FLOAT elements but holds 4 bytes of data*")]
    [InlineData("short data of an unknown type", "*claims 6 TYPE_99 elements but holds 0 bytes of data*")]
    public void Read_TensorWhoseDataCannotHoldItsShape_ThrowsModelFormatException(string kind, string message)
    {
        var tensor = new TensorProto { Name = "w", DataType = kind.EndsWith("unknown type", StringComparison.Ordinal) ? 99 : 1 };
        tensor.Dims.AddRange(kind == "short float_data" ? [4L, 5L] : [2L, 3L]);
        switch (kind)
        {
            case "short raw_data":
                tensor.RawData = ByteString.CopyFrom(new byte[20]);
                break;
            case "short float_data":
                tensor.FloatData.Add(1f);
                break;
            case "short data of an unknown type":
                tensor.RawData = ByteString.Empty;
                break;
        }

        Action read = () => Read(new GraphProto { Initializer = { tensor } });

        read.Should().Throw<ModelFormatException>().WithMessage(message).Which.Location.Should().StartWith("byte ");
    }

    [Fact]
    public void Read_TensorsWithoutInlineData_ExternalOrSegmentedOrEmpty_AreAccepted()
    {
        var external = new TensorProto { Name = "external", DataType = 1, DataLocation = TensorProto.Types.DataLocation.External };
        external.Dims.AddRange([4L, 4L]);
        var segmented = new TensorProto { Name = "segmented", DataType = 1, Segment = new TensorProto.Types.Segment { Begin = 0, End = 2 } };
        segmented.Dims.AddRange([4L]);
        var empty = new TensorProto { Name = "empty", DataType = 1 };
        empty.Dims.AddRange([0L, 4L]);
        var typed = new TensorProto { Name = "typed", DataType = 11, DoubleData = { 1, 2, 3 } };
        typed.Dims.Add(3);

        ImportedModel model = Read(new GraphProto { Initializer = { external, segmented, empty, typed } });

        model.Summary.TotalParams.Should().Be(16 + 4 + 0 + 3);
    }

    [Fact]
    public void Read_ShapeInUnpackedInt64Data_IsRead()
    {
        var graph = new GraphProto
        {
            Input = { Value("X", 1, 5, 0, 3) },
            Initializer = { Floats("w_flat", 24), Floats("R", 1, 8, 2) },
            Node =
            {
                Op("Reshape", ["w_flat", "shape"], ["w"]),
                Op("LSTM", ["X", "w", "R"], ["y"], IntAttribute("hidden_size", 2)),
            },
        };

        // Repeated fields of a serialized message merge: the graph's bytes, then one more initializer field (5).
        byte[] tensor = UnpackedInt64Tensor("shape", 1, 8, 3);
        using var graphBytes = new MemoryStream();
        using (var output = new CodedOutputStream(graphBytes, leaveOpen: true))
        {
            output.WriteRawMessage(graph);
            output.WriteTag(5, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(tensor));
        }

        byte[] model = OnnxFiles.Raw(o =>
        {
            o.WriteTag(7, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(graphBytes.ToArray()));
        });
        LayerSummary row = OnnxModelReader.Read(new MemoryStream(model)).Summary.Rows.Single();

        row.Note.Should().BeNull();
        row.Derivation!.Subject.Should().Be(Params.Explain(LayerSpec.Torch.Lstm(3, 2, bias: false)).Subject);
    }

    [Fact]
    public void Read_LargeIntegerTensor_IsAConstantWhoseValuesAreNotRead()
    {
        var graph = new GraphProto
        {
            Input = { Value("X", 1, 5, 0, 3) },
            Initializer = { Floats("w_flat", 24), Raw("shape", 7, 8 * 200, 200), Floats("R", 1, 8, 2), Int64Data("indices", Enumerable.Range(0, 300).Select(i => (long)i).ToArray()) },
            Node =
            {
                Op("Reshape", ["w_flat", "shape"], ["w"]),
                Op("LSTM", ["X", "w", "R"], ["y"], IntAttribute("hidden_size", 2)),
            },
        };

        ImportedModel model = Read(graph);

        LayerSummary row = model.Summary.Rows.Single();
        row.Note.Should().StartWith("W could not be resolved: the 'Reshape' node 'w' takes its shape from an input that is not a constant list of integers");
        row.Params.Should().Be(24 + 16, "the data W is made of is still counted on its row");
        model.Tensors.Select(t => (t.Name, t.ElementCount)).Should().Contain([("shape", 200L), ("indices", 300L)]);
    }

    [Fact]
    public void Read_ZeroSizedLstm_HasNoDerivation()
    {
        var graph = new GraphProto
        {
            Input = { Value("X", 1, 5, 0, 3) },
            Initializer = { Floats("W", 1, 0, 3), Floats("R", 1, 0, 0) },
            Node = { Op("LSTM", ["X", "W", "R"], ["y"], IntAttribute("hidden_size", 0)) },
        };
        graph.Node[0].DocString = string.Empty;

        LayerSummary row = Read(graph).Summary.Rows.Single();

        row.Params.Should().Be(0);
        row.Note.Should().BeNull();
        row.Derivation.Should().BeNull("PyTorch has no LSTM of hidden size 0");
    }

    [Fact]
    public void Read_TotalPastLongMaxValue_ThrowsModelFormatException()
    {
        var a = new TensorProto { Name = "a", DataType = 1, DataLocation = TensorProto.Types.DataLocation.External };
        a.Dims.Add(1L << 62);
        var b = new TensorProto { Name = "b", DataType = 1, DataLocation = TensorProto.Types.DataLocation.External };
        b.Dims.AddRange([1L << 62, 1]);

        Action read = () => Read(new GraphProto { Initializer = { a, b } });

        read.Should().Throw<ModelFormatException>().WithMessage("*element count, or a statistic of its summary, does not fit in a 64-bit integer*");
    }

    [Fact]
    public void Read_TruncatedGraphOnAForwardOnlyStream_ThrowsModelFormatException()
    {
        byte[] bytes = Model(new GraphProto { Initializer = { Floats("w", 4, 4) }, Node = { Op("MatMul", ["x", "w"], ["y"]) } });

        Action read = () => OnnxModelReader.Read(new NonSeekableStream(bytes[..^3]));

        read.Should().Throw<ModelFormatException>();
    }

    [Fact]
    public void Read_ScalarDeclaredOutput_FallsBackToTheWeightsWidth()
    {
        var graph = new GraphProto
        {
            ValueInfo = { new ValueInfoProto { Name = "y", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = new TensorShapeProto() } } } },
            Initializer = { Floats("w", 4, 6) },
            Node = { Op("MatMul", ["x", "w"], ["y"]) },
        };

        Read(graph).Summary.Rows.Single().OutputShape.Should().Be(new OutputShape(null, null, 6));
    }

    private static LayerSummary Lstm(ImportedModel model) => model.Summary.Rows.Single(r => r.ClassName == "LSTM");

    /// <summary>An LSTM (hidden 2) over X (5, batch, 3) with R (1, 8, 2), B (1, 16) initializers and W from the given nodes' output 'w'.</summary>
    private static ImportedModel ReadLstm(NodeProto[] nodes, TensorProto[] initializers, params ValueInfoProto[] inputs)
    {
        var graph = new GraphProto { Input = { Value("X", 1, 5, 0, 3) } };
        graph.Input.AddRange(inputs);
        graph.Initializer.AddRange(initializers);
        graph.Initializer.Add(Floats("R", 1, 8, 2));
        graph.Initializer.Add(Floats("B", 1, 16));
        graph.Node.AddRange(nodes);
        graph.Node.Add(Op("LSTM", ["X", nodes.Length == 0 ? "nowhere" : "w", "R", "B"], ["y"], IntAttribute("hidden_size", 2)));
        return Read(graph);
    }

    private static ValueInfoProto[] FedInputs(string form) => form switch
    {
        "gather runtime indices" => [Value("ids", 7, 0)],
        "input without shape" => [new ValueInfoProto { Name = "fed", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } }],
        "input of overflowing shape" => [Value("fed", 1, 1L << 40, 1L << 40, 1L << 40)],
        _ => [],
    };

    /// <summary>The nodes and initializers that make W (output 'w') in one form.</summary>
    private static (NodeProto[] Nodes, TensorProto[] Initializers) WeightForm(string form) => form switch
    {
        "identity chain" => ([Op("Identity", ["w0"], ["w1"]), Op("Identity", ["w1"], ["w2"]), Op("Identity", ["w2"], ["w"])], [Floats("w0", 1, 8, 3)]),
        "unsqueeze attribute" => ([Op("Unsqueeze", ["w0"], ["w"], IntsAttribute("axes", 0))], [Floats("w0", 8, 3)]),
        "unsqueeze input, negative axis" => ([Op("Unsqueeze", ["w0", "axes"], ["w"])], [Floats("w0", 8, 3), Int64s("axes", -3)]),
        "unsqueeze scalar constant axis" => ([Op("Constant", [], ["axes"], IntAttribute("value_int", 0)), Op("Unsqueeze", ["w0", "axes"], ["w"])], [Floats("w0", 8, 3)]),
        "squeeze without axes" => ([Op("Squeeze", ["w0"], ["w1"]), Op("Unsqueeze", ["w1"], ["w"], IntsAttribute("axes", 0))], [Floats("w0", 1, 8, 1, 3)]),
        "squeeze attribute" => ([Op("Squeeze", ["w0"], ["w"], IntsAttribute("axes", -1))], [Floats("w0", 1, 8, 3, 1)]),
        "reshape 0 and -1" => ([Op("Reshape", ["w0", "shape"], ["w"])], [Floats("w0", 1, 24), Int64s("shape", 0, 8, -1)]),
        "reshape shape attribute" => ([Op("Reshape", ["w0"], ["w"], IntsAttribute("shape", 1, 8, 3))], [Floats("w0", 24)]),
        "reshape allowzero" => ([Op("Reshape", ["w0", "shape"], ["w"], IntAttribute("allowzero", 1))], [Floats("w0", 24), Int64s("shape", 1, 8, 3)]),
        "reshape packed int64_data shape" => ([Op("Reshape", ["w0", "shape"], ["w"])], [Floats("w0", 24), Int64Data("shape", 1, 8, 3)]),
        "reshape int32 raw shape" => ([Op("Reshape", ["w0", "shape"], ["w"])], [Floats("w0", 24), Int32s("shape", 1, 8, -1)]),
        "reshape concatenated constants" => (
            [Op("Constant", [], ["d0"], IntsAttribute("value_ints", 1)), Op("Constant", [], ["d1"], IntsAttribute("value_ints", 8, -1)),
             Op("Concat", ["d0", "d1"], ["shape"], IntAttribute("axis", 0)), Op("Reshape", ["w0", "shape"], ["w"])],
            [Floats("w0", 24)]),
        "flatten negative axis" => ([Op("Flatten", ["w0"], ["w1"], IntAttribute("axis", -1)), Op("Unsqueeze", ["w1"], ["w"], IntsAttribute("axes", 0))], [Floats("w0", 2, 4, 3)]),
        "transpose default perm" => ([Op("Transpose", ["w0"], ["w"])], [Floats("w0", 3, 8, 1)]),
        "concat negative axis" => ([Op("Concat", ["a", "b"], ["w"], IntAttribute("axis", -2))], [Floats("a", 1, 4, 3), Floats("b", 1, 4, 3)]),
        "slice step 2" => ([Op("Slice", ["w0", "s", "e", "a", "st"], ["w"])], [Floats("w0", 1, 16, 3), Int64s("s", 0), Int64s("e", 16), Int64s("a", 1), Int64s("st", 2)]),
        "slice attributes" => ([Op("Slice", ["w0"], ["w"], IntsAttribute("starts", 8), IntsAttribute("ends", 100), IntsAttribute("axes", -2))], [Floats("w0", 1, 16, 3)]),
        "slice reversed" => ([Op("Slice", ["w0", "s", "e", "a", "st"], ["w"])], [Floats("w0", 1, 8, 3), Int64s("s", -1), Int64s("e", long.MinValue), Int64s("a", 1), Int64s("st", -1)]),
        "slice huge step" => ([Op("Slice", ["w0", "s", "e", "a", "st"], ["w"])], [Floats("w0", 1, 8, 3), Int64s("s", 0), Int64s("e", long.MaxValue), Int64s("a", 1), Int64s("st", long.MaxValue)]),
        "slice most negative step" => ([Op("Slice", ["w0", "s", "e", "a", "st"], ["w"])], [Floats("w0", 1, 8, 3), Int64s("s", long.MaxValue), Int64s("e", long.MinValue), Int64s("a", 1), Int64s("st", long.MinValue)]),
        "split input" => ([Op("Split", ["w0", "sizes"], ["first", "w"], IntAttribute("axis", 2))], [Floats("w0", 1, 8, 6), Int64s("sizes", 3, 3)]),
        "split attribute" => ([Op("Split", ["w0"], ["w", "rest"], IntAttribute("axis", 1), IntsAttribute("split", 8, 8))], [Floats("w0", 1, 16, 3)]),
        "split num_outputs" => ([Op("Split", ["w0"], ["w", "rest"], IntAttribute("axis", -1), IntAttribute("num_outputs", 2))], [Floats("w0", 1, 8, 6)]),
        "split equal" => ([Op("Split", ["w0"], ["w", "rest"])], [Floats("w0", 2, 8, 3)]),
        "gather scalar index" => ([Op("Gather", ["w0", "i"], ["w1"]), Op("Unsqueeze", ["w1"], ["w"], IntsAttribute("axes", 0))], [Floats("w0", 2, 8, 3), Raw("i", 7, 8)]),
        "cast from float16" => ([Op("Cast", ["w0"], ["w"], IntAttribute("to", 1))], [Raw("w0", 10, 48, 1, 8, 3)]),
        "castlike" => (
            [Op("Constant", [], ["like"], new AttributeProto { Name = "value_float", Type = AttributeProto.Types.AttributeType.Float, F = 1 }), Op("CastLike", ["w0", "like"], ["w"])],
            [Floats("w0", 1, 8, 3)]),
        "concat of one value twice" => ([Op("Identity", ["w0"], ["half"]), Op("Concat", ["half", "half"], ["w"], IntAttribute("axis", 1))], [Floats("w0", 1, 4, 3)]),
        "constant value_floats" => (
            [Op("Constant", [], ["w0"], new AttributeProto { Name = "value_floats", Type = AttributeProto.Types.AttributeType.Floats, Floats = { new float[24] } }),
             Op("Reshape", ["w0"], ["w"], IntsAttribute("shape", 1, 8, 3))],
            []),

        "unsqueeze without axes" => ([Op("Unsqueeze", ["w0"], ["w"])], [Floats("w0", 8, 3)]),
        "unsqueeze repeated axes" => ([Op("Unsqueeze", ["w0"], ["w"], IntsAttribute("axes", 0, 0))], [Floats("w0", 8, 3)]),
        "squeeze axis of size 8" => ([Op("Squeeze", ["w0"], ["w"], IntsAttribute("axes", 1))], [Floats("w0", 1, 8, 3)]),
        "reshape two -1" => ([Op("Reshape", ["w0", "shape"], ["w"])], [Floats("w0", 24), Int64s("shape", -1, -1, 3)]),
        "reshape wrong count" => ([Op("Reshape", ["w0", "shape"], ["w"])], [Floats("w0", 24), Int64s("shape", 1, 8, 4)]),
        "reshape 0 past rank" => ([Op("Reshape", ["w0", "shape"], ["w"])], [Floats("w0", 24), Int64s("shape", 1, 0, 3)]),
        "reshape -1 beside 0" => ([Op("Reshape", ["w0", "shape"], ["w"], IntAttribute("allowzero", 1))], [Floats("w0", 1, 8, 3), Int64s("shape", -1, 0, 3)]),
        "reshape overflow" => ([Op("Reshape", ["w0", "shape"], ["w"])], [Floats("w0", 24), Int64s("shape", 1L << 40, 1L << 40, 1L << 40)]),
        "reshape without shape" => ([Op("Reshape", ["w0"], ["w"])], [Floats("w0", 24)]),
        "reshape runtime shape" => ([Op("Shape", ["X"], ["shape"]), Op("Reshape", ["w0", "shape"], ["w"])], [Floats("w0", 24)]),
        "reshape shape with extra bytes" => ([Op("Reshape", ["w0", "shape"], ["w"])], [Floats("w0", 24), Raw("shape", 7, 32, 3)]),
        "squeeze runtime axes" => ([Op("Shape", ["X"], ["axes"]), Op("Squeeze", ["w0", "axes"], ["w"])], [Floats("w0", 1, 8, 3)]),
        "split runtime sizes" => ([Op("Shape", ["X"], ["sizes"]), Op("Split", ["w0", "sizes"], ["w", "rest"])], [Floats("w0", 1, 8, 6)]),
        "concat without axis" => ([Op("Concat", ["a", "b"], ["w"])], [Floats("a", 1, 4, 3), Floats("b", 1, 4, 3)]),
        "concat axis out of range" => ([Op("Concat", ["a", "b"], ["w"], IntAttribute("axis", 3))], [Floats("a", 1, 4, 3), Floats("b", 1, 4, 3)]),
        "concat mismatched" => ([Op("Concat", ["a", "b"], ["w"], IntAttribute("axis", 1))], [Floats("a", 1, 4, 3), Floats("b", 1, 4, 2)]),
        "slice step 0" => ([Op("Slice", ["w0", "s", "e", "a", "st"], ["w"])], [Floats("w0", 1, 8, 3), Int64s("s", 0), Int64s("e", 8), Int64s("a", 1), Int64s("st", 0)]),
        "slice lengths differ" => ([Op("Slice", ["w0", "s", "e"], ["w"])], [Floats("w0", 1, 8, 3), Int64s("s", 0, 0), Int64s("e", 8)]),
        "slice axis out of range" => ([Op("Slice", ["w0", "s", "e", "a"], ["w"])], [Floats("w0", 1, 8, 3), Int64s("s", 0), Int64s("e", 8), Int64s("a", 3)]),
        "split uneven" => ([Op("Split", ["w0"], ["w", "rest"], IntAttribute("axis", 2))], [Floats("w0", 1, 8, 7)]),
        "split axis out of range" => ([Op("Split", ["w0"], ["w", "rest"], IntAttribute("axis", 3))], [Floats("w0", 1, 8, 6)]),
        "gather without indices" => ([Op("Gather", ["w0"], ["w"])], [Floats("w0", 2, 8, 3)]),
        "gather axis out of range" => ([Op("Gather", ["w0", "i"], ["w"], IntAttribute("axis", -4))], [Floats("w0", 2, 8, 3), Int64s("i", 0)]),
        "gather runtime indices" => ([Op("Gather", ["w0", "ids"], ["w"])], [Floats("w0", 2, 8, 3)]),
        "transpose bad perm" => ([Op("Transpose", ["w0"], ["w"], IntsAttribute("perm", 0, 0, 1))], [Floats("w0", 1, 8, 3)]),
        "flatten axis out of range" => ([Op("Flatten", ["w0"], ["w"], IntAttribute("axis", 4))], [Floats("w0", 1, 8, 3)]),
        "identity without input" => ([Op("Identity", [], ["w"])], []),
        "identity second output" => ([Op("Identity", ["w0"], ["first", "w"])], [Floats("w0", 1, 8, 3)]),
        "undefined" => ([], []),
        "computed" => ([Op("Mul", ["w0", "w0"], ["w"])], [Floats("w0", 1, 8, 3)]),
        "other domain" => ([WithDomain(Op("Dequantize", ["w0"], ["w"]), "com.example")], [Floats("w0", 1, 8, 3)]),
        "cycle" => ([Op("Identity", ["b"], ["a"]), Op("Identity", ["a"], ["b"]), Op("Identity", ["a"], ["w"])], []),
        "constant of strings" => ([Op("Constant", [], ["w"], new AttributeProto { Name = "value_strings", Type = AttributeProto.Types.AttributeType.Strings, Strings = { ByteString.CopyFromUtf8("x") } })], []),
        "input without shape" => ([Op("Identity", ["fed"], ["w"])], []),
        _ => ([Op("Identity", ["fed"], ["w"])], []),
    };

    private static NodeProto WithDomain(NodeProto node, string domain)
    {
        node.Domain = domain;
        return node;
    }

    private static ImportedModel Read(GraphProto graph, int opset = 13) => OnnxModelReader.Read(new MemoryStream(Model(graph, opset)));

    private static byte[] Model(GraphProto graph, int opset = 13) =>
        new ModelProto { IrVersion = 8, OpsetImport = { new OperatorSetIdProto { Version = opset } }, Graph = graph }.ToByteArray();

    /// <summary>A node named after its first output.</summary>
    private static NodeProto Op(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = outputs[0] };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static AttributeProto IntAttribute(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto IntsAttribute(string name, params long[] values) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { values } };

    private static AttributeProto TextAttribute(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    /// <summary>A FLOAT tensor of zeros in raw_data.</summary>
    private static TensorProto Floats(string name, params long[] dims) => Raw(name, 1, 4 * (int)dims.Aggregate(1L, (a, d) => a * d), dims);

    private static TensorProto Raw(string name, int dataType, int bytes, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = dataType, RawData = ByteString.CopyFrom(new byte[bytes]) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    /// <summary>A 1-D INT64 tensor whose values are in raw_data, little-endian.</summary>
    private static TensorProto Int64s(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = 7, RawData = ByteString.CopyFrom(values.SelectMany(BitConverter.GetBytes).ToArray()) };
        tensor.Dims.Add(values.Length);
        return tensor;
    }

    private static TensorProto Int32s(string name, params int[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = 6, RawData = ByteString.CopyFrom(values.SelectMany(BitConverter.GetBytes).ToArray()) };
        tensor.Dims.Add(values.Length);
        return tensor;
    }

    /// <summary>A 1-D INT64 tensor whose values are in int64_data, packed as protobuf writes a [packed = true] field.</summary>
    private static TensorProto Int64Data(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = 7, Int64Data = { values } };
        tensor.Dims.Add(values.Length);
        return tensor;
    }

    /// <summary>The bytes of a TensorProto with one int64_data varint field per value, as a writer that does not pack writes it.</summary>
    private static byte[] UnpackedInt64Tensor(string name, params long[] values)
    {
        using var memory = new MemoryStream();
        using (var output = new CodedOutputStream(memory, leaveOpen: true))
        {
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteInt64(values.Length);
            output.WriteTag(2, WireFormat.WireType.Varint);
            output.WriteInt32(7);
            foreach (long value in values)
            {
                output.WriteTag(7, WireFormat.WireType.Varint);
                output.WriteInt64(value);
            }

            output.WriteTag(8, WireFormat.WireType.LengthDelimited);
            output.WriteString(name);
        }

        return memory.ToArray();
    }
}
