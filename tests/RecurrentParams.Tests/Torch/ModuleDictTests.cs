using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class ModuleDictTests
{
    [Fact]
    public void Constructor_Entries_KeepTheirOrder()
    {
        var dict = new ModuleDict([("intent", new Linear(4, 3)), ("slots", new Linear(4, 9))]);

        dict.Children.Select(c => c.Name).Should().Equal("intent", "slots");
        dict.ToString().Should().Be("""
            ModuleDict(
              (intent): Linear(in_features=4, out_features=3, bias=True)
              (slots): Linear(in_features=4, out_features=9, bias=True)
            )
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Constructor_Null_Throws()
    {
        FluentActions.Invoking(() => new ModuleDict(null!)).Should().Throw<ArgumentNullException>().WithParameterName("modules");
        FluentActions.Invoking(() => new ModuleDict([("a", null!)])).Should().Throw<ArgumentNullException>().WithParameterName("module");
        FluentActions.Invoking(() => new ModuleDict([(null!, new Tanh())])).Should().Throw<ArgumentNullException>().WithParameterName("name");
        FluentActions.Invoking(() => new ModuleDict([(string.Empty, new Tanh())])).Should().Throw<ArgumentException>().WithParameterName("name");
    }

    [Fact]
    public void Forward_Called_ThrowsWithTheEntries()
    {
        Action act = () => Probe.Run(new ModuleDict([("a", new Tanh())]), Probe.Floats(3));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (ModuleDict) is not callable*call its entries by name*");
    }
}
