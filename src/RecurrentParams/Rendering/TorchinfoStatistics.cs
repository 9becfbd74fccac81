using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Internal;

namespace RecurrentParams.Rendering;

/// <summary>
/// The display-only statistics torchinfo 1.8 prints, computed from a summary's rows as torchinfo computes them
/// (<c>torchinfo/layer_info.py</c> <c>calculate_macs</c>, <c>torchinfo/model_statistics.py</c>, <c>torchinfo.py</c> <c>get_total_memory_used</c>).
/// </summary>
/// <remarks>
/// <para>Mult-adds of a row: for a weight named exactly <c>weight</c> or <c>bias</c>, <c>output[0] × count</c>
/// (a class name containing <c>Conv</c>: <c>count × prod(output[:1] + output[2:])</c>); for other names containing
/// <c>weight</c> or <c>bias</c> (recurrent <c>weight_ih_l0</c>, ...), <c>prod(output[:2]) × count</c>. The output is the row's
/// first output; an unknown dimension counts as 1.</para>
/// <para>Bytes: parameters are float32 (4 bytes); the forward/backward pass is 2 × the first-output bytes of every row with
/// parameters, in the input's element type when that is a floating type and float32 otherwise; the input size adds the
/// 56-byte Python object header <c>sys.getsizeof</c> reports for a tensor's storage (PyTorch 1.13).</para>
/// </remarks>
internal sealed class TorchinfoStatistics
{
    /// <summary>The bytes <c>sys.getsizeof(tensor.untyped_storage())</c> adds to the data in PyTorch 1.13.</summary>
    public const long StorageHeaderBytes = 56;

    private TorchinfoStatistics(ModelSummary summary)
    {
        Macs = summary.Rows.Select(MultAdds).ToArray();
        TotalMacs = Macs.Aggregate(0L, (sum, m) => checked(sum + m));
        int outputElement = summary.InputElementType is ElementType.Float64 or ElementType.Float16 or ElementType.BFloat16
            ? ElementTypes.Size(summary.InputElementType)
            : 4;
        ForwardBackwardBytes = summary.Rows
            .Where(r => r.Params > 0)
            .Aggregate(0L, (sum, r) => checked(sum + (2 * outputElement * Product(r.OutputShape.Dimensions))));
        ParamBytes = summary.ParameterBytes(ElementType.Float32);
        if (summary.Input is { } input && input.Dimensions.All(d => d is not null))
        {
            InputBytes = checked((Product(input.Dimensions) * ElementTypes.Size(summary.InputElementType)) + StorageHeaderBytes);
        }
    }

    /// <summary>Gets the mult-adds of each row, in row order.</summary>
    public IReadOnlyList<long> Macs { get; }

    /// <summary>Gets the sum of the rows' mult-adds.</summary>
    public long TotalMacs { get; }

    /// <summary>Gets the input size in bytes, or <see langword="null"/> when the input is unknown (torchinfo then prints no size section).</summary>
    public long? InputBytes { get; }

    /// <summary>Gets the forward/backward pass size in bytes.</summary>
    public long ForwardBackwardBytes { get; }

    /// <summary>Gets the parameter size in bytes.</summary>
    public long ParamBytes { get; }

    public static TorchinfoStatistics Of(ModelSummary summary) => new(summary);

    /// <summary>torchinfo's <c>LayerInfo.calculate_macs</c> for one row.</summary>
    internal static long MultAdds(LayerSummary row)
    {
        long?[] output = row.OutputShape.Dimensions.ToArray();
        long macs = 0;
        foreach (Formulas.WeightTensor weight in row.Weights)
        {
            if (weight.Name is "weight" or "bias")
            {
                long factor = row.ClassName.Contains("Conv")
                    ? Product(output.Take(1).Concat(output.Skip(2)))
                    : Product(output.Take(1));
                macs = checked(macs + (factor * weight.Count));
            }
            else if (weight.Name.Contains("weight") || weight.Name.Contains("bias"))
            {
                macs = checked(macs + (Product(output.Take(2)) * weight.Count));
            }
        }

        return macs;
    }

    private static long Product(IEnumerable<long?> dimensions) =>
        dimensions.Aggregate(1L, (product, d) => checked(product * (d ?? 1)));
}
