using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Layers;
using RecurrentParams.Tests.Formulas;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class RecurrentTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "lstm", Convention.Torch, null);

    [Fact]
    public void Constructor_Defaults_ArePyTorchs()
    {
        var layer = new Recurrent(CellType.Lstm, 4);

        layer.CellType.Should().Be(CellType.Lstm);
        layer.HiddenSize.Should().Be(4);
        layer.NumLayers.Should().Be(1);
        layer.Bias.Should().BeTrue();
        layer.IsBidirectional.Should().BeFalse();
        layer.ProjSize.Should().Be(0);
        layer.BatchFirst.Should().BeFalse();
    }

    [Theory]
    [InlineData("SimpleRNN", "RNN")]
    [InlineData("LSTM", "LSTM")]
    [InlineData("GRU", "GRU")]
    public void ClassName_IsTheTorchModule(string cell, string module)
    {
        new Recurrent(new CellType(cell), 4).ClassName.Should().Be(module);
    }

    [Fact]
    public void Constructor_NullCellType_ThrowsArgumentNull()
    {
        Action act = () => _ = new Recurrent(null!, 4);

        act.Should().Throw<ArgumentNullException>().WithParameterName("cellType");
    }

    [Theory]
    [InlineData(0, 1, "hiddenSize")]
    [InlineData(4, 0, "numLayers")]
    public void Constructor_SizeBelowOne_ThrowsNamingIt(int hiddenSize, int numLayers, string paramName)
    {
        Action act = () => _ = new Recurrent(CellType.Gru, hiddenSize, numLayers);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(paramName)
            .WithMessage("'" + paramName + "' must be at least 1; got 0.*");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    public void Constructor_ProjSizeOutOfRange_ThrowsSayingWhatIsAllowed(int value)
    {
        Action act = () => _ = new Recurrent(CellType.Lstm, 4, projSize: value);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("projSize")
            .WithMessage("'projSize' must be 0 (no projection) or between 1 and hiddenSize - 1 = 3; got " + value + ".*");
    }

    [Fact]
    public void Build_UnbatchedLstm_ReturnsOutputAndTwoStatesWithoutABatch()
    {
        // torch.nn.LSTM docs, unbatched input (L, H_in): output (L, D·H_out), h_n (D·num_layers, H_out),
        // c_n (D·num_layers, H_cell). Count: 4·(4·5 + 4·4 + 4 + 4) = 176.
        LayerResult result = new Recurrent(CellType.Lstm, 4).Build(Context(7, 5));

        result.Outputs.Should().Equal(new OutputShape(7, 4), new OutputShape(1, 4), new OutputShape(1, 4));
        result.Weights.Sum(w => w.Count).Should().Be(176);
    }

    [Fact]
    public void Build_UnbatchedStackedBidirectionalProjection_SizesEveryOutput()
    {
        // D = 2, num_layers = 2, H_out = proj_size = 2, H_cell = 4: output (7, 2·2), h_n (4, 2), c_n (4, 4).
        LayerResult result = new Recurrent(CellType.Lstm, 4, numLayers: 2, bidirectional: true, projSize: 2).Build(Context(7, 5));

        result.Outputs.Should().Equal(new OutputShape(7, 4), new OutputShape(4, 2), new OutputShape(4, 4));
    }

    [Fact]
    public void Build_UnbatchedGru_HasOneState()
    {
        // GRU(5, 4): 3·(4·5 + 4·4 + 4 + 4) = 132; h_n (1, 4).
        LayerResult result = new Recurrent(CellType.Gru, 4).Build(Context(7, 5));

        result.Outputs.Should().Equal(new OutputShape(7, 4), new OutputShape(1, 4));
        result.Derivation!.Total.Should().Be(132);
    }

    [Fact]
    public void Build_SequenceFirst_TakesTheBatchFromDimensionOne()
    {
        // batch_first=False: input (L, N, H_in) = (7, 3, 5); output (7, 3, 4), h_n and c_n (1, 3, 4).
        LayerResult result = new Recurrent(CellType.Lstm, 4).Build(Context(7, 3, 5));

        result.Outputs.Should().Equal(new OutputShape(7, 3, 4), new OutputShape(1, 3, 4), new OutputShape(1, 3, 4));
    }

    [Fact]
    public void Build_BatchFirst_TakesTheBatchFromDimensionZero()
    {
        // batch_first=True: input (N, L, H_in) = (3, 7, 5); output (3, 7, 2·4), h_n (2·2, 3, 4) for 2 layers, 2 directions.
        LayerResult result = new Recurrent(CellType.SimpleRnn, 4, numLayers: 2, bidirectional: true, batchFirst: true).Build(Context(3, 7, 5));

        result.Outputs.Should().Equal(new OutputShape(3, 7, 8), new OutputShape(4, 3, 4));
    }

    [Fact]
    public void Build_CountsMacsFromTheKernelsOnly()
    {
        // weight_ih (16, 5) + weight_hh (16, 4) = 80 + 64 = 144; the biases add, they do not multiply.
        LayerResult result = new Recurrent(CellType.Lstm, 4).Build(Context(1, 7, 5));

        result.MacsPerStep.Should().Be(144);
        result.Derivation!.Subject.Should().Be("LSTM(input_size=5, hidden_size=4)");
    }

    [Theory]
    [InlineData(false, "a sequence (time, batch, features)")]
    [InlineData(true, "a sequence (batch, time, features)")]
    public void Build_RankFourInput_ThrowsNamingTheLayout(bool batchFirst, string layout)
    {
        Action act = () => new Recurrent(CellType.Lstm, 4, batchFirst: batchFirst).Build(Context(1, 2, 7, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'lstm' expects " + layout + " but its input is (1, 2, 7, 5).");
    }

    [Fact]
    public void Build_RankOneInput_Throws()
    {
        Action act = () => new Recurrent(CellType.Lstm, 4).Build(Context(5));

        act.Should().Throw<InvalidOperationException>().WithMessage("Layer 'lstm' expects a sequence (time, batch, features)*");
    }

    [Fact]
    public void Build_UnregisteredCell_ThrowsWithARemedy()
    {
        Action act = () => new Recurrent(new CellType("IndRNN"), 4).Build(Context(7, 3, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'lstm' has cell type 'IndRNN', which has no registered formula; register one in the builder's FormulaRegistry.");
    }

    [Fact]
    public void Build_ProjectionOnGru_IsRejectedByTheFormula()
    {
        Action act = () => new Recurrent(CellType.Gru, 4, projSize: 2).Build(Context(7, 3, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'lstm' 'projSize' is only supported for LSTM, not GRU (got 2); set it to 0.*");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(3_000_000_000L)]
    public void Build_FeaturesOutsideIntRange_Throw(long features)
    {
        Action act = () => new Recurrent(CellType.Lstm, 4).Build(Context(7, 3, features));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'lstm' needs the number of features between 1 and 2147483647; got " + features + ".");
    }

    [Fact]
    public void Build_FeaturesAtIntMaxValue_AreAccepted()
    {
        // RNN(2147483647, 1): 1·2147483647 + 1·1 + 2 = 2147483650 fits in a long.
        LayerResult result = new Recurrent(CellType.SimpleRnn, 1).Build(Context(7, 3, int.MaxValue));

        result.Weights.Sum(w => w.Count).Should().Be(2_147_483_650);
    }

    [Fact]
    public void Build_UnknownFeatures_Throw()
    {
        Action act = () => new Recurrent(CellType.Lstm, 4).Build(Context(7, 3, null));

        act.Should().Throw<InvalidOperationException>().WithMessage("Layer 'lstm' needs the number of features to be known*");
    }

    [Fact]
    public void Build_CustomCellFromTheContextsRegistry_IsCounted()
    {
        FormulaRegistry registry = FormulaRegistry.CreateDefault();
        registry.Register(new IndRnnFormula());
        var context = new LayerContext(new OutputShape(7, 3, 5), "ind", Convention.Torch, registry);

        LayerResult result = new Recurrent(IndRnnFormula.IndRnn, 4).Build(context);

        // IndRNN: kernel (5, 4) + recurrent (4,) + bias (4,) = 28, PyTorch names with the _l0 suffix.
        result.Weights.Select(w => w.Name).Should().Equal("kernel_l0", "recurrent_kernel_l0", "bias_l0");
        result.Outputs.Should().HaveCount(2);
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new Recurrent(CellType.Lstm, 4).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
