using System.Collections.Generic;

namespace RecurrentParams.Import.Torch;

/// <summary>A storage a pickle refers to by persistent id: its key (the zip entry <c>data/KEY</c> or the legacy storage key), dtype and element count.</summary>
internal sealed class TorchStorage
{
    public TorchStorage(string key, string dataType, int elementSize, long elementCount, string location, string where)
    {
        Key = key;
        DataType = dataType;
        ElementSize = elementSize;
        ElementCount = elementCount;
        Location = location;
        Where = where;
    }

    public string Key { get; }

    /// <summary>Gets the dtype in PyTorch's spelling: <c>float32</c>, <c>bfloat16</c>, <c>int64</c>, ...</summary>
    public string DataType { get; }

    public int ElementSize { get; }

    /// <summary>Gets the element count the persistent id claims; checked against the bytes the file holds for it.</summary>
    public long ElementCount { get; }

    /// <summary>Gets the device the storage was saved from (<c>cpu</c>, <c>cuda:0</c>).</summary>
    public string Location { get; }

    /// <summary>Gets where the persistent id was read, for messages.</summary>
    public string Where { get; }

    /// <summary>Gets or sets the storage this one is a view of (legacy files only), with the view's offset in elements.</summary>
    public (TorchStorage Root, long Offset)? ViewOf { get; set; }
}

/// <summary>A tensor rebuilt from its metadata (<c>torch._utils._rebuild_tensor_v2</c> and friends): storage, offset, size and stride; no element is read.</summary>
internal sealed class TorchTensor
{
    public TorchTensor(TorchStorage? storage, string dataType, IReadOnlyList<long> size, bool requiresGrad)
    {
        Storage = storage;
        DataType = dataType;
        Size = size;
        RequiresGrad = requiresGrad;
    }

    /// <summary>Gets the storage, or <see langword="null"/> for a tensor saved without one (the <c>meta</c> device).</summary>
    public TorchStorage? Storage { get; }

    public string DataType { get; }

    public IReadOnlyList<long> Size { get; }

    public bool RequiresGrad { get; set; }

    /// <summary>Gets or sets a value indicating whether the tensor was saved as an <c>nn.Parameter</c>.</summary>
    public bool IsParameter { get; set; }

    /// <summary>Gets or sets the quantization scheme of a quantized tensor (<c>torch.per_tensor_affine</c>), or <see langword="null"/>.</summary>
    public string? Quantization { get; set; }
}
