using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class SequentialTests
{
    [Fact]
    public void Constructor_Positional_NamesTheChildrenByIndex()
    {
        var sequential = new Sequential(new Linear(4, 8), new Relu(), new Linear(8, 2));

        sequential.Children.Select(c => c.Name).Should().Equal("0", "1", "2");
        sequential.ToString().Should().Be("""
            Sequential(
              (0): Linear(in_features=4, out_features=8, bias=True)
              (1): ReLU()
              (2): Linear(in_features=8, out_features=2, bias=True)
            )
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Constructor_Named_KeepsTheNames()
    {
        var sequential = new Sequential([("conv", new Conv1d(3, 4, 2)), ("act", new Tanh())]);

        sequential.Children.Select(c => c.Name).Should().Equal("conv", "act");
    }

    [Fact]
    public void Constructor_BadChildren_Throw()
    {
        FluentActions.Invoking(() => new Sequential((TorchModule[])null!)).Should().Throw<ArgumentNullException>().WithParameterName("modules");
        FluentActions.Invoking(() => new Sequential(new Tanh(), null!)).Should().Throw<ArgumentNullException>().WithParameterName("modules");
        FluentActions.Invoking(() => new Sequential([("a", new Tanh()), ("a", new Relu())])).Should().Throw<ArgumentException>().WithParameterName("name");
        FluentActions.Invoking(() => new Sequential([("a.b", new Tanh())])).Should().Throw<ArgumentException>().WithParameterName("name").WithMessage("*must not contain '.'*");
    }

    [Fact]
    public void Forward_Chains_PassingTheWholeOutput()
    {
        Probe.Shapes(Probe.Run(new Sequential(new Linear(4, 8), new Relu(), new Linear(8, 2)), Probe.Floats(3, 4))).Should().Be("[3, 2]");
        Probe.Shapes(Probe.Run(new Sequential(new Recurrent(CellType.Gru, 4, 5)), Probe.Floats(7, 2, 4))).Should().Be("([7, 2, 5], [1, 2, 5])");
        Probe.Shapes(Probe.Run(new Sequential(), Probe.Floats(3))).Should().Be("[3]");
    }

    [Fact]
    public void Forward_TupleIntoLinear_ThrowsNamingTheChild()
    {
        Action act = () => Probe.Run(new Sequential(new Recurrent(CellType.Gru, 4, 5), new Linear(5, 2)), Probe.Floats(7, 2, 4));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm.1' (Linear) expects in_features = 5 in the last dimension but receives a tuple of 2*");
    }

    [Fact]
    public void Forward_TwoInputs_Throws()
    {
        Action act = () => Probe.Run(new Sequential(new Tanh()), Probe.Floats(3), Probe.Floats(3));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (Sequential) takes one input, as Sequential.forward(input), but receives 2.");
    }
}
