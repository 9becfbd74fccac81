using System;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Import.Tests;

public sealed class UnsupportedLayerTests
{
    [Fact]
    public void Constructor_KeepsTheValues()
    {
        var layer = new UnsupportedLayer("c", "Conv2D", "$.config.layers[1]", "no such layer");

        (layer.Name, layer.ClassName, layer.Location, layer.Reason).Should().Be(("c", "Conv2D", "$.config.layers[1]", "no such layer"));
        layer.ToString().Should().Be("'c' (Conv2D) at $.config.layers[1]: no such layer");
    }

    [Theory]
    [InlineData(null, "C", "l", "r", "name")]
    [InlineData("n", "", "l", "r", "className")]
    [InlineData("n", "C", "", "r", "location")]
    [InlineData("n", "C", "l", null, "reason")]
    public void Constructor_NullOrEmpty_Throws(string? name, string? className, string? location, string? reason, string parameter)
    {
        Action create = () => _ = new UnsupportedLayer(name!, className!, location!, reason!);

        create.Should().Throw<ArgumentException>().WithParameterName(parameter);
    }
}
