using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests;

public sealed class TorchModelBuilderTests
{
    private static CustomModule Tagger() => new(
        "Tagger",
        [("embedding", new Embedding(100, 8)),
         ("encoder", new Sequential(new Recurrent(CellType.Lstm, 8, 16, batchFirst: true))),
         ("fc", new Linear(16, 5))],
        (self, x) => self.Call("fc", self.Call("encoder", self.Call("embedding", x)).Item(0)));

    [Fact]
    public void Build_TreeWithInput_ListsTheCallsAsTorchinfo()
    {
        ModelSummary summary = new TorchModelBuilder(Tagger()).Input(ElementType.Int64, 2, 7).Build();

        summary.Name.Should().Be("Tagger");
        summary.Module!.ClassName.Should().Be("Tagger");
        summary.Rows.Select(r => (r.Name, r.ClassName, r.Depth, r.IsLeaf)).Should().Equal(
            ("Tagger", "Tagger", 0, false), ("embedding", "Embedding", 1, true), ("encoder", "Sequential", 1, false),
            ("encoder.0", "LSTM", 2, true), ("fc", "Linear", 1, true));
        summary.Rows[1].InputShape.Should().Be(new OutputShape(2, 7));
        summary.Rows[3].Outputs.Should().HaveCount(3, "output, h_n and c_n");
        summary.Output.Should().Be(new OutputShape(2, 7, 5));
        summary.TotalParams.Should().Be(800 + Params.Torch.Lstm(8, 16) + 85);
        summary.Rows[1].Weights.Single().Path.Should().Be("embedding.weight");
        summary.Rows[3].Derivation!.Subject.Should().Be("LSTM(input_size=8, hidden_size=16)");
        summary.MacsPerStep.Should().Be((4 * 16 * (8 + 16)) + (16 * 5));
    }

    [Fact]
    public void Build_TreeWithoutInput_WalksTheModules()
    {
        ModelSummary summary = new TorchModelBuilder(Tagger()).Build();

        summary.Input.Should().BeNull();
        summary.Output.Should().BeSameAs(OutputShape.Unknown);
        summary.Rows.Select(r => r.Name).Should().Equal("Tagger", "embedding", "encoder", "encoder.0", "fc");
        summary.Rows.Should().OnlyContain(r => r.InputShape == null);
        summary.Render(SummaryFormat.Torchinfo).Should().StartWith("""
            =================================================================
            Layer (type:depth-idx)                   Param #
            =================================================================
            Tagger                                   --
            ├─Embedding: 1-1                         800
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Build_ModuleWithoutForwardAndAnInput_Throws()
    {
        Action act = () => new TorchModelBuilder(new CustomModule("Untraced", [("fc", new Linear(2, 2))])).Input(1, 2).Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'Untraced' has no forward pass*");
    }

    [Fact]
    public void StackMethods_OnATree_ThrowWithTheRemedy()
    {
        var builder = new TorchModelBuilder(Tagger());

        builder.Invoking(b => b.Lstm(4)).Should().Throw<InvalidOperationException>().WithMessage("LSTM appends to a stack of modules, but this builder summarizes the module tree 'Tagger'*");
        builder.Invoking(b => b.Freeze()).Should().Throw<InvalidOperationException>().WithMessage("Freeze appends*");
        builder.Invoking(b => b.Add(new Tanh())).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Input_Twice_Throws()
    {
        TorchModelBuilder builder = new TorchModelBuilder(Tagger()).Input(1, 2);

        builder.Invoking(b => b.Input(1, 2)).Should().Throw<InvalidOperationException>().WithMessage("The model 'Tagger' already has the input [1, 2]; torchinfo's input_size is set once.");
    }

    [Fact]
    public void Stack_InferredSizes_BecomeTheModulesArguments()
    {
        ModelSummary summary = new TorchModelBuilder("Net").Input(2, 7, 5)
            .Gru(8, batchFirst: true).LayerNorm().BatchNorm1d(featuresLast: true).Rnn(4, batchFirst: true, name: "rnn").Dropout(0.1).TakeLastTimeStep().Linear(3)
            .Build();

        summary.Module!.ToString().Should().Be("""
            Net(
              (gru): GRU(5, 8, batch_first=True)
              (layer_norm): LayerNorm((8,), eps=1e-05, elementwise_affine=True)
              (batch_norm1d): BatchNorm1d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
              (rnn): RNN(8, 4, batch_first=True)
              (dropout): Dropout(p=0.1, inplace=False)
              (linear): Linear(in_features=4, out_features=3, bias=True)
            )
            """.ReplaceLineEndings("\n"));
        summary.Output.Should().Be(new OutputShape(2, 3));
    }

    [Fact]
    public void Stack_GeneratedNames_SkipExplicitOnes()
    {
        ModelSummary summary = new TorchModelBuilder("Net").Input(2, 4)
            .Linear(4, name: "linear_1").Linear(4).Linear(4)
            .Build();

        summary.Rows.Skip(1).Select(r => r.Name).Should().Equal("linear_1", "linear", "linear_2");
    }

    [Fact]
    public void Stack_SameNameTwice_Throws()
    {
        Action act = () => new TorchModelBuilder("Net").Input(2, 4).Linear(4, name: "fc").Linear(4, name: "fc").Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("Two modules are named 'fc'; attribute names must be unique within a model.");
    }

    [Fact]
    public void Stack_Freeze_FreezesTheModuleAddedLast()
    {
        ModelSummary summary = new TorchModelBuilder("Net").Input(2, 4).Linear(4).Freeze().Linear(2).Build();

        summary.NonTrainableParams.Should().Be(20);
        summary.Rows[1].TrainableParams.Should().Be(0);
    }

    [Fact]
    public void Stack_FreezeWithoutModule_Throws()
    {
        Action act = () => new TorchModelBuilder("Net").Input(2, 4).Freeze();

        act.Should().Throw<InvalidOperationException>().WithMessage("Freeze() freezes the module added last, but the model 'Net' has no module yet; add one first.");
    }

    [Fact]
    public void Stack_Incomplete_Throws()
    {
        FluentActions.Invoking(() => new TorchModelBuilder("Net").Build()).Should().Throw<InvalidOperationException>().WithMessage("The model 'Net' has no input; call Input(size) with the input size torchinfo takes, then add modules.");
        FluentActions.Invoking(() => new TorchModelBuilder("Net").Input(1, 3).Build()).Should().Throw<InvalidOperationException>().WithMessage("The model 'Net' has no modules; add at least one module before Build().");
        FluentActions.Invoking(() => new TorchModelBuilder("Net").Linear(3)).Should().Throw<InvalidOperationException>().WithMessage("Module 'linear' (Linear, index 0) was added before any input; call Input(size) with the input size torchinfo takes first.");
        FluentActions.Invoking(() => new TorchModelBuilder("Net").Input(1, 3).Linear(3, name: string.Empty)).Should().Throw<ArgumentException>().WithParameterName("name");
    }

    [Fact]
    public void Stack_InferenceOnAWrongShape_ThrowsNamingTheModule()
    {
        FluentActions.Invoking(() => new TorchModelBuilder("Net").Input(1, 2, 4, 3).Lstm(3).Build())
            .Should().Throw<InvalidOperationException>().WithMessage("Module 'lstm' (LSTM) expects a sequence (time, batch, features) but receives a tensor [1, 2, 4, 3] of Float32.");
        FluentActions.Invoking(() => new TorchModelBuilder("Net").Input(1, 2, 4, 3).Lstm(3, batchFirst: true).Build())
            .Should().Throw<InvalidOperationException>().WithMessage("*(batch, time, features)*");
        FluentActions.Invoking(() => new TorchModelBuilder("Net").Input(2, 4, 3).Lstm(3).Linear(2).LayerNorm(normalizedDims: 4).Build())
            .Should().Throw<InvalidOperationException>().WithMessage("Module 'layer_norm' (LayerNorm) needs normalized_shape from dimension -4 but receives a tensor [2, 4, 2] of Float32.");
        FluentActions.Invoking(() => new TorchModelBuilder("Net").Input(2, 4, 3).Gru(3).Add(new CustomModule("Pair", forward: (_, x) => Tensor.Tuple())).Linear(2).Build())
            .Should().Throw<InvalidOperationException>().WithMessage("Module 'linear' (Linear) needs in_features from its input but receives a tuple of 0 ().");
        FluentActions.Invoking(() => new TorchModelBuilder("Net").Input(2, 0).Linear(2).Build())
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Stack_ArgumentsOutOfRange_Throw()
    {
        var builder = new TorchModelBuilder("Net").Input(1, 3);

        builder.Invoking(b => b.Linear(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("outFeatures");
        builder.Invoking(b => b.Gru(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("hiddenSize");
        builder.Invoking(b => b.Rnn(3, numLayers: 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("numLayers");
        builder.Invoking(b => b.Lstm(3, projSize: 3)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("projSize");
        builder.Invoking(b => b.LayerNorm(normalizedDims: 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("normalizedDims");
        builder.Invoking(b => b.Add(null!)).Should().Throw<ArgumentNullException>().WithParameterName("module");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Build_TenMillionLayerStack_CostsWhatCountingCosts(bool bidirectionalGru)
    {
        // Arrange: warm up the code paths so the budget measures the stack, not the JIT.
        BuildAndRender(2, bidirectionalGru);
        long before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        (ModelSummary summary, string[] texts) = BuildAndRender(10_000_000, bidirectionalGru);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert: one row as PyTorch prints it, the count of Params, and a budget no number of layers can reach.
        allocated.Should().BeLessThan(2 * 1024 * 1024);
        summary.TotalParams.Should().Be(bidirectionalGru
            ? Params.Torch.Gru(8, 16, numLayers: 10_000_000, bidirectional: true)
            : Params.Torch.Lstm(8, 16, numLayers: 10_000_000));
        texts[0].Should().Contain(bidirectionalGru ? "GRU(8, 16, num_layers=10000000, bidirectional=True)" : "LSTM(8, 16, num_layers=10000000)");
        summary.Rows[^1].Weights.Count.Should().Be(bidirectionalGru ? 80_000_000 : 40_000_000);
        summary.Rows[^1].Weights[^1].Name.Should().Be(bidirectionalGru ? "bias_hh_l9999999_reverse" : "bias_hh_l9999999");
        summary.Rows[^1].Derivation!.Total.Should().Be(summary.TotalParams);
    }

    [Fact]
    public void Build_StackedModule_ListsEveryTensorAsPyTorch()
    {
        // Arrange: PyTorch's named_parameters() order, layer by layer, the reverse direction after the forward one.
        string[] expected = Enumerable.Range(0, 3).SelectMany(k => new[] { string.Empty, "_reverse" }.SelectMany(d =>
            new[] { "weight_ih", "weight_hh", "bias_ih", "bias_hh" }.Select(n => "seq.0." + n + "_l" + k + d))).Concat(["seq.1.weight", "seq.1.bias"]).ToArray();
        var model = new CustomModule("Model", [("seq", new Sequential(new Recurrent(CellType.Gru, 8, 16, numLayers: 3, bidirectional: true), new Linear(32, 4)))], (self, x) => self.Call("seq", x));

        // Act
        var weights = model.NamedParameters();

        // Assert
        weights.Select(w => w.Name).Should().Equal(expected);
        Enumerable.Range(0, weights.Count).Select(k => weights[k].Name).Should().Equal(expected);
        weights[12].Shape.Dimensions.Should().Equal(48, 32);
        weights.Sum(w => w.Count).Should().Be(Params.Torch.Gru(8, 16, numLayers: 3, bidirectional: true) + (32 * 4) + 4);
        FluentActions.Invoking(() => weights[expected.Length]).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => model.Children[0].Module.Children[0].Module.Parameters[-1]).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Build_FrozenOrCastTenMillionLayerStack_StaysWithinBudget()
    {
        // Arrange
        TorchModule cast = new Recurrent(CellType.Lstm, 8, 16, numLayers: 10_000_000).To(ElementType.Float64);
        var builder = new TorchModelBuilder("m").Input(ElementType.Float64, 1, 5, 8).Add(cast).Freeze();
        builder.Build();
        long before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        ModelSummary summary = builder.Build();
        string text = summary.Render(SummaryFormat.Torchinfo);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        allocated.Should().BeLessThan(2 * 1024 * 1024);
        summary.TrainableParams.Should().Be(0);
        summary.NonTrainableParams.Should().Be(Params.Torch.Lstm(8, 16, numLayers: 10_000_000));
        cast.Parameters[^1].ElementType.Should().Be(ElementType.Float64);
        text.Should().Contain("Params size (MB): " + (summary.TotalParams * 8 / 1e6).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void RequiresGrad_OneTensorOfStack_FreezesOnlyThatTensor()
    {
        // Act: freezing one tensor by name lists the stack tensor by tensor.
        TorchModule frozen = new Recurrent(CellType.Lstm, 8, 16, numLayers: 3).RequiresGrad("weight_ih_l2", false);

        // Assert
        frozen.Parameters.Where(w => !w.Trainable).Select(w => w.Name).Should().Equal("weight_ih_l2");
        new TorchModelBuilder(frozen).Input(1, 5, 8).Build().NonTrainableParams.Should().Be(4 * 16 * 16);
    }

    [Fact]
    public void Recurrent_MoreTensorsThanAListHolds_ThrowsArgumentOutOfRange()
    {
        // Act
        Action act = () => _ = new Recurrent(CellType.Lstm, 8, 16, numLayers: int.MaxValue);

        // Assert: 4 tensors a layer overflow a list; Params still counts the stack.
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("numLayers");
        Params.Torch.Lstm(8, 16, numLayers: int.MaxValue).Should().BeGreaterThan(0);
    }

    private static (ModelSummary Summary, string[] Texts) BuildAndRender(int numLayers, bool bidirectionalGru)
    {
        var builder = new TorchModelBuilder("m").Input(1, 5, 8);
        ModelSummary summary = (bidirectionalGru ? builder.Gru(16, numLayers: numLayers, bidirectional: true) : builder.Lstm(16, numLayers: numLayers)).Build();
        string[] texts = [summary.Render(SummaryFormat.TorchRepr), summary.Render(SummaryFormat.Torchinfo), summary.Render(SummaryFormat.Markdown), summary.ToString()];
        return (summary, texts);
    }
}
