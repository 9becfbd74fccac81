using System;
using System.Collections.Generic;
using System.Diagnostics.Contracts;
using System.Globalization;
using System.Linq;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>
/// What flows through a PyTorch <c>forward</c> when the library runs a model: a tensor (its sizes and element type,
/// never values), a <c>PackedSequence</c>, or a tuple of them, with the shape-only operations forward passes use.
/// </summary>
/// <remarks>
/// <para>A module's <see cref="TorchModule.Forward"/> receives tensors and returns one; a <see cref="CustomModule"/>'s
/// forward is written with them as in Python: <c>var (output, _) = self.Call("lstm", x); return output.Select(1, -1);</c>.
/// The operations check what PyTorch checks (a view's element count, a dimension's range) and fail with
/// <see cref="InvalidOperationException"/>, which names the module running them.</para>
/// <para>Dimensions follow Python: negative ones count from the end. Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class Tensor
{
    private readonly long[] shape;
    private readonly Tensor[] items;
    private readonly long[] lengths;
    private readonly ElementType elementType;

    private Tensor(ElementType elementType, long[] shape, Tensor[] items, long[] lengths, TensorKind kind)
    {
        this.elementType = elementType;
        this.shape = shape;
        this.items = items;
        this.lengths = lengths;
        Kind = kind;
    }

    private enum TensorKind
    {
        Tensor,
        Packed,
        Tuple,
    }

    /// <summary>Gets a value indicating whether this is a tuple (a recurrent module's <c>(output, h_n)</c>).</summary>
    /// <value><see langword="true"/> for a tuple made by a module or by <see cref="Tuple"/>.</value>
    public bool IsTuple => Kind == TensorKind.Tuple;

    /// <summary>Gets a value indicating whether this is a <c>PackedSequence</c> (see <see cref="PackPaddedSequence"/>).</summary>
    /// <value><see langword="true"/> for a packed sequence.</value>
    public bool IsPackedSequence => Kind == TensorKind.Packed;

    /// <summary>Gets the sizes of the tensor, PyTorch's <c>x.shape</c>.</summary>
    /// <value>The dimensions, outermost first; empty for a scalar.</value>
    /// <exception cref="InvalidOperationException">This is a tuple or a packed sequence, which have no shape (take an element, or <see cref="Data"/>).</exception>
    public IReadOnlyList<long> Shape => Array.AsReadOnly(TensorOnly("shape").shape);

    /// <summary>Gets the element type of the tensor, or of a packed sequence's data.</summary>
    /// <value>For example <see cref="ElementType.Float32"/>, or <see cref="ElementType.Int64"/> for token ids.</value>
    /// <exception cref="InvalidOperationException">This is a tuple.</exception>
    public ElementType ElementType
    {
        get
        {
            if (IsTuple)
            {
                throw new InvalidOperationException("A tuple has no element type; take one of its elements with Item(index).");
            }

            return elementType;
        }
    }

    /// <summary>Gets the number of elements of a tuple, Python's <c>len(t)</c>.</summary>
    /// <value>0 or more.</value>
    /// <exception cref="InvalidOperationException">This is not a tuple.</exception>
    public int Count => TupleOnly("len()").items.Length;

    /// <summary>Gets the data of a packed sequence, <c>packed.data</c>: the steps of every sequence stacked, <c>(sum(lengths), *)</c>.</summary>
    /// <value>A tensor.</value>
    /// <exception cref="InvalidOperationException">This is not a packed sequence.</exception>
    public Tensor Data
    {
        get
        {
            if (!IsPackedSequence)
            {
                throw new InvalidOperationException("Only a PackedSequence has .data; this is " + Describe() + ".");
            }

            return new Tensor(ElementType, shape, [], [], TensorKind.Tensor);
        }
    }

    private TensorKind Kind { get; }

    /// <summary>Creates a tensor of zeros, as <c>torch.zeros(*size, dtype=...)</c> (an initial hidden state).</summary>
    /// <param name="elementType">The element type.</param>
    /// <param name="size">The dimensions, each 0 or more.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="size"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or <paramref name="elementType"/> is not defined.</exception>
    public static Tensor Zeros(ElementType elementType, params long[] size)
    {
        ElementTypes.Size(elementType);
        Guard.NotNull(size, nameof(size));
        foreach (long d in size)
        {
            if (d < 0)
            {
                Guard.ThrowOutOfRange(nameof(size), d, "must hold dimensions of 0 or more");
            }
        }

        return Of(elementType, (long[])size.Clone());
    }

    /// <summary>Creates a tuple, as Python's <c>(a, b)</c>.</summary>
    /// <param name="items">The elements.</param>
    /// <returns>The tuple.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or an element is <see langword="null"/>.</exception>
    public static Tensor Tuple(params Tensor[] items)
    {
        Guard.NotNull(items, nameof(items));
        foreach (Tensor item in items)
        {
            Guard.NotNull(item, nameof(items));
        }

        return new Tensor(ElementType.Float32, [], (Tensor[])items.Clone(), [], TensorKind.Tuple);
    }

    /// <summary>Concatenates tensors along a dimension, as <c>torch.cat(tensors, dim)</c>.</summary>
    /// <param name="tensors">At least one tensor; all of one rank, element type and size except along <paramref name="dim"/>.</param>
    /// <param name="dim">The dimension; negative counts from the end.</param>
    /// <returns>The concatenation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or an element is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The list is empty or the tensors do not fit together.</exception>
    public static Tensor Cat(IEnumerable<Tensor> tensors, int dim = 0)
    {
        Tensor[] list = Tensors(tensors, "cat");
        long[] first = list[0].shape;
        int axis = list[0].Axis(dim, first.Length, "cat");
        long[] result = (long[])first.Clone();
        result[axis] = 0;
        foreach (Tensor t in list)
        {
            if (t.shape.Length != first.Length || Enumerable.Range(0, first.Length).Any(k => k != axis && t.shape[k] != first[k]))
            {
                throw ForwardFailure.Unlocated("cat: the tensors " + string.Join(", ", list.Select(x => Sizes(x.shape))) + " differ outside dimension " + Text(dim));
            }

            result[axis] = checked(result[axis] + t.shape[axis]);
        }

        return Of(list[0].ElementType, result);
    }

    /// <summary>Stacks tensors of one shape along a new dimension, as <c>torch.stack(tensors, dim)</c>.</summary>
    /// <param name="tensors">At least one tensor, all of one shape and element type.</param>
    /// <param name="dim">Where the new dimension goes; negative counts from the end of the result.</param>
    /// <returns>The stacked tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or an element is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The list is empty or the shapes differ.</exception>
    public static Tensor Stack(IEnumerable<Tensor> tensors, int dim = 0)
    {
        Tensor[] list = Tensors(tensors, "stack");
        if (list.Any(t => !t.shape.SequenceEqual(list[0].shape)))
        {
            throw ForwardFailure.Unlocated("stack: the tensors " + string.Join(", ", list.Select(x => Sizes(x.shape))) + " differ in shape");
        }

        return list[0].Unsqueeze(dim).WithDimension(list[0].Axis(dim, list[0].shape.Length + 1, "stack"), list.Length);
    }

    /// <summary>Packs a padded batch of sequences, as <c>torch.nn.utils.rnn.pack_padded_sequence</c>.</summary>
    /// <param name="input">A padded batch <c>(T, B, *)</c>, or <c>(B, T, *)</c> when <paramref name="batchFirst"/>.</param>
    /// <param name="lengths">The length of each sequence, one per batch element, each in [1, T].</param>
    /// <param name="batchFirst">Whether <paramref name="input"/> is batch first.</param>
    /// <param name="enforceSorted">Whether the lengths must already be in decreasing order (PyTorch's default).</param>
    /// <returns>The packed sequence, whose <see cref="Data"/> is <c>(sum(lengths), *)</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The lengths do not fit the batch, or are not sorted when <paramref name="enforceSorted"/>.</exception>
    public static Tensor PackPaddedSequence(Tensor input, IEnumerable<long> lengths, bool batchFirst = false, bool enforceSorted = true)
    {
        Guard.NotNull(input, nameof(input));
        long[] given = Guard.NotNull(lengths, nameof(lengths)).ToArray();
        long[] padded = input.TensorOnly("pack_padded_sequence").shape;
        if (padded.Length < 2)
        {
            throw ForwardFailure.Unlocated("pack_padded_sequence: expects a batch of sequences (at least 2 dimensions) but receives " + Sizes(padded));
        }

        long batch = batchFirst ? padded[0] : padded[1];
        long steps = batchFirst ? padded[1] : padded[0];
        if (given.Length != batch)
        {
            throw ForwardFailure.Unlocated("pack_padded_sequence: expects " + Text(batch) + " lengths (one per sequence) but receives " + Text(given.Length));
        }

        for (int k = 0; k < given.Length; k++)
        {
            if (given[k] < 1 || given[k] > steps)
            {
                throw ForwardFailure.Unlocated("pack_padded_sequence: length " + Text(given[k]) + " is not in [1, " + Text(steps) + "], the time steps of " + Sizes(padded));
            }

            if (enforceSorted && k > 0 && given[k] > given[k - 1])
            {
                throw ForwardFailure.Unlocated("pack_padded_sequence: the lengths " + Sizes(given) + " are not in decreasing order; sort them or pass enforceSorted: false");
            }
        }

        long total = given.Aggregate(0L, (sum, l) => checked(sum + l));
        long[] data = new long[padded.Length - 1];
        data[0] = total;
        Array.Copy(padded, 2, data, 1, padded.Length - 2);
        return new Tensor(input.ElementType, data, [], given.OrderByDescending(l => l).ToArray(), TensorKind.Packed);
    }

    /// <summary>Pads a packed sequence back, as <c>torch.nn.utils.rnn.pad_packed_sequence</c>.</summary>
    /// <param name="sequence">A packed sequence.</param>
    /// <param name="batchFirst">Whether the result is <c>(B, T, *)</c> rather than <c>(T, B, *)</c>.</param>
    /// <returns>The tuple <c>(padded, lengths)</c>, <c>lengths</c> an <see cref="ElementType.Int64"/> tensor <c>(B,)</c>; T is the longest length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sequence"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="sequence"/> is not a packed sequence.</exception>
    public static Tensor PadPackedSequence(Tensor sequence, bool batchFirst = false)
    {
        Guard.NotNull(sequence, nameof(sequence));
        if (!sequence.IsPackedSequence)
        {
            throw ForwardFailure.Unlocated("pad_packed_sequence: expects a PackedSequence but receives " + sequence.Describe());
        }

        long batch = sequence.lengths.Length;
        long steps = sequence.lengths[0];
        long[] padded = new long[sequence.shape.Length + 1];
        padded[0] = batchFirst ? batch : steps;
        padded[1] = batchFirst ? steps : batch;
        Array.Copy(sequence.shape, 1, padded, 2, sequence.shape.Length - 1);
        return Tuple(Of(sequence.ElementType, padded), Of(ElementType.Int64, [batch]));
    }

    /// <summary>Adds two tensors element-wise with broadcasting, as <c>a + b</c>.</summary>
    /// <param name="left">The first tensor.</param>
    /// <param name="right">The second tensor.</param>
    /// <returns>The sum, of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The shapes do not broadcast.</exception>
    public static Tensor operator +(Tensor left, Tensor right) => Add(left, right);

    /// <summary>Multiplies two tensors element-wise with broadcasting, as <c>a * b</c>.</summary>
    /// <param name="left">The first tensor.</param>
    /// <param name="right">The second tensor.</param>
    /// <returns>The product, of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The shapes do not broadcast.</exception>
    public static Tensor operator *(Tensor left, Tensor right) => Multiply(left, right);

    /// <summary>Adds two tensors element-wise with broadcasting, as <c>torch.add(a, b)</c>.</summary>
    /// <param name="left">The first tensor.</param>
    /// <param name="right">The second tensor.</param>
    /// <returns>The sum, of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The shapes do not broadcast.</exception>
    public static Tensor Add(Tensor left, Tensor right) => Broadcast(left, right, "add");

    /// <summary>Multiplies two tensors element-wise with broadcasting, as <c>torch.mul(a, b)</c>.</summary>
    /// <param name="left">The first tensor.</param>
    /// <param name="right">The second tensor.</param>
    /// <returns>The product, of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The shapes do not broadcast.</exception>
    public static Tensor Multiply(Tensor left, Tensor right) => Broadcast(left, right, "mul");

    /// <summary>An element of a tuple, Python's <c>t[index]</c>.</summary>
    /// <param name="index">The position; negative counts from the end.</param>
    /// <returns>The element.</returns>
    /// <exception cref="InvalidOperationException">This is not a tuple, or <paramref name="index"/> is out of range.</exception>
    [Pure]
    public Tensor Item(int index)
    {
        Tensor[] all = TupleOnly("an item").items;
        int k = index < 0 ? index + all.Length : index;
        if (k < 0 || k >= all.Length)
        {
            throw ForwardFailure.Unlocated("tuple index " + Text(index) + " is out of range for a tuple of " + Text(all.Length));
        }

        return all[k];
    }

    /// <summary>Python's <c>first, second = t</c> for a tuple of two.</summary>
    /// <param name="first">The first element.</param>
    /// <param name="second">The second element.</param>
    /// <exception cref="InvalidOperationException">This is not a tuple of two.</exception>
    public void Deconstruct(out Tensor first, out Tensor second)
    {
        Expect(2);
        first = items[0];
        second = items[1];
    }

    /// <summary>Python's <c>first, second, third = t</c> for a tuple of three.</summary>
    /// <param name="first">The first element.</param>
    /// <param name="second">The second element.</param>
    /// <param name="third">The third element.</param>
    /// <exception cref="InvalidOperationException">This is not a tuple of three.</exception>
    public void Deconstruct(out Tensor first, out Tensor second, out Tensor third)
    {
        Expect(3);
        first = items[0];
        second = items[1];
        third = items[2];
    }

    /// <summary>The same elements in another shape, as <c>x.view(*shape)</c>; one dimension may be -1 and is inferred.</summary>
    /// <param name="shape">The new dimensions, each 0 or more, or a single -1.</param>
    /// <returns>The viewed tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The element counts differ, or more than one dimension is -1.</exception>
    [Pure]
    public Tensor View(params long[] shape) => Resize(shape, "view");

    /// <summary>The same elements in another shape, as <c>x.reshape(*shape)</c>; one dimension may be -1 and is inferred.</summary>
    /// <param name="shape">The new dimensions, each 0 or more, or a single -1.</param>
    /// <returns>The reshaped tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The element counts differ, or more than one dimension is -1.</exception>
    [Pure]
    public Tensor Reshape(params long[] shape) => Resize(shape, "reshape");

    /// <summary>The dimensions in another order, as <c>x.permute(*dims)</c>.</summary>
    /// <param name="dims">Every dimension once, in the new order; negative ones count from the end.</param>
    /// <returns>The permuted tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The list is not a permutation of the dimensions.</exception>
    [Pure]
    public Tensor Permute(params int[] dims)
    {
        Guard.NotNull(dims, nameof(dims));
        long[] own = TensorOnly("permute").shape;
        int[] axes = dims.Select(d => Axis(d, own.Length, "permute")).ToArray();
        if (axes.Length != own.Length || axes.Distinct().Count() != axes.Length)
        {
            throw ForwardFailure.Unlocated("permute: " + Sizes(dims.Select(d => (long)d)) + " is not an order of the " + Text(own.Length) + " dimensions of " + Sizes(own));
        }

        return Of(ElementType, axes.Select(a => own[a]).ToArray());
    }

    /// <summary>Two dimensions swapped, as <c>x.transpose(dim0, dim1)</c>.</summary>
    /// <param name="dim0">The first dimension; negative counts from the end.</param>
    /// <param name="dim1">The second dimension; negative counts from the end.</param>
    /// <returns>The transposed tensor.</returns>
    /// <exception cref="InvalidOperationException">A dimension is out of range.</exception>
    [Pure]
    public Tensor Transpose(int dim0, int dim1)
    {
        long[] own = (long[])TensorOnly("transpose").shape.Clone();
        int a = Axis(dim0, own.Length, "transpose");
        int b = Axis(dim1, own.Length, "transpose");
        (own[a], own[b]) = (own[b], own[a]);
        return Of(ElementType, own);
    }

    /// <summary>Dimensions <paramref name="startDim"/> to <paramref name="endDim"/> merged into one, as <c>torch.flatten(x, start_dim, end_dim)</c>.</summary>
    /// <param name="startDim">The first dimension merged (PyTorch's default 0; <c>nn.Flatten</c> uses 1).</param>
    /// <param name="endDim">The last dimension merged; default -1.</param>
    /// <returns>The flattened tensor.</returns>
    /// <exception cref="InvalidOperationException">A dimension is out of range or <paramref name="startDim"/> comes after <paramref name="endDim"/>.</exception>
    [Pure]
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        long[] own = TensorOnly("flatten").shape;
        if (own.Length == 0)
        {
            return Of(ElementType, [1]);
        }

        int start = Axis(startDim, own.Length, "flatten");
        int end = Axis(endDim, own.Length, "flatten");
        if (start > end)
        {
            throw ForwardFailure.Unlocated("flatten: start_dim " + Text(startDim) + " comes after end_dim " + Text(endDim) + " of " + Sizes(own));
        }

        long merged = own.Skip(start).Take(end - start + 1).Aggregate(1L, (p, d) => checked(p * d));
        return Of(ElementType, own.Take(start).Append(merged).Concat(own.Skip(end + 1)).ToArray());
    }

    /// <summary>A dimension of size 1 inserted, as <c>x.unsqueeze(dim)</c>.</summary>
    /// <param name="dim">Where the new dimension goes; negative counts from the end of the result.</param>
    /// <returns>The tensor with one more dimension.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="dim"/> is out of range.</exception>
    [Pure]
    public Tensor Unsqueeze(int dim)
    {
        long[] own = TensorOnly("unsqueeze").shape;
        int axis = Axis(dim, own.Length + 1, "unsqueeze");
        var result = own.ToList();
        result.Insert(axis, 1);
        return Of(ElementType, result.ToArray());
    }

    /// <summary>Dimension <paramref name="dim"/> removed when its size is 1, as <c>x.squeeze(dim)</c> (otherwise unchanged).</summary>
    /// <param name="dim">The dimension; negative counts from the end.</param>
    /// <returns>The squeezed tensor.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="dim"/> is out of range.</exception>
    [Pure]
    public Tensor Squeeze(int dim)
    {
        long[] own = TensorOnly("squeeze").shape;
        if (own.Length == 0)
        {
            return this;
        }

        int axis = Axis(dim, own.Length, "squeeze");
        return own[axis] == 1 ? Of(ElementType, own.Where((_, k) => k != axis).ToArray()) : this;
    }

    /// <summary>The slice at <paramref name="index"/> of dimension <paramref name="dim"/>, which goes away, as <c>x.select(dim, index)</c>: <c>x[:, -1]</c> is <c>Select(1, -1)</c>.</summary>
    /// <param name="dim">The dimension; negative counts from the end.</param>
    /// <param name="index">The position; negative counts from the end.</param>
    /// <returns>The tensor with one dimension less.</returns>
    /// <exception cref="InvalidOperationException">The dimension or index is out of range.</exception>
    [Pure]
    public Tensor Select(int dim, long index)
    {
        long[] own = TensorOnly("select").shape;
        int axis = Axis(dim, own.Length, "select");
        if (index < -own[axis] || index >= own[axis])
        {
            throw ForwardFailure.Unlocated("select: index " + Text(index) + " is out of range for dimension " + Text(dim) + " of size " + Text(own[axis]) + " in " + Sizes(own));
        }

        return Of(ElementType, own.Where((_, k) => k != axis).ToArray());
    }

    /// <summary>A slice of <paramref name="length"/> positions from <paramref name="start"/> along a dimension, as <c>x.narrow(dim, start, length)</c> (<c>x[:, :k]</c>).</summary>
    /// <param name="dim">The dimension; negative counts from the end.</param>
    /// <param name="start">The first position; negative counts from the end.</param>
    /// <param name="length">How many positions, 0 or more.</param>
    /// <returns>The narrowed tensor.</returns>
    /// <exception cref="InvalidOperationException">The slice does not lie inside the dimension.</exception>
    [Pure]
    public Tensor Narrow(int dim, long start, long length)
    {
        long[] own = TensorOnly("narrow").shape;
        int axis = Axis(dim, own.Length, "narrow");
        long from = start < 0 ? start + own[axis] : start;
        if (from < 0 || length < 0 || from > own[axis] - length)
        {
            throw ForwardFailure.Unlocated("narrow: positions " + Text(start) + " to " + Text(start) + " + " + Text(length) + " do not lie inside dimension " + Text(dim) + " of size " + Text(own[axis]));
        }

        return WithDimension(axis, length);
    }

    /// <summary>The mean over a dimension, as <c>x.mean(dim, keepdim)</c>.</summary>
    /// <param name="dim">The dimension; negative counts from the end.</param>
    /// <param name="keepDim">Whether the dimension stays with size 1.</param>
    /// <returns>The reduced tensor.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="dim"/> is out of range.</exception>
    [Pure]
    public Tensor Mean(int dim, bool keepDim = false) => Reduce(dim, keepDim, "mean");

    /// <summary>The sum over a dimension, as <c>x.sum(dim, keepdim)</c>.</summary>
    /// <param name="dim">The dimension; negative counts from the end.</param>
    /// <param name="keepDim">Whether the dimension stays with size 1.</param>
    /// <returns>The reduced tensor.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="dim"/> is out of range.</exception>
    [Pure]
    public Tensor Sum(int dim, bool keepDim = false) => Reduce(dim, keepDim, "sum");

    /// <summary>The tensor in another element type, as <c>x.to(dtype)</c> (<c>x.double()</c>, <c>x.half()</c>, <c>x.float()</c>).</summary>
    /// <param name="elementType">The element type.</param>
    /// <returns>The converted tensor; a packed sequence converts its data.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elementType"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">This is a tuple.</exception>
    [Pure]
    public Tensor To(ElementType elementType)
    {
        ElementTypes.Size(elementType);
        if (IsTuple)
        {
            throw ForwardFailure.Unlocated("to: a tuple cannot be converted; convert its elements");
        }

        return new Tensor(elementType, shape, items, lengths, Kind);
    }

    /// <summary>Describes the value as Python would name it: <c>tensor [1, 7, 4] Float32</c>, <c>PackedSequence data [15, 8]</c>, <c>tuple (tensor ..., ...)</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => Describe();

    /// <summary>Creates a tensor; the caller guarantees the dimensions are 0 or more.</summary>
    internal static Tensor Of(ElementType elementType, long[] shape) => new(elementType, shape, [], [], TensorKind.Tensor);

    /// <summary>The shape of the tensors in this value, depth first (a packed sequence gives its data).</summary>
    internal IEnumerable<Tensor> Leaves()
    {
        if (!IsTuple)
        {
            yield return this;
            yield break;
        }

        foreach (Tensor item in items)
        {
            foreach (Tensor leaf in item.Leaves())
            {
                yield return leaf;
            }
        }
    }

    /// <summary>Gets the raw dimensions of a tensor, or of a packed sequence's data.</summary>
    internal long[] Dims => shape;

    /// <summary>Gets the sequence lengths of a packed sequence, longest first.</summary>
    internal IReadOnlyList<long> PackedLengths => lengths;

    /// <summary>A packed sequence with the same lengths and other data.</summary>
    internal Tensor Repacked(ElementType elementType, long[] data) => new(elementType, data, [], lengths, TensorKind.Packed);

    /// <summary>Python's <c>list(size)</c> in messages: <c>[1, 7, 4]</c>.</summary>
    internal static string Sizes(IEnumerable<long> dims) => "[" + string.Join(", ", dims.Select(Text)) + "]";

    /// <summary>What the value is, for messages.</summary>
    internal string Describe() => Kind switch
    {
        TensorKind.Tensor => "a tensor " + Sizes(shape) + " of " + elementType,
        TensorKind.Packed => "a PackedSequence (data " + Sizes(shape) + " of " + elementType + ")",
        _ => "a tuple of " + Text(items.Length) + " (" + string.Join(", ", items.Select(i => i.Describe())) + ")",
    };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static Tensor[] Tensors(IEnumerable<Tensor> tensors, string operation)
    {
        Tensor[] list = Guard.NotNull(tensors, nameof(tensors)).ToArray();
        foreach (Tensor t in list)
        {
            Guard.NotNull(t, nameof(tensors));
            t.TensorOnly(operation);
        }

        if (list.Length == 0)
        {
            throw ForwardFailure.Unlocated(operation + ": expects at least one tensor");
        }

        if (list.Any(t => t.ElementType != list[0].ElementType))
        {
            throw ForwardFailure.Unlocated(operation + ": the tensors' element types differ (" + string.Join(", ", list.Select(t => t.ElementType)) + ")");
        }

        return list;
    }

    private static Tensor Broadcast(Tensor left, Tensor right, string operation)
    {
        long[] a = Guard.NotNull(left, nameof(left)).TensorOnly(operation).shape;
        long[] b = Guard.NotNull(right, nameof(right)).TensorOnly(operation).shape;
        long[] result = new long[Math.Max(a.Length, b.Length)];
        for (int k = 1; k <= result.Length; k++)
        {
            long x = k <= a.Length ? a[a.Length - k] : 1;
            long y = k <= b.Length ? b[b.Length - k] : 1;
            if (x != y && x != 1 && y != 1)
            {
                throw ForwardFailure.Unlocated(operation + ": the shapes " + Sizes(a) + " and " + Sizes(b) + " do not broadcast");
            }

            result[result.Length - k] = x == 1 ? y : x;
        }

        return Of(Promote(left.ElementType, right.ElementType), result);
    }

    /// <summary>PyTorch's type promotion for two tensors: the wider floating type, a floating type over an integer one.</summary>
    private static ElementType Promote(ElementType a, ElementType b)
    {
        if (a == b)
        {
            return a;
        }

        int Rank(ElementType t) => t switch
        {
            ElementType.Float64 => 6,
            ElementType.Float32 => 5,
            ElementType.Float16 or ElementType.BFloat16 => 4,
            ElementType.Int64 => 3,
            ElementType.Int32 => 2,
            _ => 1,
        };

        if (a is ElementType.Float16 && b is ElementType.BFloat16 || a is ElementType.BFloat16 && b is ElementType.Float16)
        {
            return ElementType.Float32;
        }

        return Rank(a) >= Rank(b) ? a : b;
    }

    private Tensor Reduce(int dim, bool keepDim, string operation)
    {
        long[] own = TensorOnly(operation).shape;
        int axis = Axis(dim, own.Length, operation);
        return keepDim ? WithDimension(axis, 1) : Of(ElementType, own.Where((_, k) => k != axis).ToArray());
    }

    private Tensor Resize(long[] target, string operation)
    {
        Guard.NotNull(target, "shape");
        long[] own = TensorOnly(operation).shape;
        long count = own.Aggregate(1L, (p, d) => checked(p * d));
        int inferred = -1;
        long known = 1;
        for (int k = 0; k < target.Length; k++)
        {
            if (target[k] == -1 && inferred < 0)
            {
                inferred = k;
            }
            else if (target[k] < 0)
            {
                throw ForwardFailure.Unlocated(operation + ": shape " + Sizes(target) + " has a negative size other than a single -1");
            }
            else
            {
                known = checked(known * target[k]);
            }
        }

        long[] result = (long[])target.Clone();
        if (inferred >= 0)
        {
            if (known == 0 || count % known != 0)
            {
                throw ForwardFailure.Unlocated(operation + ": shape " + Sizes(target) + " is invalid for input of size " + Text(count) + " " + Sizes(own));
            }

            result[inferred] = count / known;
        }
        else if (known != count)
        {
            throw ForwardFailure.Unlocated(operation + ": shape " + Sizes(target) + " is invalid for input of size " + Text(count) + " " + Sizes(own));
        }

        return Of(ElementType, result);
    }

    private Tensor WithDimension(int axis, long size)
    {
        long[] copy = (long[])shape.Clone();
        copy[axis] = size;
        return Of(ElementType, copy);
    }

    private int Axis(int dim, int rank, string operation)
    {
        if (dim < -rank || dim >= rank || rank == 0)
        {
            throw ForwardFailure.Unlocated(operation + ": dimension " + Text(dim) + " is out of range for " + Describe() + " (expected in [" + Text(-rank) + ", " + Text(rank - 1) + "])");
        }

        return dim < 0 ? dim + rank : dim;
    }

    private Tensor TensorOnly(string operation)
    {
        if (Kind != TensorKind.Tensor)
        {
            throw ForwardFailure.Unlocated(operation + ": expects a tensor but receives " + Describe() + (IsTuple ? "; take an element with Item(index)" : "; use its Data or pad it back"));
        }

        return this;
    }

    private Tensor TupleOnly(string operation)
    {
        if (!IsTuple)
        {
            throw ForwardFailure.Unlocated(operation + ": expects a tuple but receives " + Describe());
        }

        return this;
    }

    private void Expect(int count)
    {
        if (TupleOnly("unpacking").items.Length != count)
        {
            throw ForwardFailure.Unlocated("unpacking: expects a tuple of " + Text(count) + " but receives " + Describe());
        }
    }
}
