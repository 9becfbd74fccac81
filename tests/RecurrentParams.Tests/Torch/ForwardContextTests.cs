using System;
using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class ForwardContextTests
{
    [Fact]
    public void Members_DescribeTheCall()
    {
        var seen = new List<string>();
        var layers = new ModuleList(new Linear(3, 3), new Linear(3, 3));
        var model = new CustomModule("Loop", [("layers", layers)], (self, x) =>
        {
            seen.Add(self.Path.Length == 0 ? "(model)" : self.Path);
            seen.Add(self.Module.ClassName);
            seen.Add(string.Join(",", self.ChildNames("layers")));
            seen.Add(string.Join(",", self.ChildNames()));
            seen.Add(self.Inputs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (string name in self.ChildNames("layers"))
            {
                x = self.Call("layers." + name, x);
            }

            return x;
        });

        ModelSummary summary = new TorchModelBuilder(model).Input(2, 3).Build();

        seen.Should().Equal("(model)", "Loop", "0,1", "layers", "1");
        summary.Rows.Select(r => r.Name).Should().Equal("Loop", "layers", "layers.0", "layers.1");
    }

    [Fact]
    public void Call_UnknownChild_ThrowsListingTheChildren()
    {
        var model = new CustomModule("Net", [("encoder", new Sequential(new Tanh()))], (self, x) => self.Call("encoder.5", x));

        Action act = () => new TorchModelBuilder(model).Input(2).Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'Net' has no submodule 'encoder.5': 'encoder' has no child '5' (its children are '0').");
    }

    [Fact]
    public void Call_UnknownChildOfAChildless_SaysSo()
    {
        var model = new CustomModule("Net", forward: (self, x) => self.Call("lstm", x));

        Action act = () => new TorchModelBuilder(model).Input(2).Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'Net' has no submodule 'lstm': this module has no child 'lstm' (it has no children).");
    }

    [Fact]
    public void Input_WithoutArguments_Throws()
    {
        var model = new CustomModule("Net", [("fc", new Linear(2, 2))], (self, _) => self.Call("fc"));

        Action act = () => new TorchModelBuilder(model).Input(2).Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'fc' (Linear) expects an input but was called without arguments.");
    }

    [Fact]
    public void Call_NullArguments_Throw()
    {
        var model = new CustomModule("Net", [("fc", new Linear(2, 2))], (self, x) => self.Call(null!, x));
        var model2 = new CustomModule("Net", [("fc", new Linear(2, 2))], (self, x) => self.Call("fc", null!));
        var model3 = new CustomModule("Net", [("fc", new Linear(2, 2))], (self, x) => self.Call("fc", x, null!));
        var model4 = new CustomModule("Net", [("fc", new Linear(2, 2))], (self, x) => { self.ChildNames(null!); return x; });
        var model5 = new CustomModule("Net", [("fc", new Linear(2, 2))], (self, x) => { self.Fail(null!); return x; });

        FluentActions.Invoking(() => new TorchModelBuilder(model).Input(2).Build()).Should().Throw<ArgumentNullException>().WithParameterName("path");
        FluentActions.Invoking(() => new TorchModelBuilder(model2).Input(2).Build()).Should().Throw<ArgumentNullException>().WithParameterName("inputs");
        FluentActions.Invoking(() => new TorchModelBuilder(model3).Input(2).Build()).Should().Throw<ArgumentNullException>().WithParameterName("inputs");
        FluentActions.Invoking(() => new TorchModelBuilder(model4).Input(2).Build()).Should().Throw<ArgumentNullException>().WithParameterName("path");
        FluentActions.Invoking(() => new TorchModelBuilder(model5).Input(2).Build()).Should().Throw<ArgumentNullException>().WithParameterName("problem");
    }
}
