using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Layers;

public sealed class CustomLayerTests
{
    /// <summary>A user layer from the public extension point: a learned scale per feature, (d,) weights.</summary>
    private sealed class FeatureScale : KerasLayer
    {
        public FeatureScale()
            : base("FeatureScale", null)
        {
        }

        public override LayerResult Build(LayerContext context)
        {
            long features = context.ExpectKnown(-1, "the number of features");
            return new LayerResult([context.Input], [new WeightTensor("scale", new TensorShape(features))]);
        }
    }

    [Fact]
    public void UserLayer_IsNamedCountedAndShaped()
    {
        ModelSummary summary = new KerasModelBuilder().Input(null, 5).Add(new FeatureScale()).Lstm(2).Build();

        summary.Rows[0].Name.Should().Be("feature_scale");
        summary.Rows[0].Params.Should().Be(5);
        summary.TotalParams.Should().Be(5 + Params.Lstm(2, 5));
    }

    [Fact]
    public void LayerContext_BuildsALayerOutsideABuilder()
    {
        var context = new LayerContext(new OutputShape(null, 7, 5), "lstm", Convention.Keras, null);

        LayerResult result = new Recurrent(CellType.Lstm, 4, returnSequences: true).Build(context);

        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 4));
        result.Weights.Sum(w => w.Count).Should().Be(160);
        result.Derivation!.Total.Should().Be(160);
        context.ClaimName("x").Should().Be("x");
        context.Index.Should().Be(0);
    }

    [Fact]
    public void LayerResult_RejectsBadParts()
    {
        FluentActions.Invoking(() => new LayerResult([], [])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new LayerResult([null!], [])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new LayerResult([new OutputShape(1L)], []) { MacsPerStep = -1 }).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Layer_RejectsEmptyNames()
    {
        FluentActions.Invoking(() => new Dense(3, name: "")).Should().Throw<ArgumentException>().Where(e => e.ParamName == "name");
    }
}
