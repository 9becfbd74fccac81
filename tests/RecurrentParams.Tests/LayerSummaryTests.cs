using System;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests;

public sealed class LayerSummaryTests
{
    private static readonly OutputShape Vector4 = new(null, 4);

    // Keras LSTM(4) on 5 features: kernel (5, 16), recurrent_kernel (4, 16), bias (16,) = 80 + 64 + 16 = 160.
    private static readonly WeightTensor[] LstmWeights =
    [
        new("kernel", "lstm_cell/kernel", new TensorShape(5, 16)),
        new("recurrent_kernel", "lstm_cell/recurrent_kernel", new TensorShape(4, 16)),
        new("bias", "lstm_cell/bias", new TensorShape(16)),
    ];

    [Fact]
    public void Constructor_SumsTheWeights()
    {
        var row = new LayerSummary("lstm", "LSTM", [Vector4], LstmWeights);

        row.Params.Should().Be(160);
        row.TrainableParams.Should().Be(160);
        row.NonTrainableParams.Should().Be(0);
        row.Name.Should().Be("lstm");
        row.ClassName.Should().Be("LSTM");
        row.OutputShape.Should().Be(Vector4);
        row.Weights.Should().Equal(LstmWeights);
        row.MacsPerStep.Should().Be(0);
        row.Derivation.Should().BeNull();
    }

    [Fact]
    public void Constructor_SplitsTrainableAndNonTrainable()
    {
        // Keras BatchNormalization(scale=False) on 3 features: beta (3,) trainable, moving mean and variance (3,) each not.
        WeightTensor[] weights =
        [
            new("beta", new TensorShape(3)),
            new("moving_mean", new TensorShape(3)) { Trainable = false },
            new("moving_variance", new TensorShape(3)) { Trainable = false },
        ];

        var row = new LayerSummary("batch_normalization", "BatchNormalization", [new OutputShape(null, 3)], weights);

        row.TrainableParams.Should().Be(3);
        row.NonTrainableParams.Should().Be(6);
        row.Params.Should().Be(9);
    }

    [Fact]
    public void Constructor_NoWeights_CountsZero()
    {
        var row = new LayerSummary("dropout", "Dropout", [Vector4], []);

        row.Params.Should().Be(0);
        row.Weights.Should().BeEmpty();
    }

    [Fact]
    public void Outputs_KeepsEveryShapeInOrder_MainFirst()
    {
        var sequence = new OutputShape(null, 7, 4);

        var row = new LayerSummary("lstm", "LSTM", [sequence, Vector4, Vector4], LstmWeights);

        row.Outputs.Should().Equal(sequence, Vector4, Vector4);
        row.OutputShape.Should().Be(sequence);
    }

    [Theory]
    [InlineData(null, "LSTM", "name")]
    [InlineData("lstm", null, "className")]
    public void Constructor_NullName_ThrowsArgumentNull(string? name, string? className, string paramName)
    {
        Action act = () => _ = new LayerSummary(name!, className!, [Vector4], []);

        act.Should().Throw<ArgumentNullException>().WithParameterName(paramName);
    }

    [Theory]
    [InlineData("", "LSTM", "name")]
    [InlineData("lstm", "", "className")]
    public void Constructor_EmptyName_ThrowsArgument(string name, string className, string paramName)
    {
        Action act = () => _ = new LayerSummary(name, className, [Vector4], []);

        act.Should().Throw<ArgumentException>().WithParameterName(paramName)
            .WithMessage("'" + paramName + "' must not be empty.*");
    }

    [Fact]
    public void Constructor_NullCollections_ThrowArgumentNull()
    {
        FluentActions.Invoking(() => new LayerSummary("d", "Dense", null!, [])).Should().Throw<ArgumentNullException>().WithParameterName("outputs");
        FluentActions.Invoking(() => new LayerSummary("d", "Dense", [Vector4], null!)).Should().Throw<ArgumentNullException>().WithParameterName("weights");
    }

    [Fact]
    public void Constructor_NoOutputs_ThrowsArgument()
    {
        Action act = () => _ = new LayerSummary("d", "Dense", [], []);

        act.Should().Throw<ArgumentException>().WithParameterName("outputs")
            .WithMessage("'outputs' must hold at least one shape and no null.*");
    }

    [Fact]
    public void Constructor_NullElements_ThrowArgument()
    {
        FluentActions.Invoking(() => new LayerSummary("d", "Dense", [Vector4, null!], [])).Should().Throw<ArgumentException>()
            .WithParameterName("outputs").WithMessage("*no null*");
        FluentActions.Invoking(() => new LayerSummary("d", "Dense", [Vector4], [LstmWeights[0], null!])).Should().Throw<ArgumentException>()
            .WithParameterName("weights").WithMessage("'weights' must not contain null.*");
    }

    [Fact]
    public void Constructor_TrainableOverflow_Throws()
    {
        WeightTensor huge = new("a", new TensorShape(long.MaxValue));

        Action act = () => _ = new LayerSummary("d", "Dense", [Vector4], [huge, huge with { Name = "b" }]);

        act.Should().Throw<OverflowException>();
    }

    [Fact]
    public void Constructor_NonTrainableOverflow_Throws()
    {
        WeightTensor huge = new("a", new TensorShape(long.MaxValue)) { Trainable = false };

        Action act = () => _ = new LayerSummary("d", "Dense", [Vector4], [huge, huge with { Name = "b" }]);

        act.Should().Throw<OverflowException>();
    }

    [Fact]
    public void Constructor_TotalOverflow_Throws()
    {
        // Each part fits in a long; their sum does not.
        WeightTensor trainable = new("a", new TensorShape(long.MaxValue));
        WeightTensor frozen = new("b", new TensorShape(1)) { Trainable = false };

        Action act = () => _ = new LayerSummary("d", "Dense", [Vector4], [trainable, frozen]);

        act.Should().Throw<OverflowException>();
    }

    [Fact]
    public void Constructor_CopiesTheCollections()
    {
        OutputShape[] outputs = [Vector4];
        WeightTensor[] weights = [LstmWeights[0]];
        var row = new LayerSummary("lstm", "LSTM", outputs, weights);

        outputs[0] = new OutputShape(null, 9);
        weights[0] = LstmWeights[1];

        row.OutputShape.Should().Be(Vector4);
        row.Weights[0].Should().Be(LstmWeights[0]);
    }

    [Fact]
    public void ToString_NamesClassShapesAndCount()
    {
        var row = new LayerSummary("lstm", "LSTM", [new OutputShape(null, 7, 4), Vector4, Vector4], LstmWeights);

        row.ToString().Should().Be("lstm (LSTM): (None, 7, 4), (None, 4), (None, 4), 160 params");
    }

    [Fact]
    public void ToString_WithNote_AppendsTheNote()
    {
        var row = new LayerSummary("lstm", "LSTM", [Vector4], LstmWeights) { Note = "W is a graph input the runtime feeds" };

        row.ToString().Should().Be("lstm (LSTM): (None, 4), 160 params; W is a graph input the runtime feeds");
        new LayerSummary("lstm", "LSTM", [Vector4], LstmWeights).Note.Should().BeNull();
    }

    [Fact]
    public void Equals_RowsThatDifferOnlyInTheNote_AreEqual()
    {
        var a = new LayerSummary("lstm", "LSTM", [Vector4], LstmWeights);
        var b = new LayerSummary("lstm", "LSTM", [Vector4], LstmWeights) { Note = "counted from declared shapes" };

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Fact]
    public void Equals_SameContent_IsTrue_AndIgnoresTheDerivation()
    {
        var a = new LayerSummary("lstm", "LSTM", [Vector4], LstmWeights) { MacsPerStep = 144, InputShape = new OutputShape(null, 7, 5) };
        var b = new LayerSummary("lstm", "LSTM", [Vector4], LstmWeights)
        {
            MacsPerStep = 144,
            InputShape = new OutputShape(null, 7, 5),
            Derivation = new Derivation("LSTM", [new DerivationTerm(string.Empty, ["160"], 160)]),
        };

        a.Equals(b).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Fact]
    public void Equals_AnyComparedPartDiffers_IsFalse()
    {
        var a = new LayerSummary("lstm", "LSTM", [Vector4], LstmWeights) { MacsPerStep = 144 };

        a.Should().NotBe(new LayerSummary("lstm_1", "LSTM", [Vector4], LstmWeights) { MacsPerStep = 144 });
        a.Should().NotBe(new LayerSummary("lstm", "GRU", [Vector4], LstmWeights) { MacsPerStep = 144 });
        a.Should().NotBe(new LayerSummary("lstm", "LSTM", [Vector4], LstmWeights) { MacsPerStep = 145 });
        a.Should().NotBe(new LayerSummary("lstm", "LSTM", [new OutputShape(null, 5)], LstmWeights) { MacsPerStep = 144 });
        a.Should().NotBe(new LayerSummary("lstm", "LSTM", [Vector4, Vector4], LstmWeights) { MacsPerStep = 144 });
        a.Should().NotBe(new LayerSummary("lstm", "LSTM", [Vector4], LstmWeights[..2]) { MacsPerStep = 144 });
        a.Should().NotBe(new LayerSummary("lstm", "LSTM", [Vector4], LstmWeights) { MacsPerStep = 144, InputShape = new OutputShape(null, 7, 5) });
        a.Equals("lstm").Should().BeFalse();
        new LayerSummary("lstm", "LSTM", [Vector4], LstmWeights).Equals((LayerSummary?)null).Should().BeFalse();
        new LayerSummary("lstm", "LSTM", [Vector4], LstmWeights).Equals((object?)null).Should().BeFalse();
    }

    [Fact]
    public void TreeProperties_DefaultToAFlatLayer_AndTakePartInEquality()
    {
        var row = new LayerSummary("conv", "Conv1d", [new OutputShape(1, 4, 8)], []);

        (row.Depth, row.IsLeaf, row.IsRecursive, row.KernelSize, row.OutputElementType).Should().Be((1, true, false, (System.Collections.Generic.IReadOnlyList<int>?)null, (ElementType?)null));
        var tree = new LayerSummary("conv", "Conv1d", [new OutputShape(1, 4, 8)], []) { Depth = 2, KernelSize = [3], OutputElementType = ElementType.Float64 };
        tree.KernelSize.Should().Equal(3);
        tree.Should().Be(new LayerSummary("conv", "Conv1d", [new OutputShape(1, 4, 8)], []) { Depth = 2, KernelSize = [3], OutputElementType = ElementType.Float64 });
        tree.Should().NotBe(row);
        row.Should().NotBe(new LayerSummary("conv", "Conv1d", [new OutputShape(1, 4, 8)], []) { KernelSize = [] });
        row.Should().NotBe(new LayerSummary("conv", "Conv1d", [new OutputShape(1, 4, 8)], []) { IsLeaf = false });
        row.Should().NotBe(new LayerSummary("conv", "Conv1d", [new OutputShape(1, 4, 8)], []) { IsRecursive = true });
        FluentActions.Invoking(() => new LayerSummary("x", "X", [OutputShape.Unknown], []) { Depth = -1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("depth");
    }
}
