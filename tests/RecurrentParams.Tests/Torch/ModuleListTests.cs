using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class ModuleListTests
{
    [Fact]
    public void Constructor_Modules_AreNamedByIndex()
    {
        var list = new ModuleList(Enumerable.Range(0, 3).Select(_ => (TorchModule)new Linear(2, 2)));

        list.Children.Select(c => c.Name).Should().Equal("0", "1", "2");
        list.NamedParameters().Select(p => p.Name).Should().Equal("0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias");
        new ModuleList(new Tanh()).ToString().Should().Be("ModuleList(\n  (0): Tanh()\n)");
        new ModuleList().ToString().Should().Be("ModuleList()");
    }

    [Fact]
    public void Constructor_Null_Throws()
    {
        FluentActions.Invoking(() => new ModuleList((TorchModule[])null!)).Should().Throw<ArgumentNullException>().WithParameterName("modules");
        FluentActions.Invoking(() => new ModuleList(new TorchModule[] { null! }.AsEnumerable())).Should().Throw<ArgumentNullException>().WithParameterName("modules");
    }

    [Fact]
    public void Forward_Called_ThrowsWithTheLoop()
    {
        Action act = () => Probe.Run(new ModuleList(new Tanh()), Probe.Floats(3));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (ModuleList) is not callable*loop over ChildNames(\"layers\").");
    }
}
