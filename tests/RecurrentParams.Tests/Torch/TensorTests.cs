using System;
using FluentAssertions;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class TensorTests
{
    private static readonly Tensor X = Probe.Floats(2, 3, 4);

    /// <summary>A tensor operation run in a forward pass, where its failures are reported.</summary>
    private static Tensor Run(Func<Tensor, Tensor> operation) =>
        Probe.Run(new CustomModule("Op", forward: (_, x) => operation(x)), X);

    [Fact]
    public void Zeros_HasTheShapeAndType()
    {
        Tensor t = Tensor.Zeros(ElementType.Int64, 2, 0, 3);

        t.Shape.Should().Equal(2, 0, 3);
        t.ElementType.Should().Be(ElementType.Int64);
        t.IsTuple.Should().BeFalse();
        t.IsPackedSequence.Should().BeFalse();
        t.ToString().Should().Be("a tensor [2, 0, 3] of Int64");
    }

    [Fact]
    public void Zeros_BadArguments_Throw()
    {
        FluentActions.Invoking(() => Tensor.Zeros(ElementType.Float32, null!)).Should().Throw<ArgumentNullException>().WithParameterName("size");
        FluentActions.Invoking(() => Tensor.Zeros(ElementType.Float32, -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("size");
        FluentActions.Invoking(() => Tensor.Zeros((ElementType)99, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("elementType");
    }

    [Theory]
    [InlineData(new long[] { -1, 4 }, new long[] { 6, 4 })]
    [InlineData(new long[] { 2, -1 }, new long[] { 2, 12 })]
    [InlineData(new long[] { 24 }, new long[] { 24 })]
    public void ViewAndReshape_InferMinusOne(long[] target, long[] expected)
    {
        X.View(target).Shape.Should().Equal(expected);
        X.Reshape(target).Shape.Should().Equal(expected);
    }

    [Theory]
    [InlineData(new long[] { 5, -1 }, "view: shape [5, -1] is invalid for input of size 24 [2, 3, 4]")]
    [InlineData(new long[] { 5, 5 }, "view: shape [5, 5] is invalid for input of size 24 [2, 3, 4]")]
    [InlineData(new long[] { -1, -1 }, "view: shape [-1, -1] has a negative size other than a single -1")]
    [InlineData(new long[] { 0, -1 }, "view: shape [0, -1] is invalid for input of size 24 [2, 3, 4]")]
    public void View_Invalid_FailsInTheForwardPass(long[] target, string problem)
    {
        Action act = () => Run(x => x.View(target));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (Op) " + problem + ".");
    }

    [Fact]
    public void Permute_Transpose_Flatten_Unsqueeze_Squeeze_FollowPyTorch()
    {
        X.Permute(0, 2, 1).Shape.Should().Equal(2, 4, 3);
        X.Permute(-1, 0, 1).Shape.Should().Equal(4, 2, 3);
        X.Transpose(1, -1).Shape.Should().Equal(2, 4, 3);
        X.Flatten().Shape.Should().Equal(24);
        X.Flatten(1).Shape.Should().Equal(2, 12);
        X.Flatten(0, 1).Shape.Should().Equal(6, 4);
        Tensor.Zeros(ElementType.Float32).Flatten().Shape.Should().Equal(1);
        X.Unsqueeze(1).Shape.Should().Equal(2, 1, 3, 4);
        X.Unsqueeze(-1).Shape.Should().Equal(2, 3, 4, 1);
        X.Unsqueeze(1).Squeeze(1).Shape.Should().Equal(2, 3, 4);
        X.Squeeze(0).Should().BeSameAs(X, "a dimension of size 2 is not squeezed");
        Tensor.Zeros(ElementType.Float32).Squeeze(0).Shape.Should().BeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Operations_BadDimensions_Fail(int which)
    {
        Func<Tensor, Tensor> operation = which switch
        {
            0 => x => x.Permute(0, 1),
            1 => x => x.Flatten(2, 1),
            _ => x => x.Transpose(0, 3),
        };

        Action act = () => Run(operation);

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (Op) *");
    }

    [Fact]
    public void Select_DropsTheDimension_AndChecksTheIndex()
    {
        X.Select(1, -1).Shape.Should().Equal(2, 4);
        X.Select(0, 1).Shape.Should().Equal(3, 4);

        Action act = () => Run(x => x.Select(1, 3));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (Op) select: index 3 is out of range for dimension 1 of size 3 in [2, 3, 4].");
    }

    [Fact]
    public void Narrow_Slices_AndChecksTheRange()
    {
        X.Narrow(2, 1, 2).Shape.Should().Equal(2, 3, 2);
        X.Narrow(2, -2, 2).Shape.Should().Equal(2, 3, 2);

        Action act = () => Run(x => x.Narrow(2, 3, 2));

        act.Should().Throw<InvalidOperationException>().WithMessage("*narrow: positions 3 to 3 + 2 do not lie inside dimension 2 of size 4.");
    }

    [Fact]
    public void MeanAndSum_Reduce()
    {
        X.Mean(1).Shape.Should().Equal(2, 4);
        X.Sum(-1, keepDim: true).Shape.Should().Equal(2, 3, 1);
    }

    [Fact]
    public void To_ChangesTheType_OfATensorOrAPackedSequence()
    {
        X.To(ElementType.Float64).ElementType.Should().Be(ElementType.Float64);
        Tensor packed = Tensor.PackPaddedSequence(X, [3, 2], batchFirst: true).To(ElementType.BFloat16);
        packed.Data.ElementType.Should().Be(ElementType.BFloat16);
        FluentActions.Invoking(() => X.To((ElementType)99)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Run(_ => Tensor.Tuple(X).To(ElementType.Float64))).Should().Throw<InvalidOperationException>().WithMessage("*to: a tuple cannot be converted; convert its elements.");
    }

    [Fact]
    public void CatAndStack_JoinTensors()
    {
        Tensor.Cat([X, Probe.Floats(2, 5, 4)], 1).Shape.Should().Equal(2, 8, 4);
        Tensor.Cat([X], -1).Shape.Should().Equal(2, 3, 4);
        Tensor.Stack([X, X, X]).Shape.Should().Equal(3, 2, 3, 4);
        Tensor.Stack([X, X], -1).Shape.Should().Equal(2, 3, 4, 2);
    }

    [Fact]
    public void CatAndStack_Mismatches_Fail()
    {
        FluentActions.Invoking(() => Run(x => Tensor.Cat([x, Probe.Floats(2, 5, 5)], 1))).Should().Throw<InvalidOperationException>().WithMessage("*cat: the tensors [2, 3, 4], [2, 5, 5] differ outside dimension 1.");
        FluentActions.Invoking(() => Run(x => Tensor.Stack([x, Probe.Floats(2, 3)]))).Should().Throw<InvalidOperationException>().WithMessage("*stack: the tensors [2, 3, 4], [2, 3] differ in shape.");
        FluentActions.Invoking(() => Run(_ => Tensor.Cat([]))).Should().Throw<InvalidOperationException>().WithMessage("*cat: expects at least one tensor.");
        FluentActions.Invoking(() => Run(x => Tensor.Cat([x, x.To(ElementType.Float64)]))).Should().Throw<InvalidOperationException>().WithMessage("*cat: the tensors' element types differ (Float32, Float64).");
        FluentActions.Invoking(() => Tensor.Cat(null!)).Should().Throw<ArgumentNullException>().WithParameterName("tensors");
        FluentActions.Invoking(() => Tensor.Stack([X, null!])).Should().Throw<ArgumentNullException>().WithParameterName("tensors");
    }

    [Fact]
    public void AddAndMultiply_Broadcast()
    {
        (X + Probe.Floats(4)).Shape.Should().Equal(2, 3, 4);
        (Probe.Floats(3, 1) * X).Shape.Should().Equal(2, 3, 4);
        Tensor.Add(X, X.To(ElementType.Float64)).ElementType.Should().Be(ElementType.Float64);
        Tensor.Multiply(Tensor.Zeros(ElementType.Int64, 4), X).ElementType.Should().Be(ElementType.Float32);
        Tensor.Add(X.To(ElementType.Float16), X.To(ElementType.BFloat16)).ElementType.Should().Be(ElementType.Float32);
        Tensor.Add(X.To(ElementType.Float16), Tensor.Zeros(ElementType.Int32, 4)).ElementType.Should().Be(ElementType.Float16);
        Tensor.Add(Tensor.Zeros(ElementType.Int8, 4), Tensor.Zeros(ElementType.Int32, 4)).ElementType.Should().Be(ElementType.Int32);

        Action act = () => Run(x => x + Probe.Floats(3));

        act.Should().Throw<InvalidOperationException>().WithMessage("*add: the shapes [2, 3, 4] and [3] do not broadcast.");
    }

    [Fact]
    public void Tuple_Items_AndDeconstruction()
    {
        Tensor pair = Tensor.Tuple(X, Tensor.Tuple(Probe.Floats(1), Probe.Floats(2)));

        pair.IsTuple.Should().BeTrue();
        pair.Count.Should().Be(2);
        pair.Item(-1).Item(1).Shape.Should().Equal(2);
        (Tensor first, Tensor second) = pair;
        first.Should().BeSameAs(X);
        (Tensor a, Tensor b, Tensor c) = Tensor.Tuple(X, X, X);
        new[] { a, b, c }.Should().AllSatisfy(t => t.Should().BeSameAs(X));
        pair.ToString().Should().Be("a tuple of 2 (a tensor [2, 3, 4] of Float32, a tuple of 2 (a tensor [1] of Float32, a tensor [2] of Float32))");
    }

    [Fact]
    public void Tuple_Misuse_Fails()
    {
        FluentActions.Invoking(() => Tensor.Tuple(null!)).Should().Throw<ArgumentNullException>().WithParameterName("items");
        FluentActions.Invoking(() => Tensor.Tuple(X, null!)).Should().Throw<ArgumentNullException>().WithParameterName("items");
        FluentActions.Invoking(() => Tensor.Tuple(X).ElementType).Should().Throw<InvalidOperationException>().WithMessage("A tuple has no element type*");
        FluentActions.Invoking(() => Tensor.Tuple(X).Shape).Should().Throw<InvalidOperationException>().WithMessage("shape: expects a tensor but receives a tuple of 1*; take an element with Item(index)*");
        FluentActions.Invoking(() => X.Count).Should().Throw<InvalidOperationException>().WithMessage("len(): expects a tuple but receives a tensor*");
        FluentActions.Invoking(() => Run(_ => Tensor.Tuple(X).Item(1))).Should().Throw<InvalidOperationException>().WithMessage("*tuple index 1 is out of range for a tuple of 1.");
        FluentActions.Invoking(() => { (Tensor p, Tensor q) = Tensor.Tuple(X); }).Should().Throw<InvalidOperationException>().WithMessage("unpacking: expects a tuple of 2 but receives a tuple of 1*");
        FluentActions.Invoking(() => { (Tensor p, Tensor q, Tensor r) = X; }).Should().Throw<InvalidOperationException>().WithMessage("unpacking: expects a tuple but receives a tensor*");
        FluentActions.Invoking(() => X.Data).Should().Throw<InvalidOperationException>().WithMessage("Only a PackedSequence has .data; this is a tensor [2, 3, 4] of Float32.");
    }

    [Fact]
    public void PackPaddedSequence_StacksTheSteps_AndPadPackedSequenceRestoresTheBatch()
    {
        Tensor packed = Tensor.PackPaddedSequence(Probe.Floats(7, 3, 5), [7, 5, 2]);

        packed.IsPackedSequence.Should().BeTrue();
        packed.Data.Shape.Should().Equal(14, 5);
        packed.ToString().Should().Be("a PackedSequence (data [14, 5] of Float32)");
        (Tensor padded, Tensor lengths) = Tensor.PadPackedSequence(packed, batchFirst: true);
        padded.Shape.Should().Equal(3, 7, 5);
        lengths.Shape.Should().Equal(3);
        lengths.ElementType.Should().Be(ElementType.Int64);
        Tensor.PadPackedSequence(packed).Item(0).Shape.Should().Equal(7, 3, 5);
        FluentActions.Invoking(() => packed.Shape).Should().Throw<InvalidOperationException>().WithMessage("*use its Data or pad it back*");
    }

    [Theory]
    [InlineData(new long[] { 7, 5 }, true, "expects 3 lengths (one per sequence) but receives 2")]
    [InlineData(new long[] { 7, 8, 2 }, false, "length 8 is not in [1, 7], the time steps of [7, 3, 5]")]
    [InlineData(new long[] { 2, 7, 5 }, true, "the lengths [2, 7, 5] are not in decreasing order; sort them or pass enforceSorted: false")]
    public void PackPaddedSequence_BadLengths_Fail(long[] lengths, bool enforceSorted, string problem)
    {
        Action act = () => Run(_ => Tensor.PackPaddedSequence(Probe.Floats(7, 3, 5), lengths, enforceSorted: enforceSorted));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (Op) pack_padded_sequence: " + problem + ".");
    }

    [Fact]
    public void PackAndPad_Misuse_Fails()
    {
        FluentActions.Invoking(() => Run(_ => Tensor.PackPaddedSequence(Probe.Floats(7), [7]))).Should().Throw<InvalidOperationException>().WithMessage("*at least 2 dimensions*");
        FluentActions.Invoking(() => Run(x => Tensor.PadPackedSequence(x))).Should().Throw<InvalidOperationException>().WithMessage("*pad_packed_sequence: expects a PackedSequence but receives a tensor*");
        FluentActions.Invoking(() => Tensor.PackPaddedSequence(null!, [1])).Should().Throw<ArgumentNullException>().WithParameterName("input");
        FluentActions.Invoking(() => Tensor.PackPaddedSequence(X, null!)).Should().Throw<ArgumentNullException>().WithParameterName("lengths");
        FluentActions.Invoking(() => Tensor.PadPackedSequence(null!)).Should().Throw<ArgumentNullException>().WithParameterName("sequence");
        FluentActions.Invoking(() => Tensor.Add(null!, X)).Should().Throw<ArgumentNullException>().WithParameterName("left");
        FluentActions.Invoking(() => Tensor.Add(X, null!)).Should().Throw<ArgumentNullException>().WithParameterName("right");
        FluentActions.Invoking(() => X.View(null!)).Should().Throw<ArgumentNullException>().WithParameterName("shape");
        FluentActions.Invoking(() => X.Permute(null!)).Should().Throw<ArgumentNullException>().WithParameterName("dims");
    }
}
