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
    [Fact]
    public void Constructor_Defaults_ArePyTorchs()
    {
        var lstm = new Recurrent(CellType.Lstm, 5, 4);

        lstm.CellType.Should().Be(CellType.Lstm);
        (lstm.InputSize, lstm.HiddenSize, lstm.NumLayers, lstm.ProjSize).Should().Be((5, 4, 1, 0));
        lstm.Bias.Should().BeTrue();
        lstm.BatchFirst.Should().BeFalse();
        lstm.Dropout.Should().Be(0);
        lstm.IsBidirectional.Should().BeFalse();
        lstm.ExtraRepr.Should().Be("5, 4");
        lstm.ToString().Should().Be("LSTM(5, 4)");
    }

    [Fact]
    public void Parameters_LstmFiveFour_AreNamedParametersOfPyTorch()
    {
        // nn.LSTM(5, 4): weight_ih_l0 (16, 5), weight_hh_l0 (16, 4), bias_ih_l0 (16,), bias_hh_l0 (16,) = 176.
        var lstm = new Recurrent(CellType.Lstm, 5, 4);

        lstm.Parameters.Select(p => p.Name + " " + p.Shape).Should().Equal("weight_ih_l0 (16, 5)", "weight_hh_l0 (16, 4)", "bias_ih_l0 (16,)", "bias_hh_l0 (16,)");
        lstm.Parameters.Sum(p => p.Count).Should().Be(176);
        lstm.Parameters.Should().OnlyContain(p => p.Trainable && p.ElementType == ElementType.Float32);
        lstm.Buffers.Should().BeEmpty();
        lstm.Children.Should().BeEmpty();
    }

    [Theory]
    [InlineData("SimpleRNN", "RNN")]
    [InlineData("LSTM", "LSTM")]
    [InlineData("GRU", "GRU")]
    public void ClassName_IsTheTorchModule(string cell, string module)
    {
        new Recurrent(new CellType(cell), 3, 4).ClassName.Should().Be(module);
    }

    [Fact]
    public void ExtraRepr_EveryArgument_FollowsRnnBaseExtraRepr()
    {
        var lstm = new Recurrent(CellType.Lstm, 10, 12, numLayers: 3, bias: false, batchFirst: true, dropout: 0.25, bidirectional: true, projSize: 4);

        lstm.ExtraRepr.Should().Be("10, 12, proj_size=4, num_layers=3, bias=False, batch_first=True, dropout=0.25, bidirectional=True");
    }

    [Fact]
    public void Constructor_NullCellType_ThrowsArgumentNull()
    {
        Action act = () => _ = new Recurrent(null!, 5, 4);

        act.Should().Throw<ArgumentNullException>().WithParameterName("cellType");
    }

    [Theory]
    [InlineData(0, 4, 1, "inputSize")]
    [InlineData(5, 0, 1, "hiddenSize")]
    [InlineData(5, 4, 0, "numLayers")]
    public void Constructor_SizeBelowOne_ThrowsNamingIt(int inputSize, int hiddenSize, int numLayers, string paramName)
    {
        Action act = () => _ = new Recurrent(CellType.Gru, inputSize, hiddenSize, numLayers);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(paramName)
            .WithMessage("'" + paramName + "' must be at least 1; got 0.*");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    public void Constructor_ProjSizeOutOfRange_ThrowsSayingWhatIsAllowed(int value)
    {
        Action act = () => _ = new Recurrent(CellType.Lstm, 5, 4, projSize: value);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("projSize")
            .WithMessage("'projSize' must be 0 (no projection) or between 1 and hiddenSize - 1 = 3; got " + value + ".*");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Constructor_DropoutOutOfRange_Throws(double dropout)
    {
        Action act = () => _ = new Recurrent(CellType.Lstm, 5, 4, dropout: dropout);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(dropout));
    }

    [Fact]
    public void Constructor_ProjectionOnGru_IsRejectedByTheFormula()
    {
        Action act = () => _ = new Recurrent(CellType.Gru, 5, 4, projSize: 2);

        act.Should().Throw<ArgumentException>().WithMessage("'projSize' is only supported for LSTM, not GRU (got 2); set it to 0.*");
    }

    [Fact]
    public void Constructor_UnregisteredCell_ThrowsWithARemedy()
    {
        Action act = () => _ = new Recurrent(new CellType("IndRNN"), 5, 4);

        act.Should().Throw<ArgumentException>().WithParameterName("cellType")
            .WithMessage("The cell type 'IndRNN' has no registered formula; register one in a FormulaRegistry and pass it as 'formulas'.*");
    }

    [Fact]
    public void Constructor_CustomCellFromARegistry_IsCounted()
    {
        FormulaRegistry registry = FormulaRegistry.CreateDefault();
        registry.Register(new IndRnnFormula());

        var ind = new Recurrent(IndRnnFormula.IndRnn, 5, 4, formulas: registry);

        // IndRNN: kernel (5, 4) + recurrent (4,) + bias (4,) = 28, PyTorch names with the _l0 suffix.
        ind.ClassName.Should().Be("IndRNN");
        ind.Parameters.Select(w => w.Name).Should().Equal("kernel_l0", "recurrent_kernel_l0", "bias_l0");
        Probe.Shapes(Probe.Run(ind, Probe.Floats(7, 3, 5))).Should().Be("([7, 3, 4], [1, 3, 4])");
    }

    [Fact]
    public void Forward_SequenceFirst_TakesTheBatchFromDimensionOne()
    {
        // batch_first=False: input (L, N, H_in) = (7, 3, 5); output (7, 3, 4), h_n and c_n (1, 3, 4).
        Tensor output = Probe.Run(new Recurrent(CellType.Lstm, 5, 4), Probe.Floats(7, 3, 5));

        Probe.Shapes(output).Should().Be("([7, 3, 4], ([1, 3, 4], [1, 3, 4]))");
    }

    [Fact]
    public void Forward_BatchFirstBidirectionalStack_TakesTheBatchFromDimensionZero()
    {
        // batch_first=True: input (N, L, H_in) = (3, 7, 5); output (3, 7, 2·4), h_n (2·2, 3, 4) for 2 layers, 2 directions.
        Tensor output = Probe.Run(new Recurrent(CellType.SimpleRnn, 5, 4, numLayers: 2, batchFirst: true, bidirectional: true), Probe.Floats(3, 7, 5));

        Probe.Shapes(output).Should().Be("([3, 7, 8], [4, 3, 4])");
    }

    [Fact]
    public void Forward_UnbatchedProjectedLstm_SizesEveryOutput()
    {
        // torch.nn.LSTM docs, unbatched (L, H_in): output (L, D·H_out), h_n (D·num_layers, H_out), c_n (D·num_layers, H_cell).
        Tensor output = Probe.Run(new Recurrent(CellType.Lstm, 5, 4, numLayers: 2, bidirectional: true, projSize: 2), Probe.Floats(7, 5));

        Probe.Shapes(output).Should().Be("([7, 4], ([4, 2], [4, 4]))");
    }

    [Fact]
    public void Forward_PackedSequence_ReturnsAPackedOutputAndTheBatchsStates()
    {
        Tensor packed = Tensor.PackPaddedSequence(Probe.Floats(4, 6, 5), [6, 4, 4, 1], batchFirst: true, enforceSorted: false);

        Tensor output = Probe.Run(new Recurrent(CellType.Gru, 5, 3, bidirectional: true), packed);

        output.Item(0).IsPackedSequence.Should().BeTrue();
        Probe.Shapes(output).Should().Be("(packed [15, 6], [2, 4, 3])");
    }

    [Fact]
    public void Forward_InitialStateArgument_IsAccepted()
    {
        Tensor state = Tensor.Tuple(Probe.Floats(1, 2, 4), Probe.Floats(1, 2, 4));

        Tensor output = Probe.Run(new Recurrent(CellType.Lstm, 5, 4, batchFirst: true), Probe.Floats(2, 3, 5), state);

        Probe.Shapes(output).Should().Be("([2, 3, 4], ([1, 2, 4], [1, 2, 4]))");
    }

    [Theory]
    [InlineData(new long[] { 5 })]
    [InlineData(new long[] { 1, 2, 7, 5 })]
    public void Forward_WrongRank_ThrowsNamingTheModule(long[] shape)
    {
        Action act = () => Probe.Run(new Recurrent(CellType.Lstm, 5, 4), Probe.Floats(shape));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Module 'm' (LSTM) expects a 2-D (unbatched) or 3-D (batched) input but receives a tensor [" + string.Join(", ", shape) + "] of Float32.");
    }

    [Fact]
    public void Forward_WrongFeatures_ThrowsWithInputSize()
    {
        Action act = () => Probe.Run(new Recurrent(CellType.Lstm, 5, 4), Probe.Floats(7, 3, 6));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (LSTM) expects input_size = 5 features in the last dimension but receives a tensor [7, 3, 6] of Float32.");
    }

    [Fact]
    public void Forward_InputOfAnotherDtype_ThrowsWithTheConversion()
    {
        Action act = () => Probe.Run(new Recurrent(CellType.Lstm, 5, 4).To(ElementType.Float64), Probe.Floats(7, 3, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Module 'm' (LSTM) has Float64 parameters but receives a tensor [7, 3, 5] of Float32; convert the input with To(ElementType.Float64), as x.to(dtype).");
    }

    [Fact]
    public void Forward_Tuple_Throws()
    {
        Action act = () => Probe.Run(new Recurrent(CellType.Gru, 5, 4), Tensor.Tuple(Probe.Floats(7, 3, 5)));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (GRU) expects a 2-D (unbatched) or 3-D (batched) input but receives a tuple of 1*");
    }

    [Fact]
    public void Build_OnALayerContext_ReportsEveryOutputAndTheDerivation()
    {
        LayerResult result = new Recurrent(CellType.Lstm, 5, 4).Build(new LayerContext(new OutputShape(1, 7, 5), "lstm", Convention.Torch, null));

        // batch_first=False: (L, N, H_in) = (1, 7, 5), so h_n and c_n are (1, 7, 4).
        result.Outputs.Should().Equal(new OutputShape(1, 7, 4), new OutputShape(1, 7, 4), new OutputShape(1, 7, 4));
        result.MacsPerStep.Should().Be(144, "weight_ih (16, 5) + weight_hh (16, 4) = 80 + 64; the biases add, they do not multiply");
        result.Derivation!.Subject.Should().Be("LSTM(input_size=5, hidden_size=4)");
    }

    [Fact]
    public void Build_InputTheModuleRefuses_FailsNamingTheLayer()
    {
        Action act = () => new Recurrent(CellType.Lstm, 5, 4).Build(new LayerContext(new OutputShape(1, 7, 6), "lstm", Convention.Torch, null));

        act.Should().Throw<InvalidOperationException>().WithMessage("Layer 'lstm' expects input_size = 5 features in the last dimension but receives a tensor [1, 7, 6] of Float32.");
    }

    [Fact]
    public void Build_UnknownDimension_Throws()
    {
        Action act = () => new Recurrent(CellType.Lstm, 5, 4).Build(new LayerContext(new OutputShape(null, 7, 5), "lstm", Convention.Torch, null));

        act.Should().Throw<InvalidOperationException>().WithMessage("Layer 'lstm' needs dimension 0 of its input to be known*");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new Recurrent(CellType.Lstm, 5, 4).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
