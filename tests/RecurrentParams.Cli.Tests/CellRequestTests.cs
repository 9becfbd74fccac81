using System;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

public sealed class CellRequestTests
{
    [Theory]
    [InlineData("units", "--units: ")]
    [InlineData("hiddenSize", "--units: ")]
    [InlineData("inputSize", "--input: ")]
    [InlineData("numLayers", "--layers: ")]
    [InlineData("bidirectional", "--bidirectional: ")]
    [InlineData("projSize", "--proj-size: ")]
    [InlineData("useBias", "--no-bias: ")]
    [InlineData("bias", "--no-bias: ")]
    [InlineData("resetAfter", "--reset-after: ")]
    [InlineData("convention", "--torch: ")]
    [InlineData("isCell", "")]
    public void OptionMessage_NamesTheOptionAndDropsTheParameterSuffix(string parameter, string prefix)
    {
        CellRequest.OptionMessage(new ArgumentException("'x' is wrong.", parameter)).Should().Be(prefix + "'x' is wrong.");
    }

    [Fact]
    public void OptionMessage_OutOfRange_DropsTheActualValueLine()
    {
        CellRequest.OptionMessage(new ArgumentOutOfRangeException("units", 0, "'units' must be at least 1; got 0.")).Should().Be("--units: 'units' must be at least 1; got 0.");
    }

    [Fact]
    public void OptionMessage_WithoutParameter_IsTheMessage()
    {
        CellRequest.OptionMessage(new ArgumentException("Plain.")).Should().Be("Plain.");
    }

    [Fact]
    public void Count_KerasStack_ReusesTheDeeperLayersSpec()
    {
        var request = new CellRequest(CellKind.Find("gru"), 3, 2, 4, false, 0, true, false);

        CountResult result = request.Count(Convention.Keras);

        result.Layers.Should().HaveCount(4);
        result.Layers[1].Spec.Should().BeSameAs(result.Layers[3].Spec);
        result.Layers[3].Name.Should().Be("gru_3");
        result.Layers[3].PathPrefix.Should().Be("gru_3/");
        result.Total.Should().Be(Params.Gru(3, 2, resetAfter: false) + (3 * Params.Gru(3, 3, resetAfter: false)));
    }
}
