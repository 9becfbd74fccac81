using FluentAssertions;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class ReluTests
{
    [Fact]
    public void Relu_PrintsAndPassesThrough()
    {
        new Relu().ToString().Should().Be("ReLU()");
        new Relu(inplace: true).ToString().Should().Be("ReLU(inplace=True)");
        new Relu(inplace: true).Inplace.Should().BeTrue();
        Probe.Shapes(Probe.Run(new Relu(), Probe.Floats(2, 3))).Should().Be("[2, 3]");
    }
}
