using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class SequentialTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "sequential", Convention.Keras, null);

    [Fact]
    public void Build_RunsTheInnerLayersAndKeepsTheirWeights()
    {
        // Keras 3.16 (keras3-models-more nested-sequential): LSTM(8) on 5 = 4·8·(5 + 8 + 1) = 448, LSTM(4) on 8 = 4·4·(8 + 4 + 1) = 208.
        var layer = new Sequential([new Recurrent(CellType.Lstm, 8, returnSequences: true), new Recurrent(CellType.Lstm, 4)], "encoder");
        LayerSummary row = new KerasModelBuilder().Input(null, 5).Add(layer).Build().Rows.Single();

        layer.Layers.Should().HaveCount(2);
        layer.NameBase.Should().Be("sequential");
        row.OutputShape.Should().Be(new OutputShape(null, 4));
        row.Params.Should().Be(656);
        row.Weights[0].Path.Should().Be("lstm/lstm_cell/kernel");
        row.Weights[^1].Path.Should().Be("lstm_1/lstm_cell/bias");
        row.Derivation!.Total.Should().Be(656);
        row.Derivation.Terms.Select(t => t.Label).Should().Equal("lstm", "lstm_1");
    }

    [Fact]
    public void Build_FrozenInnerLayer_KeepsItsWeightsNonTrainable()
    {
        LayerResult result = new Sequential([new Dense(3) { Trainable = false }, new Dense(2)]).Build(Context(null, 5));

        result.Weights.Select(w => w.Trainable).Should().Equal(false, false, true, true);
    }

    [Fact]
    public void Build_InnerLayerWithSeveralOutputsBeforeAnother_Throws()
    {
        FluentActions.Invoking(() => new Sequential([new Recurrent(CellType.Lstm, 4, returnState: true), new Dense(2)]).Build(Context(null, 3, 5)))
            .Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'sequential' passes the 3 tensors 'lstm' returns to the next inner layer, but a sequential model passes one; set returnState: false on 'lstm'.");
    }

    [Fact]
    public void Constructor_NoLayers_Throws()
    {
        FluentActions.Invoking(() => new Sequential([])).Should().Throw<ArgumentException>().WithParameterName("layers");
        FluentActions.Invoking(() => new Sequential([null!])).Should().Throw<ArgumentException>().WithParameterName("layers");
        FluentActions.Invoking(() => new Sequential(null!)).Should().Throw<ArgumentNullException>().WithParameterName("layers");
    }
}
