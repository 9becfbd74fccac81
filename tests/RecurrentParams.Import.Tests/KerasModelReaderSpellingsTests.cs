using System;
using System.Linq;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>
/// One layer per row in the spellings the fixtures do not reach: TensorFlow.js' camelCase keys, Keras 1's names, Keras 2's
/// options. Each expected count is derived in the comment beside it, from the weights the layer's build adds.
/// </summary>
public sealed partial class KerasModelReaderTests
{
    public static TheoryData<string, string, long, string> Spellings => new()
    {
        // tfjs camelCase. Conv2D 4 filters, 3×3 on 3 channels first, no bias: 3·3·3·4 = 108; (None, 3, 9, 10) → (None, 4, 7, 8).
        { """{"class_name": "Conv2D", "config": {"name": "c", "filters": 4, "kernelSize": [3, 3], "strides": [1, 1], "padding": "valid", "dataFormat": "channelsFirst", "useBias": false}}""", "[null, 3, 9, 10]", 108, "(None, 4, 7, 8)" },
        // MaxPooling2D poolSize 2, strides 2: (None, 9, 10, 3) → (None, 4, 5, 3).
        { """{"class_name": "MaxPooling2D", "config": {"name": "c", "poolSize": [2, 2], "strides": [2, 2], "padding": "valid"}}""", "[null, 9, 10, 3]", 0, "(None, 4, 5, 3)" },
        // Reshape targetShape (5, 6) of 30 elements.
        { """{"class_name": "Reshape", "config": {"name": "c", "targetShape": [5, 6]}}""", "[null, 30]", 0, "(None, 5, 6)" },
        // Cropping2D ((1, 0), (2, 3)), ZeroPadding2D (1, 2) symmetric, on (None, 9, 10, 3).
        { """{"class_name": "Cropping2D", "config": {"name": "c", "cropping": [[1, 0], [2, 3]]}}""", "[null, 9, 10, 3]", 0, "(None, 8, 5, 3)" },
        { """{"class_name": "ZeroPadding2D", "config": {"name": "c", "padding": [1, 2]}}""", "[null, 9, 10, 3]", 0, "(None, 11, 14, 3)" },
        { """{"class_name": "ZeroPadding2D", "config": {"name": "c", "padding": 2, "data_format": "channels_first"}}""", "[null, 3, 9, 10]", 0, "(None, 3, 13, 14)" },
        // PReLU sharedAxes [1] on (None, 7, 5): alpha (1, 5) = 5.
        { """{"class_name": "PReLU", "config": {"name": "c", "sharedAxes": [1]}}""", "[null, 7, 5]", 5, "(None, 7, 5)" },
        // Keras 1 Convolution1D nb_filter 4, filter_length 3, subsample_length 2, border_mode same, on 6 channels:
        // W (3, 1, 6, 4) = 72, b 4: 76; ⌈10 / 2⌉ = 5 steps.
        { """{"class_name": "Convolution1D", "config": {"name": "c", "nb_filter": 4, "filter_length": 3, "subsample_length": 2, "border_mode": "same", "bias": true}}""", "[null, 10, 6]", 76, "(None, 5, 4)" },
        // Keras 1 AtrousConvolution1D atrous_rate 2, filter_length 3: span 5, 10 − 5 + 1 = 6 steps; 3·6·2 + 2 = 38.
        { """{"class_name": "AtrousConvolution1D", "config": {"name": "c", "nb_filter": 2, "filter_length": 3, "atrous_rate": 2}}""", "[null, 10, 6]", 38, "(None, 6, 2)" },
        // Keras 1 Convolution2D nb_row 3, nb_col 2, subsample (2, 2), dim_ordering tf, on 3 channels: 3·2·3·5 + 5 = 95;
        // ⌊(9 − 3) / 2⌋ + 1 = 4 rows, ⌊(10 − 2) / 2⌋ + 1 = 5 cols.
        { """{"class_name": "Convolution2D", "config": {"name": "c", "nb_filter": 5, "nb_row": 3, "nb_col": 2, "subsample": [2, 2], "dim_ordering": "tf"}}""", "[null, 9, 10, 3]", 95, "(None, 4, 5, 5)" },
        // Keras 1 Convolution3D kernel_dim1..3 = 2, 2, 1 on 1 channel: 2·2·1·1·3 + 3 = 15.
        { """{"class_name": "Convolution3D", "config": {"name": "c", "nb_filter": 3, "kernel_dim1": 2, "kernel_dim2": 2, "kernel_dim3": 1}}""", "[null, 4, 5, 6, 1]", 15, "(None, 3, 4, 6, 3)" },
        // Keras 1 SeparableConvolution2D 4 filters, 3×3, depth_multiplier 1, on 2 channels: 3·3·2·1 + 1·1·2·4 + 4 = 30.
        { """{"class_name": "SeparableConvolution2D", "config": {"name": "c", "nb_filter": 4, "nb_row": 3, "nb_col": 3, "depth_multiplier": 1}}""", "[null, 8, 8, 2]", 30, "(None, 6, 6, 4)" },
        // Keras 1 MaxPooling1D pool_length 3, stride 1: 10 − 3 + 1 = 8 steps. UpSampling1D length 2: 20 steps.
        { """{"class_name": "MaxPooling1D", "config": {"name": "c", "pool_length": 3, "stride": 1, "border_mode": "valid"}}""", "[null, 10, 6]", 0, "(None, 8, 6)" },
        { """{"class_name": "UpSampling1D", "config": {"name": "c", "length": 2}}""", "[null, 10, 6]", 0, "(None, 20, 6)" },
        // Keras 1 AveragePooling2D, Theano ordering: (None, 3, 8, 8) → (None, 3, 4, 4).
        { """{"class_name": "AveragePooling2D", "config": {"name": "c", "pool_size": [2, 2], "strides": null, "border_mode": "valid", "dim_ordering": "th"}}""", "[null, 3, 8, 8]", 0, "(None, 3, 4, 4)" },
        // Keras 1 Dense output_dim 3, bias false, on 6: 18. Dropout p, GaussianNoise sigma, LeakyReLU alpha: no weights.
        { """{"class_name": "Dense", "config": {"name": "c", "output_dim": 3, "bias": false}}""", "[null, 6]", 18, "(None, 3)" },
        { """{"class_name": "Dropout", "config": {"name": "c", "p": 0.5}}""", "[null, 6]", 0, "(None, 6)" },
        { """{"class_name": "GaussianNoise", "config": {"name": "c", "sigma": 0.1}}""", "[null, 6]", 0, "(None, 6)" },
        { """{"class_name": "LeakyReLU", "config": {"name": "c", "alpha": 0.2}}""", "[null, 6]", 0, "(None, 6)" },
        // Keras 2 aliases and options.
        { """{"class_name": "MaxPool1D", "config": {"name": "c", "pool_size": [2], "strides": [2]}}""", "[null, 10, 6]", 0, "(None, 5, 6)" },
        { """{"class_name": "AvgPool3D", "config": {"name": "c", "pool_size": 2}}""", "[null, 4, 4, 4, 2]", 0, "(None, 2, 2, 2, 2)" },
        { """{"class_name": "GlobalAvgPool2D", "config": {"name": "c", "keepdims": true}}""", "[null, 4, 4, 2]", 0, "(None, 1, 1, 2)" },
        { """{"class_name": "GlobalMaxPool3D", "config": {"name": "c"}}""", "[null, 4, 4, 4, 2]", 0, "(None, 2)" },
        // Conv2DTranspose 3 filters, 2×2, strides 2, output_padding 1, on 4 channels: 2·2·3·4 + 3 = 51; (5 − 1)·2 + 2 + 1 = 11.
        { """{"class_name": "Conv2DTranspose", "config": {"name": "c", "filters": 3, "kernel_size": [2, 2], "strides": [2, 2], "output_padding": [1, 1]}}""", "[null, 5, 5, 4]", 51, "(None, 11, 11, 3)" },
        // Conv1DTranspose 2 filters, kernel 3 on 4 channels: 3·2·4 + 2 = 26; (5 − 1) + 3 = 7 steps.
        { """{"class_name": "Conv1DTranspose", "config": {"name": "c", "filters": 2, "kernel_size": [3]}}""", "[null, 5, 4]", 26, "(None, 7, 2)" },
        // Conv3DTranspose 1 filter, kernel 2, strides 2 on 2 channels: 2·2·2·1·2 + 1 = 17.
        { """{"class_name": "Conv3DTranspose", "config": {"name": "c", "filters": 1, "kernel_size": 2, "strides": 2}}""", "[null, 3, 3, 3, 2]", 17, "(None, 6, 6, 6, 1)" },
        // SeparableConv1D / DepthwiseConv1D on 4 channels, kernel 3: 3·4 + 4·6 + 6 = 42; 3·4·2 + 8 = 32.
        { """{"class_name": "SeparableConv1D", "config": {"name": "c", "filters": 6, "kernel_size": [3]}}""", "[null, 10, 4]", 42, "(None, 8, 6)" },
        { """{"class_name": "DepthwiseConv1D", "config": {"name": "c", "kernel_size": 3, "depth_multiplier": 2}}""", "[null, 10, 4]", 32, "(None, 8, 8)" },
        { """{"class_name": "DepthwiseConv2D", "config": {"name": "c", "kernel_size": [3, 3], "depth_multiplier": 1, "use_bias": false}}""", "[null, 6, 6, 2]", 18, "(None, 4, 4, 2)" },
        // ConvLSTM1D 2 filters, kernel 3 on 3 channels: 4·2·(3·(3 + 2)) + 4·2 = 120 + 8 = 128; ConvLSTM3D kernel 1 on 1 channel: 8·(1 + 2) + 8 = 32.
        { """{"class_name": "ConvLSTM1D", "config": {"name": "c", "filters": 2, "kernel_size": [3], "return_sequences": true}}""", "[null, 4, 10, 3]", 128, "(None, 4, 8, 2)" },
        { """{"class_name": "ConvLSTM3D", "config": {"name": "c", "filters": 2, "kernel_size": 1}}""", "[null, 4, 2, 2, 2, 1]", 32, "(None, 2, 2, 2, 2)" },
        // GroupNormalization groups 2 on 4 channels: gamma, beta (4,) = 8; UnitNormalization, Normalization with axis null: 1 + 1 + 1 = 3.
        { """{"class_name": "GroupNormalization", "config": {"name": "c", "groups": 2, "axis": -1}}""", "[null, 6, 4]", 8, "(None, 6, 4)" },
        { """{"class_name": "UnitNormalization", "config": {"name": "c", "axis": -1}}""", "[null, 6, 4]", 0, "(None, 6, 4)" },
        { """{"class_name": "Normalization", "config": {"name": "c", "axis": null, "mean": null, "variance": null}}""", "[null, 6, 4]", 3, "(None, 6, 4)" },
        { """{"class_name": "Normalization", "config": {"name": "c", "axis": [-1], "mean": [1, 2, 3, 4], "variance": [1, 1, 1, 1]}}""", "[null, 6, 4]", 0, "(None, 6, 4)" },
        // Weightless layers with and without a core class.
        { """{"class_name": "Masking", "config": {"name": "c", "mask_value": 0.0}}""", "[null, 6, 4]", 0, "(None, 6, 4)" },
        { """{"class_name": "Permute", "config": {"name": "c", "dims": [2, 1]}}""", "[null, 6, 4]", 0, "(None, 4, 6)" },
        { """{"class_name": "RepeatVector", "config": {"name": "c", "n": 3}}""", "[null, 4]", 0, "(None, 3, 4)" },
        { """{"class_name": "UpSampling2D", "config": {"name": "c", "size": [2, 3]}}""", "[null, 2, 2, 1]", 0, "(None, 4, 6, 1)" },
        { """{"class_name": "Cropping1D", "config": {"name": "c", "cropping": [1, 2]}}""", "[null, 6, 4]", 0, "(None, 3, 4)" },
        { """{"class_name": "ZeroPadding1D", "config": {"name": "c", "padding": 1}}""", "[null, 6, 4]", 0, "(None, 8, 4)" },
        { """{"class_name": "Activation", "config": {"name": "c"}}""", "[null, 6, 4]", 0, "(None, 6, 4)" },
        { """{"class_name": "ReLU", "config": {"name": "c", "max_value": 6.0}}""", "[null, 6, 4]", 0, "(None, 6, 4)" },
        { """{"class_name": "ELU", "config": {"name": "c", "alpha": 1.0}}""", "[null, 6, 4]", 0, "(None, 6, 4)" },
        { """{"class_name": "Softmax", "config": {"name": "c", "axis": -1}}""", "[null, 6, 4]", 0, "(None, 6, 4)" },
        { """{"class_name": "GaussianDropout", "config": {"name": "c", "rate": 0.1}}""", "[null, 6, 4]", 0, "(None, 6, 4)" },
        { """{"class_name": "AlphaDropout", "config": {"name": "c", "rate": 0.1}}""", "[null, 6, 4]", 0, "(None, 6, 4)" },
        { """{"class_name": "SpatialDropout1D", "config": {"name": "c", "rate": 0.1}}""", "[null, 6, 4]", 0, "(None, 6, 4)" },
        { """{"class_name": "SpatialDropout2D", "config": {"name": "c", "rate": 0.1}}""", "[null, 6, 4, 2]", 0, "(None, 6, 4, 2)" },
        { """{"class_name": "ActivityRegularization", "config": {"name": "c", "l1": 0.01, "l2": 0.0}}""", "[null, 6, 4]", 0, "(None, 6, 4)" },
        { """{"class_name": "ThresholdedReLU", "config": {"name": "c", "theta": 1.0}}""", "[null, 6, 4]", 0, "(None, 6, 4)" },
        { """{"class_name": "Identity", "config": {"name": "c"}}""", "[null, 6, 4]", 0, "(None, 6, 4)" },
        { """{"class_name": "TimeDistributed", "config": {"name": "c", "layer": {"class_name": "Rescaling", "config": {"scale": 0.5}}}}""", "[null, 6, 4]", 0, "(None, 6, 4)" },
        // A Lambda whose output shape is a function (Keras 2's output_shape_type "lambda") has no known shape.
        { """{"class_name": "Lambda", "config": {"name": "c", "function": ["4wEAAAA=", null, null], "output_shape": ["4wEAAAA=", null, null], "output_shape_type": "lambda"}}""", "[null, 6, 4]", 0, "?" },
        // RNN over a list of cells (Keras 2, tfjs): LSTMCell(3) on 4, GRUCell(2, reset_after false) on 3:
        // 4·3·(4 + 3 + 1) = 96 and 3·2·(3 + 2 + 1) = 36.
        { """{"class_name": "RNN", "config": {"name": "c", "cell": [{"class_name": "LSTMCell", "config": {"units": 3}}, {"class_name": "GRUCell", "config": {"units": 2, "reset_after": false}}]}}""", "[null, 6, 4]", 132, "(None, 2)" },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Parse_EverySpelling_CountsAsItsFramework(string layer, string inputShape, long expected, string output)
    {
        LayerSummary row = KerasModelReader.Parse(Sequential(inputShape, layer)).Summary.Rows.Single();

        row.Params.Should().Be(expected);
        row.OutputShape.ToString().Should().Be(output);
    }

    [Theory]
    [InlineData("""{"class_name": "Reshape", "config": {"name": "c"}}""", "target_shape")]
    [InlineData("""{"class_name": "Dot", "config": {"name": "c"}}""", "axes")]
    [InlineData("""{"class_name": "Conv2D", "config": {"name": "c", "filters": 2}}""", "kernel_size")]
    [InlineData("""{"class_name": "Conv1D", "config": {"name": "c", "filters": 2}}""", "kernel_size")]
    [InlineData("""{"class_name": "Dropout", "config": {"name": "c", "p": 1.5}}""", "[0, 1)")]
    [InlineData("""{"class_name": "GaussianNoise", "config": {"name": "c", "stddev": -1}}""", "0 or more")]
    [InlineData("""{"class_name": "Cropping1D", "config": {"name": "c", "cropping": [1, 2, 3]}}""", "(before, after)")]
    [InlineData("""{"class_name": "ZeroPadding2D", "config": {"name": "c", "padding": [1, 2, 3]}}""", "((top, bottom), (left, right))")]
    [InlineData("""{"class_name": "ZeroPadding2D", "config": {"name": "c", "padding": [[1, 2, 3], 1]}}""", "(before, after)")]
    [InlineData("""{"class_name": "Cropping2D", "config": {"name": "c", "cropping": -1}}""", "0 or more")]
    [InlineData("""{"class_name": "MaxPooling1D", "config": {"name": "c", "pool_size": 2, "data_format": "channels_middle"}}""", "data_format")]
    [InlineData("""{"class_name": "Conv2D", "config": {"name": "c", "filters": 4, "kernel_size": 3, "groups": 3}}""", "divisible")]
    [InlineData("""{"class_name": "RNN", "config": {"name": "c", "cell": []}}""", "at least one cell")]
    public void Parse_InvalidSpelling_ThrowsWithThePath(string layer, string expected)
    {
        Action parse = () => KerasModelReader.Parse(Sequential("[null, 6, 6, 6]", layer));

        parse.Should().Throw<ModelFormatException>().Which.Message.Should().Contain(expected).And.Contain("$.config.layers[1]");
    }

    [Fact]
    public void Parse_StackOfCellsWithAnUnknownCell_IsALowerBound()
    {
        string json = Sequential("[null, 6, 4]", """{"class_name": "RNN", "config": {"name": "c", "cell": {"class_name": "StackedRNNCells", "config": {"cells": [{"class_name": "LSTMCell", "config": {"units": 3}}, {"class_name": "NASCell", "config": {"units": 2}}]}}}}""");

        ImportedModel model = KerasModelReader.Parse(json);

        model.Summary.IsLowerBound.Should().BeTrue();
        model.UnsupportedLayers.Single().Reason.Should().Be("the cell 'NASCell' is not one of SimpleRNNCell, LSTMCell, GRUCell");
    }

    [Theory]
    [InlineData("Merge", "the Keras 1 Merge layer is read in files written by Keras 1")]
    [InlineData("StackedRNNCells", "stacked cells are read inside an RNN layer")]
    public void Parse_LayersThatOnlyMakeSenseElsewhere_AreLowerBounds(string className, string reason)
    {
        ImportedModel model = KerasModelReader.Parse(Sequential("[null, 6, 4]", "{\"class_name\": \"" + className + "\", \"config\": {\"name\": \"c\"}}"));

        model.UnsupportedLayers.Single().Reason.Should().Be(reason);
    }
}
