using System;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests;

/// <summary>
/// Which argument <see cref="LayerSpec"/>'s factories blame first, and the messages of its property checks; extends
/// <c>LayerSpecTests</c>, which this change does not edit.
/// </summary>
public sealed class LayerSpecGuardTests
{
    [Fact]
    public void TorchFactories_BothSizesBad_BlameInputSizeFirst_AsPyTorchOrdersThem()
    {
        // The constructor would check units (hidden_size) first; the PyTorch factories check input_size first.
        Action act = () => LayerSpec.Torch.Rnn(0, 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("inputSize").WithMessage("'inputSize' must be at least 1; got 0.*");
    }

    [Fact]
    public void TorchLstm_NoProjectionAndBadHiddenSize_BlamesHiddenSize()
    {
        Action act = () => LayerSpec.Torch.Lstm(5, 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("hiddenSize").WithMessage("'hiddenSize' must be at least 1; got 0.*");
    }

    [Fact]
    public void TorchLstm_ProjectionBelowHiddenSize_IsKept()
    {
        LayerSpec spec = LayerSpec.Torch.Lstm(5, 4, projSize: 3);

        spec.ProjSize.Should().Be(3);
        spec.Convention.Should().Be(Convention.Torch);
    }

    [Fact]
    public void Convention_Undefined_ThrowsNamingTheRule()
    {
        Action act = () => _ = LayerSpec.Keras.Lstm(4, 5) with { Convention = (Convention)7 };

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("convention")
            .WithMessage("'convention' must be Convention.Keras or Convention.Torch; got 7.*");
    }

    [Fact]
    public void ProjSize_Negative_ThrowsWithTheValue()
    {
        Action act = () => _ = LayerSpec.Torch.Lstm(5, 4) with { ProjSize = -1 };

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("projSize").WithMessage("'projSize' must be 0 or more; got -1.*");
    }
}
