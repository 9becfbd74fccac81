using FluentAssertions;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class FlattenTests
{
    [Fact]
    public void Flatten_Defaults_KeepTheBatch()
    {
        var flatten = new Flatten();

        (flatten.StartDim, flatten.EndDim).Should().Be((1, -1));
        flatten.ToString().Should().Be("Flatten(start_dim=1, end_dim=-1)");
        Probe.Shapes(Probe.Run(flatten, Probe.Floats(3, 5, 4))).Should().Be("[3, 20]");
        Probe.Shapes(Probe.Run(new Flatten(0, 1), Probe.Floats(3, 5, 4))).Should().Be("[15, 4]");
    }
}
