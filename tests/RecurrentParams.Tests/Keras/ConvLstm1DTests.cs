using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class ConvLstm1DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "conv_lstm1d", Convention.Keras, null);

    [Fact]
    public void Build_MatchesKeras3()
    {
        // Keras 3.16 (keras3-layer-families convlstm1d-state): kernel (2, 2, 12), recurrent (2, 3, 12), bias (12,): 132;
        // (None, 6, 10, 2) → (None, 9, 3), with the states h and c.
        var layer = new ConvLstm1D(3, 2, returnState: true);

        (layer.Filters, layer.KernelSize, layer.Strides, layer.DilationRate, layer.ReturnSequences, layer.ReturnState, layer.UseBias, layer.Padding, layer.DataFormat)
            .Should().Be((3, 2, 1, 1, false, true, true, Padding.Valid, DataFormat.ChannelsLast));
        layer.ClassName.Should().Be("ConvLSTM1D");
        LayerResult result = layer.Build(Context(null, 6, 10, 2));
        result.Outputs.Should().HaveCount(3).And.OnlyContain(o => o == new OutputShape(null, 9, 3));
        result.Weights.Sum(w => w.Count).Should().Be(132);
        FluentActions.Invoking(() => layer.Build(Context(null, 10, 2))).Should().Throw<InvalidOperationException>()
            .WithMessage("*expects a sequence of sequences (batch, time, steps, channels)*");
    }
}
