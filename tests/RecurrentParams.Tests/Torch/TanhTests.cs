using FluentAssertions;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class TanhTests
{
    [Fact]
    public void Tanh_PrintsAndPassesThrough()
    {
        new Tanh().ToString().Should().Be("Tanh()");
        new Tanh().Parameters.Should().BeEmpty();
        Probe.Shapes(Probe.Run(new Tanh(), Probe.Floats(2, 3))).Should().Be("[2, 3]");
    }
}
