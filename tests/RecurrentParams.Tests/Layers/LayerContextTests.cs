using System;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Layers;

public sealed class LayerContextTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "probe", Convention.Keras, null);

    [Fact]
    public void Constructor_KeepsItsArguments_AndDefaultsTheRegistry()
    {
        var input = new OutputShape(null, 7, 5);

        var context = new LayerContext(input, "probe", Convention.Torch, null);

        context.Input.Should().BeSameAs(input);
        context.Name.Should().Be("probe");
        context.Index.Should().Be(0);
        context.Convention.Should().Be(Convention.Torch);
        context.Formulas.Should().BeSameAs(FormulaRegistry.Default);
    }

    [Fact]
    public void Constructor_GivenRegistry_IsUsed()
    {
        FormulaRegistry registry = FormulaRegistry.CreateDefault();

        var context = new LayerContext(new OutputShape(null, 5), "probe", Convention.Keras, registry);

        context.Formulas.Should().BeSameAs(registry);
    }

    [Fact]
    public void Constructor_NullArguments_ThrowArgumentNull()
    {
        FluentActions.Invoking(() => new LayerContext((OutputShape)null!, "probe", Convention.Keras, null)).Should().Throw<ArgumentNullException>().WithParameterName("input");
        FluentActions.Invoking(() => new LayerContext((OutputShape[])null!, "probe", Convention.Keras, null)).Should().Throw<ArgumentNullException>().WithParameterName("inputs");
        FluentActions.Invoking(() => new LayerContext(new OutputShape[] { null! }, "probe", Convention.Keras, null)).Should().Throw<ArgumentNullException>().WithParameterName("inputs");
        FluentActions.Invoking(() => new LayerContext(Array.Empty<OutputShape>(), "probe", Convention.Keras, null)).Should().Throw<ArgumentException>().WithParameterName("inputs")
            .WithMessage("'inputs' must hold at least one shape.*");
        FluentActions.Invoking(() => new LayerContext(new OutputShape(null, 5), null!, Convention.Keras, null)).Should().Throw<ArgumentNullException>().WithParameterName("name");
    }

    [Fact]
    public void Constructor_SeveralInputs_KeepsThemInOrder()
    {
        var context = new LayerContext([new OutputShape(null, 7, 5), new OutputShape(null, 9, 6)], "attention", Convention.Keras, null);

        context.Inputs.Should().Equal(new OutputShape(null, 7, 5), new OutputShape(null, 9, 6));
        context.Input.Should().Be(new OutputShape(null, 7, 5));
    }

    [Fact]
    public void ExpectInputs_OtherCount_ThrowsNamingWhatItReceives()
    {
        var context = new LayerContext([new OutputShape(null, 5)], "concatenate", Convention.Keras, null);

        context.Invoking(c => c.ExpectInputs(2, 3, "[query, value] or [query, value, key]")).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'concatenate' takes [query, value] or [query, value, key] but receives 1 tensor(s): (None, 5).");
        context.Invoking(c => c.ExpectInputs(1, 1, "one tensor")).Should().NotThrow();
    }

    [Fact]
    public void ClaimName_OutsideABuilder_ReturnsTheBase()
    {
        LayerContext context = Context(null, 5);

        context.ClaimName("lstm").Should().Be("lstm");
        context.ClaimName("lstm").Should().Be("lstm");
        FluentActions.Invoking(() => context.ClaimName(null!)).Should().Throw<ArgumentNullException>().WithParameterName("nameBase");
    }

    [Fact]
    public void ExpectRank_Matching_DoesNotThrow()
    {
        LayerContext context = Context(null, 7, 5);

        FluentActions.Invoking(() => context.ExpectRank(3, "a sequence")).Should().NotThrow();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ExpectRank_Other_ThrowsNamingTheModelInput(int rank)
    {
        LayerContext context = Context(null, 7, 5);

        Action act = () => context.ExpectRank(rank, "something else");

        act.Should().Throw<InvalidOperationException>().WithMessage("Layer 'probe' expects something else but its input is (None, 7, 5).");
    }

    [Fact]
    public void ExpectRank_FirstLayerOfAModel_NamesTheModelInputAndIndex()
    {
        ModelBuilder builder = new KerasModelBuilder().Input(null, 5).RepeatVector(2);

        Action act = () => builder.Build();

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'repeat_vector' (index 0) expects a vector per sample (batch, features) but the model input returns (None, None, 5).");
    }

    [Fact]
    public void ExpectRank_HigherRankAfterARecurrentVector_HasNoRemedy()
    {
        // The remedy (return sequences) only helps a layer that wants a sequence, rank 3.
        ModelBuilder builder = new KerasModelBuilder().Input(null, 5).Lstm(4).Add(new ConvLstm2D(2, [1]));

        Action act = () => builder.Build();

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'conv_lstm2d' (index 1) expects a sequence of images (batch, time, rows, cols, channels) but 'lstm' returns (None, 4).");
    }

    [Fact]
    public void ExpectRank_LowerRankAfterARecurrentSequence_HasNoRemedy()
    {
        // A rank-3 sequence into a layer that wants a vector: returning sequences is not the fix.
        ModelBuilder builder = new KerasModelBuilder().Input(null, 5).Lstm(4, returnSequences: true).RepeatVector(2);

        Action act = () => builder.Build();

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'repeat_vector' (index 1) expects a vector per sample (batch, features) but 'lstm' returns (None, None, 4).");
    }

    [Theory]
    [InlineData(-1, 5L)]
    [InlineData(2, 5L)]
    [InlineData(1, 7L)]
    [InlineData(-2, 7L)]
    [InlineData(0, 3L)]
    [InlineData(-3, 3L)]
    public void ExpectKnown_KnownAxis_ReturnsIt(int axis, long expected)
    {
        LayerContext context = Context(3, 7, 5);

        long size = context.ExpectKnown(axis, "a size");

        size.Should().Be(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-4)]
    public void ExpectKnown_UnknownOrOutsideTheRank_ThrowsWithARemedy(int axis)
    {
        LayerContext context = Context(null, 7, 5);

        Action act = () => context.ExpectKnown(axis, "a size");

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'probe' needs a size to be known but its input is (None, 7, 5); give the model input a fixed shape (e.g. a fixed number of time steps) or change the layer before.");
    }

    [Fact]
    public void Fail_AlwaysThrowsNamingTheLayer()
    {
        LayerContext context = Context(null, 5);

        Action act = () => context.Fail("cannot take this");

        act.Should().Throw<InvalidOperationException>().WithMessage("Layer 'probe' cannot take this.");
    }

    [Fact]
    public void Fail_NullProblem_ThrowsArgumentNull()
    {
        LayerContext context = Context(null, 5);

        Action act = () => context.Fail(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("problem");
    }

    [Fact]
    public void Index_InABuilder_IsThePosition()
    {
        ModelBuilder builder = new KerasModelBuilder().Input(new OutputShape(null, 5)).Dense(3).Dense(3).Lstm(2);

        Action act = () => builder.Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("Layer 'lstm' (index 2) expects*'dense_1' returns (None, 3).");
    }
}
