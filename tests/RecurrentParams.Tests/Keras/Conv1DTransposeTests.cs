using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class Conv1DTransposeTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "conv1d_transpose", Convention.Keras, null);

    [Fact]
    public void Build_SamePaddingWithAnOutputPadding_FollowsKeras()
    {
        // Keras' _get_output_shape_given_tf_padding with padding same and an output padding: (n − 1)·s + K mod 2 + p
        // = 9·2 + 3 mod 2 + 1 = 20 per axis; the kernel is (k..., filters, channels), the bias (filters,).
        var layer = new Conv1DTranspose(4, 3, 2, Padding.Same, 1);

        layer.KernelSize.Should().Be(3);
        layer.Strides.Should().Be(2);
        layer.OutputPadding.Should().Be(1);
        layer.DilationRate.Should().Be(1);
        (layer.Filters, layer.UseBias, layer.Padding, layer.DataFormat).Should().Be((4, true, Padding.Same, DataFormat.ChannelsLast));
        LayerResult result = layer.Build(Context(null, 10, 3));
        result.Outputs.Single().Should().Be(new OutputShape(null, 20, 4));
        result.Weights[0].Shape.Dimensions.TakeLast(2).Should().Equal(4, 3);
        result.Derivation!.Total.Should().Be(result.Weights.Sum(w => w.Count));
    }

    [Fact]
    public void Constructor_OutputPaddingNotBelowTheStride_Throws()
    {
        FluentActions.Invoking(() => new Conv1DTranspose(4, 3, 2, outputPadding: 2)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("outputPadding")
            .WithMessage("'outputPadding' must hold values less than the stride of their axis (2); got 2.*");
    }
}
