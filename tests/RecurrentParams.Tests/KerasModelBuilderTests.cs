using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using Xunit;

namespace RecurrentParams.Tests;

/// <summary>The fluent methods of every Keras layer family, and layers that take the outputs of named layers (branches and merges).</summary>
public sealed class KerasModelBuilderTests
{
    [Fact]
    public void FluentMethods_OnASequence_AppendTheirLayers()
    {
        ModelSummary summary = new KerasModelBuilder().Input(new OutputShape(null, 24, 8))
            .Masking().Cropping1D().ZeroPadding1D().UpSampling1D()
            .Conv1D(8, 3).SeparableConv1D(8, 3).DepthwiseConv1D(3).Conv1DTranspose(8, 3)
            .MaxPooling1D().AveragePooling1D()
            .Activation("relu").ReLU().LeakyReLU().Elu().Softmax().PReLU([1])
            .GaussianNoise(0.1).GaussianDropout(0.1).AlphaDropout(0.1).SpatialDropout1D(0.1).ActivityRegularization(0.01)
            .GroupNormalization(4).UnitNormalization().Normalization()
            .MultiHeadAttention(2, 4)
            .Permute([2, 1]).Permute([2, 1])
            .Reshape([-1, 8])
            .Lambda([null, 8])
            .GlobalMaxPooling1D()
            .Build();

        summary.Rows.Select(r => r.ClassName).Should().Equal(
            "Masking", "Cropping1D", "ZeroPadding1D", "UpSampling1D",
            "Conv1D", "SeparableConv1D", "DepthwiseConv1D", "Conv1DTranspose",
            "MaxPooling1D", "AveragePooling1D",
            "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax", "PReLU",
            "GaussianNoise", "GaussianDropout", "AlphaDropout", "SpatialDropout1D", "ActivityRegularization",
            "GroupNormalization", "UnitNormalization", "Normalization",
            "MultiHeadAttention", "Permute", "Permute", "Reshape", "Lambda", "GlobalMaxPooling1D");
        summary.Output.Should().Be(new OutputShape(null, 8));
    }

    [Fact]
    public void FluentMethods_OnImagesAndVolumes_AppendTheirLayers()
    {
        ModelSummary images = new KerasModelBuilder().Input(new OutputShape(null, 16, 16, 3))
            .Cropping2D(1, 1, 1, 1).ZeroPadding2D().UpSampling2D()
            .Conv2D(4, [3]).SeparableConv2D(4, [3]).DepthwiseConv2D([3]).Conv2DTranspose(4, [3])
            .MaxPooling2D().AveragePooling2D().SpatialDropout2D(0.1)
            .GlobalAveragePooling2D(keepDims: true).GlobalMaxPooling2D()
            .Build();
        ModelSummary volumes = new KerasModelBuilder().Input(new OutputShape(null, 8, 8, 8, 2))
            .Conv3D(4, [3]).Conv3DTranspose(4, [3]).MaxPooling3D().AveragePooling3D([1]).GlobalAveragePooling3D(keepDims: true).GlobalMaxPooling3D()
            .Build();

        images.Rows.Select(r => r.ClassName).Should().Equal(
            "Cropping2D", "ZeroPadding2D", "UpSampling2D", "Conv2D", "SeparableConv2D", "DepthwiseConv2D", "Conv2DTranspose",
            "MaxPooling2D", "AveragePooling2D", "SpatialDropout2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D");
        volumes.Rows.Select(r => r.ClassName).Should().Equal("Conv3D", "Conv3DTranspose", "MaxPooling3D", "AveragePooling3D", "GlobalAveragePooling3D", "GlobalMaxPooling3D");
        volumes.Output.Should().Be(new OutputShape(null, 4));
    }

    [Fact]
    public void FluentMethods_ConvolutionalLstms_AppendTheirLayers()
    {
        ModelSummary one = new KerasModelBuilder().Input(new OutputShape(null, 4, 10, 2)).ConvLstm1D(3, 3).Build();
        ModelSummary two = new KerasModelBuilder().Input(new OutputShape(null, 4, 10, 10, 2)).ConvLstm2D(3, [3]).Build();
        ModelSummary three = new KerasModelBuilder().Input(new OutputShape(null, 4, 6, 6, 6, 2)).ConvLstm3D(3, [3]).Build();

        (one.Rows[0].ClassName, two.Rows[0].ClassName, three.Rows[0].ClassName).Should().Be(("ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"));
        one.Output.Should().Be(new OutputShape(null, 8, 3));
    }

    [Fact]
    public void NamedInputs_BranchAndMerge_AsAFunctionalModel()
    {
        // Keras 3.16 (keras3-models branch-lstm-gru1-concat): LSTM(4) 4·4·(5 + 4 + 1) = 160, GRU(4) 3·4·(5 + 4 + 2) = 132, Dense(2) 18.
        ModelSummary summary = new KerasModelBuilder("branch").InputLayer(null, 5, "inputs")
            .Lstm(4, name: "lstm")
            .Add(new Recurrent(CellType.Gru, 4, name: "gru"), "inputs")
            .Concatenate(["lstm", "gru"])
            .Dense(2)
            .Build();

        summary.TotalParams.Should().Be(310);
        summary.Rows.Single(r => r.Name == "concatenate").InboundNodes.Single().Select(t => t.ToString()).Should().Equal("lstm[0][0]", "gru[0][0]");
        summary.Rows.Single(r => r.Name == "gru").InboundNodes.Single().Single().Layer.Should().Be("inputs");
        summary.Rows.Single(r => r.Name == "dense").InboundNodes.Single().Single().Layer.Should().Be("concatenate");
        summary.Render(SummaryFormat.Keras3).Should().Contain("Connected to");
    }

    [Fact]
    public void NamedInputs_AttentionLayers_TakeQueryAndValue()
    {
        ModelSummary summary = new KerasModelBuilder().InputLayer(null, 6, "x")
            .Lstm(8, returnSequences: true, name: "enc")
            .Add(new Recurrent(CellType.Gru, 8, returnSequences: true, name: "dec"), "x")
            .Attention(["dec", "enc"], useScale: true)
            .AdditiveAttention(["dec", "enc"])
            .MultiHeadAttention(2, 4, inputs: ["dec", "enc", "enc"])
            .Build();

        summary.Rows.Select(r => r.ClassName).Should().EndWith(["Attention", "AdditiveAttention", "MultiHeadAttention"]);
        summary.Rows.Single(r => r.ClassName == "Attention").Params.Should().Be(1);
        summary.Rows.Single(r => r.ClassName == "AdditiveAttention").Params.Should().Be(8);
    }

    [Fact]
    public void NamedInputs_ElementWiseMerges_Broadcast()
    {
        ModelSummary summary = new KerasModelBuilder().InputLayer(new OutputShape(null, 4), "x")
            .Dense(3, name: "a").Add(new Dense(3, name: "b"), "x")
            .Add(["a", "b"]).Subtract(["a", "b"]).Multiply(["a", "b"]).Average(["a", "b"]).Maximum(["a", "b"]).Minimum(["a", "b"])
            .Dot(["a", "b"], [1])
            .Build();

        summary.Rows.Skip(3).Select(r => r.ClassName).Should().Equal("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Dot");
        summary.Output.Should().Be(new OutputShape(null, 1));
    }

    [Fact]
    public void NamedInputs_UnknownName_ThrowsAtBuild()
    {
        KerasModelBuilder builder = new KerasModelBuilder().InputLayer(null, 4, "x").Dense(3).Concatenate(["dense", "nope"]);

        builder.Invoking(b => b.Build()).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'concatenate' (index 1) takes the output of 'nope', but no layer before it is named 'nope'; name a layer added earlier (or the InputLayer).");
    }

    [Fact]
    public void NamedInputs_Invalid_ThrowNamingTheArgument()
    {
        var builder = new KerasModelBuilder().Input(null, 4);

        builder.Invoking(b => b.Add(new Dense(2), Array.Empty<string>())).Should().Throw<ArgumentException>().WithParameterName("inputs")
            .WithMessage("'inputs' must name at least one layer.*");
        builder.Invoking(b => b.Add(new Dense(2), string.Empty)).Should().Throw<ArgumentException>().WithParameterName("inputs");
        builder.Invoking(b => b.Concatenate(null!)).Should().Throw<ArgumentNullException>().WithParameterName("inputs");
        builder.Invoking(b => b.Add((KerasLayer)null!, "x")).Should().Throw<ArgumentNullException>().WithParameterName("layer");
    }

    [Fact]
    public void Freeze_MarksTheRowNotTrainable()
    {
        ModelSummary summary = new KerasModelBuilder().Input(null, 4).Dense(3).Freeze().Add(new Dense(2) { Trainable = false }).Dense(1).Build();

        summary.Rows.Select(r => r.Trainable).Should().Equal(false, false, true);
        summary.NonTrainableParams.Should().Be(15 + 8);
    }
}
