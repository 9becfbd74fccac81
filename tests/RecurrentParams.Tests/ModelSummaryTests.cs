using System;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests;

public sealed class ModelSummaryTests
{
    private static readonly OutputShape Input = new(null, 7, 5);

    // Dense(3) on 4 features: kernel (4, 3) + bias (3,) = 15; BatchNormalization(3): 6 trainable + 6 not.
    private static readonly LayerSummary DenseRow = new("dense", "Dense", [new OutputShape(null, 3)], [new WeightTensor("kernel", new TensorShape(4, 3)), new WeightTensor("bias", new TensorShape(3))]) { MacsPerStep = 12 };

    private static readonly LayerSummary NormRow = new("batch_normalization", "BatchNormalization", [new OutputShape(null, 3)],
    [
        new WeightTensor("gamma", new TensorShape(3)),
        new WeightTensor("beta", new TensorShape(3)),
        new WeightTensor("moving_mean", new TensorShape(3)) { Trainable = false },
        new WeightTensor("moving_variance", new TensorShape(3)) { Trainable = false },
    ]);

    [Fact]
    public void Constructor_SumsTheRows()
    {
        var summary = new ModelSummary("m", Convention.Keras, Input, [DenseRow, NormRow]);

        summary.TrainableParams.Should().Be(15 + 6);
        summary.NonTrainableParams.Should().Be(6);
        summary.TotalParams.Should().Be(27);
        summary.MacsPerStep.Should().Be(12);
        summary.Name.Should().Be("m");
        summary.Convention.Should().Be(Convention.Keras);
        summary.Input.Should().Be(Input);
        summary.Rows.Should().Equal(DenseRow, NormRow);
        summary.InputElementType.Should().Be(ElementType.Float32);
    }

    [Fact]
    public void Output_DefaultsToTheLastRowsMainOutput()
    {
        var summary = new ModelSummary("m", Convention.Keras, Input, [NormRow, DenseRow]);

        summary.Output.Should().Be(new OutputShape(null, 3));
    }

    [Fact]
    public void Output_WhenSet_OverridesTheLastRow()
    {
        var summary = new ModelSummary("m", Convention.Torch, null, [DenseRow]) { Output = new OutputShape(1, 3) };

        summary.Output.Should().Be(new OutputShape(1, 3));
        summary.Input.Should().BeNull();
    }

    [Fact]
    public void Output_SetToNull_ThrowsArgumentNull()
    {
        Action act = () => _ = new ModelSummary("m", Convention.Keras, Input, [DenseRow]) { Output = null! };

        act.Should().Throw<ArgumentNullException>().WithParameterName("output");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Constructor_UndefinedConvention_ThrowsOutOfRange(int convention)
    {
        Action act = () => _ = new ModelSummary("m", (Convention)convention, Input, [DenseRow]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(convention))
            .WithMessage("'convention' must be Convention.Keras or Convention.Torch; got " + convention + ".*");
    }

    [Fact]
    public void Constructor_NullArguments_ThrowArgumentNull()
    {
        FluentActions.Invoking(() => new ModelSummary(null!, Convention.Keras, Input, [DenseRow])).Should().Throw<ArgumentNullException>().WithParameterName("name");
        FluentActions.Invoking(() => new ModelSummary("m", Convention.Keras, Input, null!)).Should().Throw<ArgumentNullException>().WithParameterName("rows");
        FluentActions.Invoking(() => new ModelSummary("m", Convention.Keras, Input, [DenseRow, null!])).Should().Throw<ArgumentNullException>().WithParameterName("rows");
    }

    [Fact]
    public void Constructor_EmptyName_ThrowsArgument()
    {
        Action act = () => _ = new ModelSummary(string.Empty, Convention.Keras, Input, [DenseRow]);

        act.Should().Throw<ArgumentException>().WithParameterName("name").WithMessage("'name' must not be empty.*");
    }

    [Fact]
    public void Constructor_NoRows_ThrowsArgument()
    {
        Action act = () => _ = new ModelSummary("m", Convention.Keras, Input, []);

        act.Should().Throw<ArgumentException>().WithParameterName("rows").WithMessage("'rows' must hold at least one layer.*");
    }

    [Fact]
    public void Constructor_TotalsPastLongMaxValue_ThrowOverflow()
    {
        var huge = new LayerSummary("a", "Dense", [Input], [new WeightTensor("kernel", new TensorShape(long.MaxValue))]);
        var frozen = new LayerSummary("b", "Dense", [Input], [new WeightTensor("m", new TensorShape(1)) { Trainable = false }]);
        var hugeFrozen = new LayerSummary("c", "Dense", [Input], [new WeightTensor("m", new TensorShape(long.MaxValue)) { Trainable = false }]);
        var hugeMacs = new LayerSummary("d", "Dense", [Input], []) { MacsPerStep = long.MaxValue };

        FluentActions.Invoking(() => new ModelSummary("m", Convention.Keras, Input, [huge, huge])).Should().Throw<OverflowException>();
        FluentActions.Invoking(() => new ModelSummary("m", Convention.Keras, Input, [hugeFrozen, hugeFrozen])).Should().Throw<OverflowException>();
        FluentActions.Invoking(() => new ModelSummary("m", Convention.Keras, Input, [hugeMacs, hugeMacs])).Should().Throw<OverflowException>();
        FluentActions.Invoking(() => new ModelSummary("m", Convention.Keras, Input, [huge, frozen])).Should().Throw<OverflowException>();
    }

    [Theory]
    [InlineData(ElementType.Float32, 4)]
    [InlineData(ElementType.Float16, 2)]
    [InlineData(ElementType.BFloat16, 2)]
    [InlineData(ElementType.Int8, 1)]
    [InlineData(ElementType.Float64, 8)]
    [InlineData(ElementType.Int64, 8)]
    [InlineData(ElementType.Int32, 4)]
    public void ElementSize_IsTheDtypeWidthInBytes(ElementType elementType, int expected)
    {
        int size = RecurrentParams.Internal.ElementTypes.Size(elementType);

        size.Should().Be(expected);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void ElementSize_UndefinedValue_ThrowsOutOfRange(int value)
    {
        Action act = () => RecurrentParams.Internal.ElementTypes.Size((ElementType)value);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("elementType")
            .WithMessage("'elementType' must be a defined ElementType.*");
    }

    [Fact]
    public void ParameterBytes_IsTotalTimesElementSize()
    {
        var summary = new ModelSummary("m", Convention.Keras, Input, [DenseRow, NormRow]);

        // 27 parameters (moving statistics included, as Keras counts its memory).
        summary.ParameterBytes().Should().Be(27 * 4);
        summary.ParameterBytes(ElementType.Int32).Should().Be(27 * 4);
        summary.ParameterBytes(ElementType.Int64).Should().Be(27 * 8);
    }

    [Fact]
    public void ParameterBytes_PastLongMaxValue_ThrowsOverflow()
    {
        // (2^63 - 1) / 4 + 1 parameters take more than long.MaxValue bytes as float32, but fit as int8.
        long count = (long.MaxValue / 4) + 1;
        var summary = new ModelSummary("m", Convention.Keras, Input, [new LayerSummary("a", "Dense", [Input], [new WeightTensor("kernel", new TensorShape(count))])]);

        FluentActions.Invoking(() => summary.ParameterBytes()).Should().Throw<OverflowException>();
        summary.ParameterBytes(ElementType.Int8).Should().Be(count);
    }

    [Theory]
    [InlineData(1024L * 1024, "1.00 MB")]
    [InlineData((1024L * 1024) - 1, "1024.00 KB")] // 1048575 / 1024 = 1023.999 rounds up to two decimals.
    [InlineData(1024L * 1024 * 1024 * 1024, "1.00 TB")]
    [InlineData(1024L * 1024 * 1024 * 1024 * 1024, "1.00 PB")]
    [InlineData(1024L * 1024 * 1024 * 1024 * 1024 * 512, "512.00 PB")]
    public void FormatBytes_LargeSizes_UseTheLargestFittingUnit(long bytes, string expected)
    {
        string text = RecurrentParams.Rendering.ByteSize.Format(bytes);

        text.Should().Be(expected);
    }

    [Fact]
    public void FormatBytes_PastThePetabyteRange_DividesOnceMore_AsKerasDoes()
    {
        // Keras 3 keras/src/utils/summary_utils.py readable_memory_size divides by 1024 before testing the next unit,
        // also after "PB", then prints the last unit: 2^60 bytes (1024 PB) prints "1.00 PB", long.MaxValue ≈ 2^63
        // prints 2^63 / 2^60 = "8.00 PB".
        RecurrentParams.Rendering.ByteSize.Format(1L << 60).Should().Be("1.00 PB");
        RecurrentParams.Rendering.ByteSize.Format(long.MaxValue).Should().Be("8.00 PB");
    }

    [Fact]
    public void FormatBytes_Negative_ThrowsOutOfRange()
    {
        Action act = () => RecurrentParams.Rendering.ByteSize.Format(-1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("bytes")
            .WithMessage("'bytes' must be 0 or more; got -1.*")
            .Which.ActualValue.Should().Be(-1L);
    }

    [Fact]
    public void Equals_SameContent_IsTrueWithEqualHashCodes()
    {
        var a = new ModelSummary("m", Convention.Keras, Input, [DenseRow, NormRow]);
        var b = new ModelSummary("m", Convention.Keras, new OutputShape(null, 7, 5), [DenseRow, NormRow]);

        a.Equals(b).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Fact]
    public void Equals_AnyComparedPartDiffers_IsFalse()
    {
        var a = new ModelSummary("m", Convention.Keras, Input, [DenseRow]);

        a.Should().NotBe(new ModelSummary("n", Convention.Keras, Input, [DenseRow]));
        a.Should().NotBe(new ModelSummary("m", Convention.Torch, Input, [DenseRow]));
        a.Should().NotBe(new ModelSummary("m", Convention.Keras, null, [DenseRow]));
        a.Should().NotBe(new ModelSummary("m", Convention.Keras, new OutputShape(null, 8, 5), [DenseRow]));
        a.Should().NotBe(new ModelSummary("m", Convention.Keras, Input, [DenseRow]) { Output = new OutputShape(null, 2) });
        a.Should().NotBe(new ModelSummary("m", Convention.Keras, Input, [DenseRow]) { InputElementType = ElementType.Int32 });
        a.Should().NotBe(new ModelSummary("m", Convention.Keras, Input, [NormRow]));
        a.Should().NotBe(new ModelSummary("m", Convention.Keras, Input, [DenseRow, DenseRow]));
        new ModelSummary("m", Convention.Keras, Input, [DenseRow]).Equals((ModelSummary?)null).Should().BeFalse();
        new ModelSummary("m", Convention.Keras, Input, [DenseRow]).Equals((object?)null).Should().BeFalse();
    }

    [Fact]
    public void Rows_IsAReadOnlyCopy()
    {
        LayerSummary[] rows = [DenseRow];
        var summary = new ModelSummary("m", Convention.Keras, Input, rows);

        rows[0] = NormRow;

        summary.Rows.Should().Equal(DenseRow);
    }

    [Fact]
    public void Constructor_ModuleTree_CountsLeavesAndWhatContainersKeepToThemselves()
    {
        // torchinfo's totals: a container counts only the parameters no row below it counts (its own 6 here);
        // a recursive row counts nothing.
        var child = new LayerSummary("body.0", "Linear", [new OutputShape(1, 3)], [new WeightTensor("weight", new TensorShape(3, 3))]) { Depth = 2 };
        var body = new LayerSummary("body", "Block", [new OutputShape(1, 3)], [new WeightTensor("scale", new TensorShape(6)), new WeightTensor("0.weight", new TensorShape(3, 3))]) { Depth = 1, IsLeaf = false };
        var again = new LayerSummary("body.0", "Linear", [new OutputShape(1, 3)], child.Weights) { Depth = 2, IsRecursive = true };
        var root = new LayerSummary("Net", "Net", [new OutputShape(1, 3)], body.Weights) { Depth = 0, IsLeaf = false };

        var summary = new ModelSummary("Net", Convention.Torch, new OutputShape(1, 3), [root, body, child, again]);

        summary.TotalParams.Should().Be(15);
        summary.TrainableParams.Should().Be(15);
        summary.NonTrainableParams.Should().Be(0);
    }

    [Fact]
    public void Constructor_DepthZeroAfterTheFirstRow_Throws()
    {
        Action act = () => _ = new ModelSummary("m", Convention.Torch, null, [DenseRow, new LayerSummary("x", "X", [OutputShape.Unknown], []) { Depth = 0 }]);

        act.Should().Throw<ArgumentException>().WithParameterName("rows").WithMessage("Only the first row may have depth 0 (the model itself); row 1 ('x') has it.*");
    }

    [Fact]
    public void Module_OnAKerasSummary_Throws()
    {
        Action act = () => _ = new ModelSummary("m", Convention.Keras, Input, [DenseRow]) { Module = new RecurrentParams.Torch.Tanh() };

        act.Should().Throw<ArgumentException>().WithParameterName("module");
    }
}
