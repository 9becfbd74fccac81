using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class CustomModuleTests
{
    [Fact]
    public void Constructor_ChildrenAndForward_MakeAModuleOfYourOwn()
    {
        var encoder = new CustomModule(
            "Encoder",
            [("embedding", new Embedding(100, 8)), ("lstm", new Recurrent(CellType.Lstm, 8, 16, batchFirst: true))],
            (self, x) => self.Call("lstm", self.Call("embedding", x)).Item(0));

        encoder.HasForward.Should().BeTrue();
        encoder.ToString().Should().Be("""
            Encoder(
              (embedding): Embedding(100, 8)
              (lstm): LSTM(8, 16, batch_first=True)
            )
            """.ReplaceLineEndings("\n"));
        Probe.Shapes(Probe.Run(encoder, Tensor.Zeros(ElementType.Int64, 2, 5))).Should().Be("[2, 5, 16]");
    }

    [Fact]
    public void Add_ReturnsACopyWithTheChild_AndLeavesTheOriginal()
    {
        var empty = new CustomModule("Head");

        CustomModule head = empty.Add("fc", new Linear(4, 2));

        empty.Children.Should().BeEmpty();
        empty.ToString().Should().Be("Head()");
        head.Children.Select(c => c.Name).Should().Equal("fc");
    }

    [Fact]
    public void AddParameterAndBuffer_AreTheModulesOwn()
    {
        CustomModule pool = new CustomModule("AttentionPool")
            .AddParameter("query", new TensorShape(6))
            .AddBuffer("positions", new TensorShape(5, 6))
            .AddBuffer("step", new TensorShape(), ElementType.Int64)
            .Add("fc", new Linear(6, 2));

        pool.Parameters.Select(p => p.Name).Should().Equal("query");
        pool.Buffers.Select(b => b.Name + " " + b.ElementType).Should().Equal("positions Float32", "step Int64");
        pool.NamedParameters().Select(p => p.Name).Should().Equal("query", "fc.weight", "fc.bias");
        pool.StateDict().Select(p => p.Name).Should().Equal("query", "positions", "step", "fc.weight", "fc.bias");
    }

    [Fact]
    public void WithExtraRepr_PrintsItInTheParentheses()
    {
        new CustomModule("Attention").WithExtraRepr("heads=4").ToString().Should().Be("Attention(heads=4)");
        new CustomModule("Block").WithExtraRepr("a=1\nb=2").Add("fc", new Linear(2, 2)).ToString().Should().Be("""
            Block(
              a=1
              b=2
              (fc): Linear(in_features=2, out_features=2, bias=True)
            )
            """.ReplaceLineEndings("\n"));
        new CustomModule("Two").WithExtraRepr("a=1\nb=2").ToString().Should().Be("Two(\n  a=1\n  b=2\n)");
    }

    [Fact]
    public void WithForward_GivesAModuleWithoutOneItsForward()
    {
        var identity = new CustomModule("Identity");

        CustomModule callable = identity.WithForward((_, x) => x);

        identity.HasForward.Should().BeFalse();
        Probe.Shapes(Probe.Run(callable, Probe.Floats(2))).Should().Be("[2]");
    }

    [Fact]
    public void Forward_Missing_ThrowsWithTheRemedy()
    {
        Action act = () => Probe.Run(new CustomModule("Untraced"), Probe.Floats(2));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (Untraced) has no forward pass; give the CustomModule one, or summarize the model without an input.");
    }

    [Fact]
    public void Forward_ReturningNull_Throws()
    {
        Action act = () => Probe.Run(new CustomModule("Broken", forward: (_, _) => null!), Probe.Floats(2));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (Broken) returned null from its forward; return a tensor or a tuple.");
    }

    [Fact]
    public void Forward_TensorOperationFails_NamesTheModule()
    {
        Action act = () => Probe.Run(new CustomModule("Viewer", forward: (_, x) => x.View(7, -1)), Probe.Floats(2, 3));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (Viewer) view: shape [7, -1] is invalid for input of size 6 [2, 3].");
    }

    [Fact]
    public void Methods_NullArguments_Throw()
    {
        var module = new CustomModule("M");

        FluentActions.Invoking(() => new CustomModule(null!)).Should().Throw<ArgumentNullException>().WithParameterName("className");
        FluentActions.Invoking(() => new CustomModule(string.Empty)).Should().Throw<ArgumentException>().WithParameterName("className");
        FluentActions.Invoking(() => module.WithForward(null!)).Should().Throw<ArgumentNullException>().WithParameterName("forward");
        FluentActions.Invoking(() => module.WithExtraRepr(null!)).Should().Throw<ArgumentNullException>().WithParameterName("extraRepr");
        FluentActions.Invoking(() => module.AddParameter("p", null!)).Should().Throw<ArgumentNullException>().WithParameterName("shape");
        FluentActions.Invoking(() => module.AddBuffer("b", null!)).Should().Throw<ArgumentNullException>().WithParameterName("shape");
        FluentActions.Invoking(() => module.AddBuffer("b", new TensorShape(), (ElementType)99)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("elementType");
        FluentActions.Invoking(() => module.Add("fc", null!)).Should().Throw<ArgumentNullException>().WithParameterName("module");
        FluentActions.Invoking(() => module.AddParameter("p", new TensorShape(1)).Add("p", new Tanh())).Should().Throw<ArgumentException>().WithParameterName("name")
            .WithMessage("'p' is already a child, parameter or buffer of this M; each attribute name is used once.*");
    }
}
