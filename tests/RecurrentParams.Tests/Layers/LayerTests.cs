using System;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Layers;

public sealed class LayerTests
{
    [Fact]
    public void Constructor_NullClassName_ThrowsArgumentNull()
    {
        Action act = () => _ = new Probe(null!, null);

        act.Should().Throw<ArgumentNullException>().WithParameterName("className");
    }

    [Fact]
    public void Constructor_EmptyClassName_ThrowsArgument()
    {
        Action act = () => _ = new Probe(string.Empty, null);

        act.Should().Throw<ArgumentException>().WithParameterName("className").WithMessage("'className' must not be empty.*");
    }

    [Fact]
    public void Constructor_EmptyName_ThrowsArgumentWithTheRemedy()
    {
        Action act = () => _ = new Probe("Probe", string.Empty);

        act.Should().Throw<ArgumentException>().WithParameterName("name")
            .WithMessage("'name' must not be empty; pass null to get a generated name.*");
    }

    [Fact]
    public void Constructor_KeepsClassNameAndName()
    {
        var layer = new Probe("Probe", "p");

        layer.ClassName.Should().Be("Probe");
        layer.Name.Should().Be("p");
        new Probe("Probe", null).Name.Should().BeNull();
    }

    [Theory]
    [InlineData("SimpleRNN", "simple_rnn")]
    [InlineData("LSTM", "lstm")]
    [InlineData("ConvLSTM2D", "conv_lstm2d")]
    [InlineData("GlobalAveragePooling1D", "global_average_pooling1d")]
    [InlineData("BatchNorm1d", "batch_norm1d")]
    [InlineData("My Layer-2", "my_layer2")]
    public void NameBase_IsKerasSnakeCase(string className, string expected)
    {
        // Keras to_snake_case: drop non-word characters, then "_" before each capitalised word and between a
        // lowercase and an uppercase letter, then lowercase.
        string nameBase = new Probe(className, null).NameBase;

        nameBase.Should().Be(expected);
    }

    [Fact]
    public void SequenceRemedy_IsNoneByDefault()
    {
        // A layer with no remedy of its own (Dense) before a recurrent layer: the message stops after the shape.
        ModelBuilder builder = new KerasModelBuilder().Input(new OutputShape(null, 5)).Dense(3).Lstm(2);

        Action act = () => builder.Build();

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'lstm' (index 1) expects a sequence (batch, time, features) but 'dense' returns (None, 3).");
    }

    private sealed class Probe : KerasLayer
    {
        public Probe(string className, string? name)
            : base(className, name)
        {
        }

        public override LayerResult Build(LayerContext context) => new([context.Input], []);
    }
}
