using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class TorchModuleTests
{
    private static CustomModule Model()
    {
        var gru = new Recurrent(CellType.Gru, 4, 4, batchFirst: true);
        return new CustomModule(
            "Shared",
            [("encoder", new Sequential(new Linear(4, 4), new Tanh())), ("gru", gru), ("again", gru), ("fc", new Linear(4, 2))],
            (self, x) => self.Call("fc", self.Call("again", self.Call("gru", self.Call("encoder", x)).Item(0)).Item(0)));
    }

    [Fact]
    public void NamedParameters_SharedModule_IsListedOnceWhereItIsMetFirst()
    {
        Model().NamedParameters().Select(p => p.Name).Should().Equal(
            "encoder.0.weight", "encoder.0.bias", "gru.weight_ih_l0", "gru.weight_hh_l0", "gru.bias_ih_l0", "gru.bias_hh_l0", "fc.weight", "fc.bias");
    }

    [Fact]
    public void StateDict_SharedModule_IsSavedUnderEachName()
    {
        Model().StateDict().Select(p => p.Path).Where(p => p.EndsWith("bias_hh_l0", StringComparison.Ordinal)).Should().Equal("gru.bias_hh_l0", "again.bias_hh_l0");
    }

    [Fact]
    public void To_Subtree_CastsItsFloatingTensorsOnly()
    {
        TorchModule model = new CustomModule("Net", [("norm", new BatchNorm1d(4)), ("fc", new Linear(4, 2))]).To("norm", ElementType.BFloat16);

        model.StateDict().Select(t => t.Name + " " + t.ElementType).Should().Equal(
            "norm.weight BFloat16", "norm.bias BFloat16", "norm.running_mean BFloat16", "norm.running_var BFloat16",
            "norm.num_batches_tracked Int64", "fc.weight Float32", "fc.bias Float32");
    }

    [Fact]
    public void To_Whole_ReturnsACopyAndLeavesTheOriginal()
    {
        var linear = new Linear(4, 2);

        TorchModule cast = linear.To(ElementType.Float64);

        cast.Should().BeOfType<Linear>().Which.InFeatures.Should().Be(4);
        cast.Parameters.Should().OnlyContain(p => p.ElementType == ElementType.Float64);
        linear.Parameters.Should().OnlyContain(p => p.ElementType == ElementType.Float32);
    }

    [Fact]
    public void To_SharedModule_IsCastEverywhereAndStaysShared()
    {
        TorchModule model = Model().To("again", ElementType.Float64);

        model.Child("gru").Should().BeSameAs(model.Child("again"));
        model.Child("gru")!.Parameters.Should().OnlyContain(p => p.ElementType == ElementType.Float64);
        model.Child("fc")!.Parameters.Should().OnlyContain(p => p.ElementType == ElementType.Float32);
    }

    [Theory]
    [InlineData(ElementType.Int64)]
    [InlineData(ElementType.Int8)]
    [InlineData((ElementType)99)]
    public void To_NotFloating_Throws(ElementType type)
    {
        Action act = () => new Linear(2, 2).To(type);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("elementType");
    }

    [Fact]
    public void RequiresGrad_OneTensor_FreezesItAlone()
    {
        TorchModule model = Model().RequiresGrad("gru.weight_ih_l0", false);

        model.NamedParameters().Where(p => !p.Trainable).Select(p => p.Name).Should().Equal("gru.weight_ih_l0");
    }

    [Fact]
    public void RequiresGrad_Module_FreezesItsSubtree_AndCanUndoIt()
    {
        TorchModule frozen = Model().RequiresGrad("encoder", false);
        TorchModule thawed = frozen.RequiresGrad(true);

        frozen.NamedParameters().Where(p => !p.Trainable).Select(p => p.Name).Should().Equal("encoder.0.weight", "encoder.0.bias");
        thawed.NamedParameters().Should().OnlyContain(p => p.Trainable);
    }

    [Fact]
    public void RequiresGrad_Whole_FreezesEveryParameterButNoBuffer()
    {
        TorchModule frozen = new BatchNorm1d(3).RequiresGrad(false);

        frozen.Parameters.Should().OnlyContain(p => !p.Trainable);
        frozen.Buffers.Should().HaveCount(3);
    }

    [Theory]
    [InlineData("decoder", "'decoder' names no parameter or submodule of this Shared: '' has no 'decoder' (it has 'encoder', 'gru', 'again', 'fc').*")]
    [InlineData("fc.gamma", "'fc.gamma' names no parameter or submodule of this Shared: 'fc' has no 'gamma' (it has 'weight', 'bias').*")]
    [InlineData("encoder.1.x", "'encoder.1.x' names no parameter or submodule of this Shared: 'encoder.1' has no 'x' (it has none).")]
    public void RequiresGrad_UnknownPath_ThrowsListingWhatThereIs(string path, string message)
    {
        Action act = () => Model().RequiresGrad(path, false);

        act.Should().Throw<ArgumentException>().WithParameterName(nameof(path)).WithMessage(message + "*");
    }

    [Fact]
    public void To_ParameterPath_Throws()
    {
        Action act = () => Model().To("fc.weight", ElementType.Float64);

        act.Should().Throw<ArgumentException>().WithParameterName("path").WithMessage("'fc.weight' names no submodule of this Shared: 'fc' has no 'weight' (it has none).*");
    }

    [Fact]
    public void Paths_Null_Throw()
    {
        FluentActions.Invoking(() => Model().RequiresGrad(null!, false)).Should().Throw<ArgumentNullException>().WithParameterName("path");
        FluentActions.Invoking(() => Model().To(null!, ElementType.Float64)).Should().Throw<ArgumentNullException>().WithParameterName("path");
    }

    [Fact]
    public void RegisterModule_Itself_Throws()
    {
        Action act = () => _ = new SelfRegistering();

        act.Should().Throw<ArgumentException>().WithParameterName("module").WithMessage("A module cannot be its own child.*");
    }

    [Fact]
    public void RegisterModule_ThousandDeep_Throws()
    {
        TorchModule chain = new Tanh();
        for (int k = 1; k < 999; k++)
        {
            chain = new CustomModule("Level").Add("inner", chain);
        }

        Action act = () => new CustomModule("Top").Add("inner", new CustomModule("Level").Add("inner", chain));

        act.Should().Throw<ArgumentException>().WithParameterName("module").WithMessage("The module tree would nest deeper than 1,000 modules.*");
    }

    [Fact]
    public void DerivedModule_RegistersInItsConstructor_AndRunsItsForward()
    {
        var gated = new GatedLinear(4, 3);

        gated.ToString().Should().Be("GatedLinear(\n  features=4\n  (value): Linear(in_features=4, out_features=3, bias=True)\n  (gate): Linear(in_features=4, out_features=3, bias=True)\n)");
        gated.Parameters.Select(p => p.Name).Should().Equal("scale");
        gated.Buffers.Select(b => b.Name).Should().Equal("calls");
        Probe.Shapes(Probe.Run(gated, Probe.Floats(2, 4))).Should().Be("[2, 3]");
        new TorchModelBuilder(gated).Input(2, 4).Build().TotalParams.Should().Be(1 + (2 * 15));
    }

    /// <summary>A module of one's own, derived from <see cref="TorchModule"/> (the extension point the built-ins use).</summary>
    private sealed class GatedLinear : TorchModule
    {
        public GatedLinear(int inFeatures, int outFeatures)
            : base("GatedLinear")
        {
            RegisterParameter("scale", new TensorShape(1));
            RegisterBuffer("calls", new TensorShape(), ElementType.Int64);
            RegisterModule("value", new Linear(inFeatures, outFeatures));
            RegisterModule("gate", new Linear(inFeatures, outFeatures));
        }

        public override string ExtraRepr => "features=4";

        protected internal override Tensor Forward(ForwardContext context) =>
            context.Call("value", context.Input) * context.Call("gate", context.Input);
    }

    private sealed class SelfRegistering : TorchModule
    {
        public SelfRegistering()
            : base("Loop")
        {
            RegisterModule("me", this);
        }

        protected internal override Tensor Forward(ForwardContext context) => context.Input;
    }
}
