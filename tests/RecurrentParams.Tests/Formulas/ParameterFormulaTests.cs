using System;
using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests.Formulas;

/// <summary>
/// The base class's own behaviour (validation, description, labels, naming, counting), seen through user formulas:
/// <see cref="IndRnnFormula"/> with every default, and <see cref="ProbeFormula"/>, which opts into projection and
/// reset_after and can misbehave on request.
/// </summary>
public sealed class ParameterFormulaTests
{
    private static readonly IndRnnFormula IndRnn = new();

    [Fact]
    public void Constructor_NullCellType_ThrowsArgumentNull()
    {
        Action act = () => _ = new ProbeFormula(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("cellType");
    }

    [Theory]
    [InlineData(false, 5, "IndRNN(units=4) on 5 features")]
    [InlineData(true, 5, "IndRNNCell(units=4) on 5 features")]
    [InlineData(false, 1, "IndRNN(units=4) on 1 feature")]
    public void Explain_Keras_DescribesTheLayerAsKerasWouldWriteIt(bool isCell, int inputSize, string expected)
    {
        var spec = new LayerSpec(IndRnnFormula.IndRnn, 4, inputSize) { IsCell = isCell };

        string subject = IndRnn.Explain(spec).Subject;

        subject.Should().Be(expected);
    }

    [Fact]
    public void Explain_KerasWithResetAfterOption_ShowsItEitherWay()
    {
        var probe = new ProbeFormula(ProbeFormula.Probe) { ResetAfterOption = true };

        probe.Explain(new LayerSpec(ProbeFormula.Probe, 4, 5)).Subject.Should().Be("Probe(units=4, reset_after=True) on 5 features");
        probe.Explain(new LayerSpec(ProbeFormula.Probe, 4, 5) { ResetAfter = false }).Subject.Should().Be("Probe(units=4, reset_after=False) on 5 features");
    }

    [Theory]
    [InlineData(1, true, false, false, "IndRNN(input_size=5, hidden_size=4)")]
    [InlineData(2, true, false, false, "IndRNN(input_size=5, hidden_size=4, num_layers=2)")]
    [InlineData(1, false, false, false, "IndRNN(input_size=5, hidden_size=4, bias=False)")]
    [InlineData(1, true, true, false, "IndRNN(input_size=5, hidden_size=4, bidirectional=True)")]
    [InlineData(1, true, false, true, "IndRNNCell(input_size=5, hidden_size=4)")]
    public void Explain_PyTorch_DescribesTheModuleAsPyTorchWouldWriteIt(int numLayers, bool bias, bool bidirectional, bool isCell, string expected)
    {
        var spec = new LayerSpec(IndRnnFormula.IndRnn, 4, 5)
        {
            Convention = Convention.Torch,
            NumLayers = numLayers,
            UseBias = bias,
            Bidirectional = bidirectional,
            IsCell = isCell,
        };

        string subject = IndRnn.Explain(spec).Subject;

        subject.Should().Be(expected);
    }

    [Fact]
    public void Explain_PyTorchWithProjection_UsesTheModuleNameAndProjSize()
    {
        var probe = new ProbeFormula(ProbeFormula.Probe) { ProjectionOption = true, ModuleName = "ProbeModule" };
        var spec = new LayerSpec(ProbeFormula.Probe, 4, 5) { Convention = Convention.Torch, ProjSize = 2 };

        probe.Explain(spec).Subject.Should().Be("ProbeModule(input_size=5, hidden_size=4, proj_size=2)");
    }

    [Fact]
    public void Explain_OneBlock_HasAnUnlabelledTermOfItsShapes()
    {
        // IndRNN(4) on 5: kernel 5·4, recurrent 4, bias 4 = 28.
        Derivation derivation = IndRnn.Explain(new LayerSpec(IndRnnFormula.IndRnn, 4, 5));

        derivation.Terms.Should().ContainSingle().Which.Label.Should().BeEmpty();
        derivation.Terms[0].Steps.Should().Equal("5·4 + 4 + 4");
        derivation.Terms[0].Value.Should().Be(28);
    }

    [Fact]
    public void Explain_KerasBidirectional_LabelsTheDirectionsAfterTheLayer()
    {
        Derivation derivation = IndRnn.Explain(new LayerSpec(IndRnnFormula.IndRnn, 4, 5) { Bidirectional = true });

        derivation.Terms.Select(t => t.Label).Should().Equal("forward_ind_rnn", "backward_ind_rnn");
        derivation.Total.Should().Be(56);
    }

    [Fact]
    public void Explain_PyTorchOneLayerBidirectional_LabelsDirectionsOnly()
    {
        Derivation derivation = IndRnn.Explain(new LayerSpec(IndRnnFormula.IndRnn, 4, 5) { Convention = Convention.Torch, Bidirectional = true });

        derivation.Terms.Select(t => t.Label).Should().Equal("forward", "reverse");
    }

    [Fact]
    public void Explain_PyTorchStackedOneDirection_LabelsLayersOnly()
    {
        Derivation derivation = IndRnn.Explain(new LayerSpec(IndRnnFormula.IndRnn, 4, 5) { Convention = Convention.Torch, NumLayers = 3 });

        derivation.Terms.Select(t => t.Label).Should().Equal("layer 0", "layer 1", "layer 2");
    }

    [Fact]
    public void GetWeights_Cells_KeepPlainNamesInBothConventions()
    {
        var keras = new LayerSpec(IndRnnFormula.IndRnn, 4, 5) { IsCell = true };
        var torch = keras with { Convention = Convention.Torch };

        IndRnn.GetWeights(keras).Select(w => $"{w.Name} {w.Path}").Should().Equal("kernel kernel", "recurrent_kernel recurrent_kernel", "bias bias");
        IndRnn.GetWeights(torch).Select(w => $"{w.Name} {w.Path}").Should().Equal("kernel kernel", "recurrent_kernel recurrent_kernel", "bias bias");
    }

    [Fact]
    public void GetWeights_PyTorchStackedBidirectional_SuffixesLayerAndDirection()
    {
        var spec = new LayerSpec(IndRnnFormula.IndRnn, 4, 5) { Convention = Convention.Torch, NumLayers = 2, Bidirectional = true, UseBias = false };

        IReadOnlyList<WeightTensor> weights = IndRnn.GetWeights(spec);

        weights.Select(w => w.Path).Should().Equal(
            "kernel_l0", "recurrent_kernel_l0", "kernel_l0_reverse", "recurrent_kernel_l0_reverse",
            "kernel_l1", "recurrent_kernel_l1", "kernel_l1_reverse", "recurrent_kernel_l1_reverse");
        // Layer 1 takes both directions' outputs: 2·4 = 8 inputs.
        weights[4].Shape.Should().Be(new TensorShape(8, 4));
        weights[0].Shape.Should().Be(new TensorShape(5, 4));
    }

    [Fact]
    public void GetWeights_AFormulaYieldingNull_ThrowsArgumentNull()
    {
        var probe = new ProbeFormula(ProbeFormula.Probe) { YieldNull = true };

        Action act = () => probe.GetWeights(new LayerSpec(ProbeFormula.Probe, 4, 5));

        act.Should().Throw<ArgumentNullException>().WithParameterName("weight");
    }

    [Fact]
    public void CountParameters_IsTheSumOfTheWeights()
    {
        var spec = new LayerSpec(IndRnnFormula.IndRnn, 4, 5) { Convention = Convention.Torch, NumLayers = 2 };

        // Layer 0: 5·4 + 4 + 4 = 28; layer 1 on 4 inputs: 4·4 + 4 + 4 = 24.
        IndRnn.CountParameters(spec).Should().Be(52);
    }

    [Fact]
    public void CountParameters_PastLongMaxValue_ThrowsOverflow()
    {
        // Layer 1 of a bidirectional stack of int.MaxValue units takes 2·(2^31 − 1) inputs: its kernel alone holds
        // 2·(2^31 − 1)² ≈ 2^63 − 2^33 elements, which fits; the four blocks together do not.
        var spec = new LayerSpec(IndRnnFormula.IndRnn, int.MaxValue, int.MaxValue) { Convention = Convention.Torch, NumLayers = 2, Bidirectional = true };

        FluentActions.Invoking(() => IndRnn.CountParameters(spec)).Should().Throw<OverflowException>();
        FluentActions.Invoking(() => IndRnn.Explain(spec)).Should().Throw<OverflowException>();
        IndRnn.GetWeights(spec).Should().HaveCount(12);
    }

    [Fact]
    public void Validate_NullSpec_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => IndRnn.CountParameters(null!)).Should().Throw<ArgumentNullException>().WithParameterName("spec");
        FluentActions.Invoking(() => IndRnn.GetWeights(null!)).Should().Throw<ArgumentNullException>().WithParameterName("spec");
        FluentActions.Invoking(() => IndRnn.Explain(null!)).Should().Throw<ArgumentNullException>().WithParameterName("spec");
    }

    [Fact]
    public void Validate_AnotherCellType_ThrowsWithTheRemedy()
    {
        Action act = () => IndRnn.GetWeights(LayerSpec.Keras.Gru(4, 5));

        act.Should().Throw<ArgumentException>().WithParameterName("spec").WithMessage(
            "This formula counts 'IndRNN' cells but the spec's cell type is 'GRU'; look the formula up with FormulaRegistry.Get(spec.CellType).*");
    }

    [Fact]
    public void Validate_KerasStack_ThrowsWithTheRemedy()
    {
        Action act = () => IndRnn.Explain(new LayerSpec(IndRnnFormula.IndRnn, 4, 5) { NumLayers = 2 });

        act.Should().Throw<ArgumentException>().WithParameterName("numLayers").WithMessage(
            "'numLayers' must be 1 in the Keras convention (got 2); a Keras layer has one layer of cells: stack layers, or use Convention.Torch.*");
    }

    [Fact]
    public void Validate_BidirectionalCell_ThrowsNamingBidirectional()
    {
        var spec = new LayerSpec(IndRnnFormula.IndRnn, 4, 5) { IsCell = true, Bidirectional = true };

        Action act = () => IndRnn.CountParameters(spec);

        act.Should().Throw<ArgumentException>().WithParameterName("bidirectional").WithMessage(
            "A single-step cell has one layer and one direction (got numLayers 1, bidirectional True); use a layer spec instead.*");
    }

    [Fact]
    public void Validate_StackedPyTorchCell_ThrowsNamingNumLayers()
    {
        var spec = new LayerSpec(IndRnnFormula.IndRnn, 4, 5) { Convention = Convention.Torch, IsCell = true, NumLayers = 2 };

        Action act = () => IndRnn.CountParameters(spec);

        act.Should().Throw<ArgumentException>().WithParameterName("numLayers").WithMessage("A single-step cell has one layer*(got numLayers 2, bidirectional False)*");
    }

    [Fact]
    public void Validate_ProjectionOutsidePyTorchLayers_Throws()
    {
        var probe = new ProbeFormula(ProbeFormula.Probe) { ProjectionOption = true };
        var keras = new LayerSpec(ProbeFormula.Probe, 4, 5) { ProjSize = 2 };
        var cell = new LayerSpec(ProbeFormula.Probe, 4, 5) { Convention = Convention.Torch, IsCell = true, ProjSize = 2 };

        FluentActions.Invoking(() => probe.CountParameters(keras)).Should().Throw<ArgumentException>().WithParameterName("projSize").WithMessage(
            "'projSize' is a PyTorch nn.LSTM option; Keras layers and single-step cells have no projection (got 2); set it to 0.*");
        FluentActions.Invoking(() => probe.CountParameters(cell)).Should().Throw<ArgumentException>().WithParameterName("projSize");
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(5, false)]
    public void Validate_ProjectionMustBeBelowUnits(int value, bool accepted)
    {
        var probe = new ProbeFormula(ProbeFormula.Probe) { ProjectionOption = true };
        var spec = new LayerSpec(ProbeFormula.Probe, 4, 5) { Convention = Convention.Torch, ProjSize = value };

        Action act = () => probe.CountParameters(spec);

        if (accepted)
        {
            act.Should().NotThrow();
        }
        else
        {
            act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("projSize")
                .WithMessage("'projSize' must be 0 (no projection) or between 1 and hiddenSize - 1 = 3; got " + value + ".*");
        }
    }

    [Fact]
    public void Validate_ResetAfterFalse_OnlyForAKerasCellWithTheOption()
    {
        var withOption = new ProbeFormula(ProbeFormula.Probe) { ResetAfterOption = true };
        var keras = new LayerSpec(ProbeFormula.Probe, 4, 5) { ResetAfter = false };
        var torch = keras with { Convention = Convention.Torch };

        FluentActions.Invoking(() => withOption.CountParameters(keras)).Should().NotThrow();
        FluentActions.Invoking(() => withOption.CountParameters(torch)).Should().Throw<ArgumentException>().WithParameterName("resetAfter").WithMessage(
            "'resetAfter' = false is only a Keras GRU option, not for Probe in the PyTorch convention; leave it true (PyTorch's GRU always resets after).*");
        FluentActions.Invoking(() => new ProbeFormula(ProbeFormula.Probe).CountParameters(keras)).Should().Throw<ArgumentException>()
            .WithParameterName("resetAfter").WithMessage("*not for Probe in the Keras convention*");
    }

    [Fact]
    public void ProtectedHelpers_NullSpec_ThrowArgumentNull()
    {
        var probe = new ProbeFormula(ProbeFormula.Probe);

        FluentActions.Invoking(() => probe.DescribeForTest(null!)).Should().Throw<ArgumentNullException>().WithParameterName("spec");
        FluentActions.Invoking(() => probe.OutputSizeForTest(null!)).Should().Throw<ArgumentNullException>().WithParameterName("spec");
        probe.OutputSizeForTest(new LayerSpec(ProbeFormula.Probe, 4, 5)).Should().Be(4);
    }

    /// <summary>A minimal cell, u·i + u per block, whose optional capabilities the tests switch on.</summary>
    private sealed class ProbeFormula : ParameterFormula
    {
        public static readonly CellType Probe = new("Probe");

        public ProbeFormula(CellType cellType)
            : base(cellType)
        {
        }

        public bool ProjectionOption { get; init; }

        public bool ResetAfterOption { get; init; }

        public bool YieldNull { get; init; }

        public string? ModuleName { get; init; }

        protected override bool SupportsProjection => ProjectionOption;

        public string DescribeForTest(LayerSpec spec) => Describe(spec);

        public long OutputSizeForTest(LayerSpec spec) => OutputSize(spec);

        protected override bool SupportsResetAfter => ResetAfterOption;

        protected override string TorchModuleName => ModuleName ?? base.TorchModuleName;

        protected override IEnumerable<WeightTensor> GetBlockWeights(LayerSpec spec, RecurrentBlock block)
        {
            yield return new WeightTensor("kernel", new TensorShape(block.InputSize, spec.Units));
            if (YieldNull)
            {
                yield return null!;
            }
        }
    }
}
