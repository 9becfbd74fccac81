using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests.Formulas;

public sealed class CustomCellTests
{
    private static FormulaRegistry RegistryWithIndRnn()
    {
        FormulaRegistry registry = FormulaRegistry.CreateDefault();
        registry.Register(new IndRnnFormula());
        return registry;
    }

    [Fact]
    public void IndRnn_Keras_CountsUiPlusTwoU()
    {
        FormulaRegistry registry = RegistryWithIndRnn();
        var spec = new LayerSpec(IndRnnFormula.IndRnn, units: 4, inputSize: 5);

        // 4·5 + 4 + 4 = 28.
        registry.CountParameters(spec).Should().Be(28);
        registry.GetWeights(spec).Select(w => $"{w.Path} {w.Shape}").Should().Equal(
            "ind_rnn_cell/kernel (5, 4)", "ind_rnn_cell/recurrent_kernel (4,)", "ind_rnn_cell/bias (4,)");
        registry.Explain(spec).ToString().Should().Be("IndRNN(units=4) on 5 features: 5·4 + 4 + 4 = 28");
    }

    [Fact]
    public void IndRnn_GetsStackingAndDirectionsFromTheBase()
    {
        FormulaRegistry registry = RegistryWithIndRnn();
        var spec = new LayerSpec(IndRnnFormula.IndRnn, units: 4, inputSize: 5)
        {
            Convention = Convention.Torch,
            NumLayers = 2,
            Bidirectional = true,
        };

        // Layer 0: 5·4 + 4 + 4 = 28 per direction; layer 1 takes 2·4 = 8 inputs: 8·4 + 4 + 4 = 40.
        registry.CountParameters(spec).Should().Be((2 * 28) + (2 * 40));
        registry.GetWeights(spec).Select(w => w.Name).Should().StartWith(["kernel_l0", "recurrent_kernel_l0", "bias_l0", "kernel_l0_reverse"]);
        registry.Explain(spec).Terms.Select(t => t.Label).Should().Equal("layer 0, forward", "layer 0, reverse", "layer 1, forward", "layer 1, reverse");
    }

    [Fact]
    public void IndRnn_Bidirectional_KerasPathsNameTheWrappedLayers()
    {
        FormulaRegistry registry = RegistryWithIndRnn();
        var spec = new LayerSpec(IndRnnFormula.IndRnn, 4, 5) { Bidirectional = true, UseBias = false };

        registry.GetWeights(spec).Select(w => w.Path).Should().Equal(
            "forward_ind_rnn/ind_rnn_cell/kernel", "forward_ind_rnn/ind_rnn_cell/recurrent_kernel",
            "backward_ind_rnn/ind_rnn_cell/kernel", "backward_ind_rnn/ind_rnn_cell/recurrent_kernel");
        registry.Explain(spec).Subject.Should().Be("Bidirectional(IndRNN(units=4, use_bias=False)) on 5 features");
    }

    [Fact]
    public void IndRnn_UnsupportedOptions_AreRejectedByTheBase()
    {
        FormulaRegistry registry = RegistryWithIndRnn();
        var spec = new LayerSpec(IndRnnFormula.IndRnn, 4, 5) { Convention = Convention.Torch, ProjSize = 2 };

        FluentActions.Invoking(() => registry.CountParameters(spec)).Should().Throw<ArgumentException>()
            .WithMessage("'projSize' is only supported for LSTM, not IndRNN*");
    }

    [Fact]
    public void Formula_GivenAnotherCellType_Throws()
    {
        FluentActions.Invoking(() => new IndRnnFormula().CountParameters(LayerSpec.Keras.Lstm(4, 5))).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "spec" && e.Message.Contains("'IndRNN'", StringComparison.Ordinal));
        FluentActions.Invoking(() => BuiltInFormulas.Lstm.CountParameters(null!)).Should().Throw<ArgumentNullException>();
    }
}
