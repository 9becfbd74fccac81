using System;
using System.Collections.Generic;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests.Solving;

/// <summary>
/// The budget solver (<see cref="Params.MaxUnits"/>, <see cref="Params.Keras.MaxUnits"/>, <see cref="Params.Torch.MaxHiddenSize"/>,
/// <see cref="Params.MaxWidth"/>): each golden answer is derived in the test from the count formula, and checked against
/// the library's own counts on both sides of the answer.
/// </summary>
public sealed class ParamsSolveTests
{
    [Fact]
    public void KerasMaxUnits_ReferenceLstm_IsFour()
    {
        // 4 × (u·u + 5u + u) = 160 at u = 4 and 4 × (9 + 15 + 3) = 108 at u = 3, 4 × (25 + 25 + 5) = 220 at u = 5.
        Params.Keras.MaxUnits(CellType.Lstm, inputSize: 5, budget: 160).Should().Be(4);
        Params.Keras.MaxUnits(CellType.Lstm, inputSize: 5, budget: 159).Should().Be(3);
        Params.Keras.MaxUnits(CellType.Lstm, inputSize: 5, budget: 219).Should().Be(4);
        Params.Keras.MaxUnits(CellType.Lstm, inputSize: 5, budget: 220).Should().Be(5);
    }

    [Fact]
    public void KerasMaxUnits_OneMillionLstmParamsOn128Features_Is439()
    {
        // 4(u² + 128u + u) ≤ 1,000,000 ⟺ u² + 129u ≤ 250,000: u = 439 gives 192,721 + 56,631 = 249,352, u = 440 gives 250,360.
        int units = Params.Keras.MaxUnits(CellType.Lstm, inputSize: 128, budget: 1_000_000);

        units.Should().Be(439);
        Params.Lstm(439, 128).Should().Be(997_408);
    }

    [Fact]
    public void KerasMaxUnits_Options_FollowTheKerasCount()
    {
        // GRU reset_after=False: 3(u² + 5u + u) = 120 at u = 4; reset_after=True adds 3u: 132.
        Params.Keras.MaxUnits(CellType.Gru, 5, 131, resetAfter: false).Should().Be(4);
        Params.Keras.MaxUnits(CellType.Gru, 5, 131).Should().Be(3);
        Params.Keras.MaxUnits(CellType.Gru, 5, 132).Should().Be(4);

        // No bias: u·u + 5u = 36 at u = 4; bidirectional doubles it.
        Params.Keras.MaxUnits(CellType.SimpleRnn, 5, 36, useBias: false).Should().Be(4);
        Params.Keras.MaxUnits(CellType.SimpleRnn, 5, 72, useBias: false, bidirectional: true).Should().Be(4);
        Params.Keras.MaxUnits(CellType.SimpleRnn, 5, 71, useBias: false, bidirectional: true).Should().Be(3);

        // cuDNN keeps two biases: CuDNNLSTM(4, 5) = 176, CuDNNGRU(4, 5) = 132.
        Params.Keras.MaxUnits(CellType.CuDnnLstm, 5, 176).Should().Be(4);
        Params.Keras.MaxUnits(CellType.CuDnnGru, 5, 131).Should().Be(3);
    }

    [Fact]
    public void KerasMaxUnits_BudgetBelowOneUnit_IsZero()
    {
        // One LSTM unit on 5 features: 4 × (1 + 5 + 1) = 28.
        Params.Keras.MaxUnits(CellType.Lstm, 5, 27).Should().Be(0);
        Params.Keras.MaxUnits(CellType.Lstm, 5, 0).Should().Be(0);
        Params.Keras.MaxUnits(CellType.Lstm, 5, 28).Should().Be(1);
    }

    [Fact]
    public void KerasMaxUnits_LongMaxBudget_IsIntMaxWhenEveryUnitFits()
    {
        // u² + 2u for SimpleRNN on one feature stays under 2^63 up to u ≈ 3.04·10⁹ > int.MaxValue.
        Params.Keras.MaxUnits(CellType.SimpleRnn, 1, long.MaxValue).Should().Be(int.MaxValue);
    }

    [Fact]
    public void KerasMaxUnits_AtTheOverflowEdge_IsExact()
    {
        // 4(u² + (2^31 − 1)u + u) = 4u(u + 2^31) ≤ 2^63 − 1 ⟺ u(u + 2^31) ≤ 2^61 − 1: u = 2^30 − ... found by the solver
        // and checked against the library's checked counts on both sides.
        int units = Params.Keras.MaxUnits(CellType.Lstm, int.MaxValue, long.MaxValue);

        units.Should().BeGreaterThan(0);
        Params.Lstm(units, int.MaxValue).Should().BeLessThanOrEqualTo(long.MaxValue);
        FluentActions.Invoking(() => Params.Lstm(units + 1, int.MaxValue)).Should().Throw<OverflowException>();
    }

    [Fact]
    public void TorchMaxHiddenSize_ReferenceLstm_IsFour()
    {
        // nn.LSTM(5, 4): 4 × (16 + 20 + 8) = 176; nn.LSTM(5, 5): 4 × (25 + 25 + 10) = 240.
        Params.Torch.MaxHiddenSize(CellType.Lstm, inputSize: 5, budget: 176).Should().Be(4);
        Params.Torch.MaxHiddenSize(CellType.Lstm, inputSize: 5, budget: 239).Should().Be(4);
        Params.Torch.MaxHiddenSize(CellType.Lstm, inputSize: 5, budget: 240).Should().Be(5);
    }

    [Fact]
    public void TorchMaxHiddenSize_StackedBidirectionalProjected_MatchesTheCount()
    {
        // README: nn.LSTM(5, 4, num_layers=2, bidirectional=True, proj_size=2) has 576 parameters; with p fixed the count is linear in h.
        Params.Torch.MaxHiddenSize(CellType.Lstm, 5, 576, numLayers: 2, bidirectional: true, projSize: 2).Should().Be(4);
        Params.Torch.MaxHiddenSize(CellType.Lstm, 5, 575, numLayers: 2, bidirectional: true, projSize: 2).Should().Be(3);

        // h must exceed p: the smallest layer has h = p + 1 = 3 (4 × (3·2 + 3·5 + 6) + 2·3 = 114 per direction of layer 0).
        Params.Torch.MaxHiddenSize(CellType.Lstm, 5, 100, projSize: 2).Should().Be(0);
        Params.Torch.MaxHiddenSize(CellType.Lstm, 5, 114, projSize: 2).Should().Be(3);
    }

    [Fact]
    public void TorchMaxHiddenSize_Stacked_UsesDeeperLayerInputs()
    {
        // nn.GRU(5, h, num_layers=3): 3(h² + 5h + 2h) + 2 × 3(h² + h² + 2h) = 15h² + 33h; h = 10 gives 1,830, h = 11 gives 2,178.
        Params.Torch.MaxHiddenSize(CellType.Gru, 5, 2_000, numLayers: 3).Should().Be(10);
        Params.Torch.Gru(5, 10, numLayers: 3).Should().Be(1_830);
        Params.Torch.Gru(5, 11, numLayers: 3).Should().Be(2_178);
    }

    [Fact]
    public void TorchMaxHiddenSize_HugeStackWithProjection_IsZeroWhenOneUnitOverflows()
    {
        // proj_size 2^30 with 2^31 − 1 layers: every layer is larger than 2^62, so nothing fits any long budget.
        Params.Torch.MaxHiddenSize(CellType.Lstm, int.MaxValue, long.MaxValue, numLayers: int.MaxValue, bidirectional: true, projSize: 1 << 30).Should().Be(0);
    }

    [Fact]
    public void MaxUnits_Spec_KeepsEverythingButUnits()
    {
        LayerSpec spec = LayerSpec.Torch.Lstm(inputSize: 5, hiddenSize: 99, numLayers: 2, bidirectional: true, projSize: 2);

        Params.MaxUnits(spec, 576).Should().Be(4);
        Params.MaxUnits(LayerSpec.Keras.Lstm(units: 1, inputSize: 5), 160).Should().Be(4);
    }

    [Fact]
    public void MaxUnits_UserCell_SearchesTheRegisteredFormula()
    {
        // A vector-recurrent cell like the README's IndRNN, under its own name so that the process-wide registry other
        // tests read keeps its built-in list: u·i + 2u = 7u on 5 features; 70 fits 10 units.
        FormulaRegistry.Default.TryRegister(new SolverCellFormula());
        var spec = new LayerSpec(SolverCellFormula.Cell, 1, 5);

        Params.MaxUnits(spec, 70).Should().Be(10);
        Params.MaxUnits(spec, 69).Should().Be(9);
        Params.MaxUnits(spec, 6).Should().Be(0);
        Params.MaxUnits(spec, long.MaxValue).Should().Be(int.MaxValue);
        Params.Keras.MaxUnits(SolverCellFormula.Cell, 5, 70).Should().Be(10);
        Params.Torch.MaxHiddenSize(SolverCellFormula.Cell, 5, 70).Should().Be(10);
    }

    [Fact]
    public void MaxUnits_InvalidArguments_Throw()
    {
        FluentActions.Invoking(() => Params.MaxUnits(null!, 1)).Should().Throw<ArgumentNullException>().WithParameterName("spec");
        FluentActions.Invoking(() => Params.MaxUnits(LayerSpec.Keras.Lstm(4, 5), -1)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("budget").WithMessage("'budget' must be 0 or more; got -1.*");
        FluentActions.Invoking(() => Params.Keras.MaxUnits(null!, 5, 1)).Should().Throw<ArgumentNullException>().WithParameterName("cellType");
        FluentActions.Invoking(() => Params.Keras.MaxUnits(CellType.Lstm, 0, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("inputSize");
        FluentActions.Invoking(() => Params.Keras.MaxUnits(CellType.Lstm, 5, 1000, resetAfter: false)).Should().Throw<ArgumentException>().WithParameterName("resetAfter");
        FluentActions.Invoking(() => Params.Keras.MaxUnits(CellType.CuDnnLstm, 5, 1000, useBias: false)).Should().Throw<ArgumentException>().WithParameterName("useBias");
        FluentActions.Invoking(() => Params.Keras.MaxUnits(new CellType("Unknown"), 5, 1000)).Should().Throw<KeyNotFoundException>();
        FluentActions.Invoking(() => Params.Torch.MaxHiddenSize(CellType.Gru, 5, 1000, projSize: 2)).Should().Throw<ArgumentException>().WithParameterName("projSize");
        FluentActions.Invoking(() => Params.Torch.MaxHiddenSize(CellType.Lstm, 5, 1000, projSize: -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("projSize");
        FluentActions.Invoking(() => Params.Torch.MaxHiddenSize(CellType.Lstm, 5, 1000, projSize: int.MaxValue)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("projSize");
        FluentActions.Invoking(() => Params.Torch.MaxHiddenSize(CellType.Lstm, 5, 1000, numLayers: 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("numLayers");
        FluentActions.Invoking(() => Params.Torch.MaxHiddenSize(CellType.CuDnnLstm, 5, 1000)).Should().Throw<ArgumentException>().WithParameterName("convention");
    }

    [Fact]
    public void MatchUnits_GruAsLargeAsLstm256_Is303And304()
    {
        // Keras LSTM(256) on 128 features: 4(65,536 + 32,768 + 256) = 394,240. GRU (reset_after): 3(u² + 130u):
        // u = 303 gives 393,597 and u = 304 gives 395,808.
        UnitsMatch match = Params.MatchUnits(LayerSpec.Keras.Lstm(units: 256, inputSize: 128), CellType.Gru);

        match.Count.Should().Be(394_240);
        match.Below!.Units.Should().Be(303);
        match.BelowCount.Should().Be(393_597);
        match.Above!.Units.Should().Be(304);
        match.AboveCount.Should().Be(395_808);
        match.IsExact.Should().BeFalse();
        match.Below.CellType.Should().Be(CellType.Gru);
        match.Layer.Units.Should().Be(256);
        match.ToString().Should().Be("LSTM(units=256) on 128 features: 394,240 parameters; GRU: units=303 has 393,597 (below), units=304 has 395,808 (above)");
    }

    [Fact]
    public void MatchUnits_SameCell_IsExact()
    {
        // nn.LSTM(5, 4, num_layers=2): 4 × (16 + 20 + 8) + 4 × (16 + 16 + 8) = 176 + 160 = 336.
        UnitsMatch match = Params.MatchUnits(LayerSpec.Torch.Lstm(5, 4, numLayers: 2), CellType.Lstm);

        match.IsExact.Should().BeTrue();
        match.Below.Should().Be(match.Above);
        match.Below!.Units.Should().Be(4);
        match.ToString().Should().EndWith("LSTM: units=4 has 336 (exact)");
    }

    [Fact]
    public void MatchUnits_TargetSmallestIsLarger_HasOnlyAbove()
    {
        // SimpleRNN(1) on 1 feature: 1 + 1 + 1 = 3; the smallest LSTM on 1 feature has 4 × 3 = 12.
        UnitsMatch match = Params.MatchUnits(LayerSpec.Keras.SimpleRnn(1, 1), CellType.Lstm);

        match.Below.Should().BeNull();
        match.BelowCount.Should().Be(0);
        match.Above!.Units.Should().Be(1);
        match.AboveCount.Should().Be(12);
        match.IsExact.Should().BeFalse();
        match.ToString().Should().EndWith("LSTM: none (below), units=1 has 12 (above)");
    }

    [Fact]
    public void MatchUnits_NothingAbove_WhenTheNextSizeOverflows()
    {
        // SimpleRNN(2^31 − 1) on 2^31 − 1 features: u² + u·i + u = 9,223,372,030,412,324,865, just under 2^63. The GRU
        // (reset_after) of units 982,317,233 has 3(u² + u·i + 2u) = 9,223,372,026,741,598,518; one unit more overflows a long.
        UnitsMatch match = Params.MatchUnits(LayerSpec.Keras.SimpleRnn(int.MaxValue, int.MaxValue), CellType.Gru);

        match.Count.Should().Be(9_223_372_030_412_324_865);
        match.Below!.Units.Should().Be(982_317_233);
        match.BelowCount.Should().Be(9_223_372_026_741_598_518);
        match.Above.Should().BeNull();
        match.AboveCount.Should().Be(0);
        match.ToString().Should().EndWith("(below), none (above)");
    }

    [Fact]
    public void MatchUnits_NothingAbove_WhenBelowIsIntMax()
    {
        // LSTM(1.1·10⁹) on 1 feature: 4(u² + 2u) = 4,840,000,008,800,000,000; every SimpleRNN up to int.MaxValue units is
        // smaller ((2^31 − 1)² + 2(2^31 − 1) = 4,611,686,018,427,387,903).
        UnitsMatch match = Params.MatchUnits(LayerSpec.Keras.Lstm(1_100_000_000, 1), CellType.SimpleRnn);

        match.Below!.Units.Should().Be(int.MaxValue);
        match.BelowCount.Should().Be(4_611_686_018_427_387_903);
        match.Above.Should().BeNull();
    }

    [Fact]
    public void MatchUnits_TorchProjection_KeptForLstmDroppedOtherwise()
    {
        LayerSpec projected = LayerSpec.Torch.Lstm(5, 8, projSize: 3);

        Params.MatchUnits(projected, CellType.Lstm).Below!.ProjSize.Should().Be(3);
        Params.MatchUnits(projected, CellType.Gru).Below!.ProjSize.Should().Be(0);
        Params.MatchUnits(LayerSpec.Keras.Gru(4, 5, resetAfter: false), CellType.Lstm).Below!.ResetAfter.Should().BeTrue();
        Params.MatchUnits(LayerSpec.Keras.Gru(4, 5, resetAfter: false), CellType.Gru).Below!.ResetAfter.Should().BeFalse();
    }

    [Fact]
    public void MatchUnits_NullArguments_Throw()
    {
        FluentActions.Invoking(() => Params.MatchUnits(null!, CellType.Gru)).Should().Throw<ArgumentNullException>().WithParameterName("layer");
        FluentActions.Invoking(() => Params.MatchUnits(LayerSpec.Keras.Lstm(4, 5), null!)).Should().Throw<ArgumentNullException>().WithParameterName("cellType");
    }

    [Fact]
    public void MaxWidth_KerasModel_IsTheLargestFittingWidth()
    {
        // LSTM(w) on 32 features then Dense(10): 4(w² + 33w) + 10w + 10 = 4w² + 142w + 10.
        // w = 140: 78,400 + 19,880 + 10 = 98,290 ≤ 100,000; w = 141: 79,524 + 20,022 + 10 = 99,556; w = 142: 80,656 + 20,164 + 10 = 100,830.
        static ModelSummary Model(int width) => new KerasModelBuilder("m").Input(timeSteps: null, features: 32).Lstm(width).Dense(10).Build();

        int width = Params.MaxWidth(Model, budget: 100_000);

        width.Should().Be(141);
        Model(141).TotalParams.Should().Be(99_556);
        Model(142).TotalParams.Should().Be(100_830);
    }

    [Fact]
    public void MaxWidth_Bounds_AreHonoured()
    {
        static ModelSummary Model(int width) => new TorchModelBuilder("Net").Input(1, 10, 8).Gru(width).Linear(2).Build();

        Params.MaxWidth(Model, long.MaxValue, minWidth: 3, maxWidth: 17).Should().Be(17);
        Params.MaxWidth(Model, 0).Should().Be(0);
        Params.MaxWidth(Model, long.MaxValue, maxWidth: 1).Should().Be(1);
    }

    [Fact]
    public void MaxWidth_OverflowingBuild_CountsAsOverTheBudget()
    {
        // Two LSTMs of width w on int.MaxValue features overflow a long long before int.MaxValue.
        static ModelSummary Model(int width) => new KerasModelBuilder("m").Input(null, int.MaxValue).Lstm(width, returnSequences: true).Lstm(width).Build();

        int width = Params.MaxWidth(Model, long.MaxValue);

        width.Should().BeGreaterThan(0);
        FluentActions.Invoking(() => Model(width + 1)).Should().Throw<OverflowException>();
    }

    [Fact]
    public void MaxWidth_InvalidArguments_Throw()
    {
        static ModelSummary Model(int width) => new KerasModelBuilder("m").Input(null, 4).Dense(width).Build();

        FluentActions.Invoking(() => Params.MaxWidth(null!, 1)).Should().Throw<ArgumentNullException>().WithParameterName("model");
        FluentActions.Invoking(() => Params.MaxWidth(_ => null!, 100)).Should().Throw<ArgumentNullException>().WithParameterName("model");
        FluentActions.Invoking(() => Params.MaxWidth(Model, -5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("budget");
        FluentActions.Invoking(() => Params.MaxWidth(Model, 5, minWidth: 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("minWidth");
        FluentActions.Invoking(() => Params.MaxWidth(Model, 5, minWidth: 4, maxWidth: 3)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("maxWidth").WithMessage("'maxWidth' must be at least minWidth = 4; got 3.*");
        FluentActions.Invoking(() => Params.MaxWidth(_ => throw new InvalidOperationException("boom"), 5)).Should().Throw<InvalidOperationException>();
    }

    private sealed class SolverCellFormula : ParameterFormula
    {
        public static readonly CellType Cell = new("ZzSolverCell");

        public SolverCellFormula()
            : base(Cell)
        {
        }

        protected override IEnumerable<WeightTensor> GetBlockWeights(LayerSpec spec, RecurrentBlock block)
        {
            yield return new WeightTensor("kernel", new TensorShape(block.InputSize, spec.Units));
            yield return new WeightTensor("recurrent_kernel", new TensorShape(spec.Units));
            yield return new WeightTensor("bias", new TensorShape(spec.Units));
        }
    }
}
