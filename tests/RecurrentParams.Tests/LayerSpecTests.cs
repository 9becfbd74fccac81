using System;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests;

public sealed class LayerSpecTests
{
    [Fact]
    public void Factories_KerasDefaults_MatchKeras3()
    {
        LayerSpec spec = LayerSpec.Keras.Gru(4, 5);

        spec.CellType.Should().Be(CellType.Gru);
        spec.Convention.Should().Be(Convention.Keras);
        spec.Units.Should().Be(4);
        spec.InputSize.Should().Be(5);
        spec.UseBias.Should().BeTrue();
        spec.ResetAfter.Should().BeTrue("Keras 3 and TF2 default to reset_after=True");
        spec.NumLayers.Should().Be(1);
        spec.Bidirectional.Should().BeFalse();
        spec.Directions.Should().Be(1);
        spec.ProjSize.Should().Be(0);
        spec.IsCell.Should().BeFalse();
    }

    [Fact]
    public void TorchFactories_SetPyTorchConventionAndOptions()
    {
        LayerSpec spec = LayerSpec.Torch.Lstm(inputSize: 5, hiddenSize: 4, numLayers: 2, bias: false, bidirectional: true, projSize: 2);

        spec.Should().Be(new LayerSpec(CellType.Lstm, units: 4, inputSize: 5)
        {
            Convention = Convention.Torch,
            NumLayers = 2,
            UseBias = false,
            Bidirectional = true,
            ProjSize = 2,
        });
        spec.Directions.Should().Be(2);
        LayerSpec.Torch.GruCell(5, 4).IsCell.Should().BeTrue();
        LayerSpec.Torch.RnnCell(5, 4).CellType.Should().Be(CellType.SimpleRnn);
        LayerSpec.Torch.LstmCell(5, 4, bias: false).UseBias.Should().BeFalse();
    }

    [Fact]
    public void Equality_IsByValue()
    {
        LayerSpec a = LayerSpec.Keras.Lstm(4, 5);
        LayerSpec b = new(new CellType("LSTM"), 4, 5);

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a == b).Should().BeTrue();
        a.Should().NotBe(a with { Bidirectional = true });
        a.Should().NotBe(LayerSpec.Keras.Lstm(5, 4));
    }

    [Fact]
    public void With_ValidatesEachProperty()
    {
        LayerSpec spec = LayerSpec.Keras.Lstm(4, 5);

        FluentActions.Invoking(() => spec with { Units = 0 }).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "units");
        FluentActions.Invoking(() => spec with { InputSize = -3 }).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "inputSize");
        FluentActions.Invoking(() => spec with { NumLayers = 0 }).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "numLayers");
        FluentActions.Invoking(() => spec with { ProjSize = -1 }).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "projSize");
        FluentActions.Invoking(() => spec with { CellType = null! }).Should().Throw<ArgumentNullException>().Where(e => e.ParamName == "cellType");
        FluentActions.Invoking(() => spec with { Convention = (Convention)7 }).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "convention");
    }

    [Fact]
    public void Constructor_ValidatesSizes()
    {
        FluentActions.Invoking(() => new LayerSpec(CellType.Lstm, 0, 5)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("'units' must be at least 1; got 0.*");
        FluentActions.Invoking(() => new LayerSpec(null!, 4, 5)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void TorchFactories_ValidateInPyTorchArgumentNames()
    {
        FluentActions.Invoking(() => LayerSpec.Torch.Gru(0, 4)).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "inputSize");
        FluentActions.Invoking(() => LayerSpec.Torch.Rnn(5, 0)).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "hiddenSize");
        FluentActions.Invoking(() => LayerSpec.Torch.Lstm(5, 4, projSize: 5)).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "projSize");
    }

    [Fact]
    public void ProjSize_OnNonLstm_IsRejectedWhenCounted()
    {
        LayerSpec gru = LayerSpec.Torch.Gru(5, 4) with { ProjSize = 2 };

        FluentActions.Invoking(() => Params.Count(gru)).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "projSize")
            .WithMessage("'projSize' is only supported for LSTM, not GRU (got 2); set it to 0.*");
    }

    [Fact]
    public void ProjSize_InKerasConvention_IsRejected()
    {
        LayerSpec keras = LayerSpec.Keras.Lstm(4, 5) with { ProjSize = 2 };
        LayerSpec cell = LayerSpec.Torch.LstmCell(5, 4) with { ProjSize = 2 };

        FluentActions.Invoking(() => Params.Count(keras)).Should().Throw<ArgumentException>().Where(e => e.ParamName == "projSize");
        FluentActions.Invoking(() => Params.Count(cell)).Should().Throw<ArgumentException>().Where(e => e.ParamName == "projSize");
    }

    [Fact]
    public void ProjSize_NotBelowHiddenSize_IsRejectedWhenCounted()
    {
        LayerSpec spec = LayerSpec.Torch.Lstm(5, 4) with { ProjSize = 4 };

        FluentActions.Invoking(() => Params.Count(spec)).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "projSize");
    }

    [Fact]
    public void NumLayers_InKerasConvention_IsRejected()
    {
        LayerSpec spec = LayerSpec.Keras.Lstm(4, 5) with { NumLayers = 2 };

        FluentActions.Invoking(() => Params.Weights(spec)).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "numLayers" && e.Message.Contains("Convention.Torch", StringComparison.Ordinal));
    }

    [Fact]
    public void Cell_StackedOrBidirectional_IsRejected()
    {
        LayerSpec stacked = LayerSpec.Torch.LstmCell(5, 4) with { NumLayers = 2 };
        LayerSpec bidirectional = LayerSpec.Torch.LstmCell(5, 4) with { Bidirectional = true };

        FluentActions.Invoking(() => Params.Count(stacked)).Should().Throw<ArgumentException>().Where(e => e.ParamName == "numLayers");
        FluentActions.Invoking(() => Params.Explain(bidirectional)).Should().Throw<ArgumentException>().Where(e => e.ParamName == "bidirectional");
    }

    [Fact]
    public void ResetAfterFalse_OutsideKerasGru_IsRejected()
    {
        LayerSpec torchGru = LayerSpec.Torch.Gru(5, 4) with { ResetAfter = false };
        LayerSpec kerasLstm = LayerSpec.Keras.Lstm(4, 5) with { ResetAfter = false };

        FluentActions.Invoking(() => Params.Count(torchGru)).Should().Throw<ArgumentException>().Where(e => e.ParamName == "resetAfter");
        FluentActions.Invoking(() => Params.Count(kerasLstm)).Should().Throw<ArgumentException>().Where(e => e.ParamName == "resetAfter");
    }

    [Fact]
    public void UnregisteredCell_ThrowsKeyNotFoundListingTheRegisteredOnes()
    {
        LayerSpec spec = new(new CellType("NoSuchCell"), 4, 5);

        FluentActions.Invoking(() => Params.Count(spec)).Should().Throw<System.Collections.Generic.KeyNotFoundException>()
            .WithMessage("No formula is registered for cell type 'NoSuchCell'*GRU, LSTM, SimpleRNN*FormulaRegistry.Register*");
    }

    [Fact]
    public void KerasCell_CountsLikeTheLayerWithPlainNames()
    {
        LayerSpec cell = LayerSpec.Keras.Lstm(4, 5) with { IsCell = true };

        Params.Count(cell).Should().Be(160);
        Params.Weights(cell).Should().OnlyContain(w => w.Path == w.Name);
        Params.Explain(cell).Subject.Should().Be("LSTMCell(units=4) on 5 features");
    }

    [Fact]
    public void Weights_SumToCount_ForEveryBuiltInShapeOfSpec()
    {
        LayerSpec[] specs =
        [
            LayerSpec.Keras.SimpleRnn(3, 7), LayerSpec.Keras.Lstm(3, 7, useBias: false), LayerSpec.Keras.Gru(3, 7), LayerSpec.Keras.Gru(3, 7, resetAfter: false),
            LayerSpec.Keras.Gru(3, 7) with { Bidirectional = true }, LayerSpec.Torch.Rnn(7, 3, 3, bidirectional: true),
            LayerSpec.Torch.Lstm(7, 3, 2, bias: false, projSize: 1), LayerSpec.Torch.GruCell(7, 3),
        ];

        foreach (LayerSpec spec in specs)
        {
            long sum = 0;
            foreach (WeightTensor weight in Params.Weights(spec))
            {
                sum += weight.Count;
            }

            sum.Should().Be(Params.Count(spec), "{0}", spec);
        }
    }
}
