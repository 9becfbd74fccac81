using System.Collections.Generic;

namespace RecurrentParams.Import.Torch;

/// <summary>
/// One module of a pickled module tree (<c>torch.save(model)</c>, TorchScript): its class and instance name, its
/// parameters and buffers, and its children, in the order the file lists them. The public module tree of the
/// module-trees issue is to be built from this.
/// </summary>
internal sealed class TorchModuleNode
{
    public TorchModuleNode(string name, string path, string className)
    {
        Name = name;
        Path = path;
        ClassName = className;
    }

    /// <summary>Gets the attribute name the parent holds the module under; empty for the root.</summary>
    public string Name { get; }

    /// <summary>Gets the dotted path from the root (<c>encoder.lstm</c>); empty for the root.</summary>
    public string Path { get; }

    /// <summary>Gets the class's qualified name as the pickle names it (<c>torch.nn.modules.rnn.LSTM</c>, <c>__main__.Encoder</c>, <c>__torch__.Net</c>); never resolved.</summary>
    public string ClassName { get; }

    /// <summary>Gets the class name without its module (<c>LSTM</c>).</summary>
    public string ShortClassName => ClassName.Substring(ClassName.LastIndexOf('.') + 1);

    public List<TorchModuleNode> Children { get; } = [];

    public List<TorchTensorEntry> Parameters { get; } = [];

    public List<TorchTensorEntry> Buffers { get; } = [];

    /// <summary>Gets or sets the path where this same module object was met first, when the tree holds it twice (a module reused); its contents are listed there only.</summary>
    public string? SameAs { get; set; }
}

/// <summary>A parameter or buffer of a <see cref="TorchModuleNode"/>.</summary>
internal sealed class TorchTensorEntry
{
    public TorchTensorEntry(string name, string path, TorchTensor tensor, TensorInfo info, string? sameAs)
    {
        Name = name;
        Path = path;
        Tensor = tensor;
        Info = info;
        SameAs = sameAs;
    }

    /// <summary>Gets the attribute name (<c>weight_ih_l0</c>).</summary>
    public string Name { get; }

    /// <summary>Gets the dotted path from the root (<c>encoder.lstm.weight_ih_l0</c>).</summary>
    public string Path { get; }

    public TorchTensor Tensor { get; }

    /// <summary>Gets the tensor as the readers report it: path, dtype, shape.</summary>
    public TensorInfo Info { get; }

    /// <summary>Gets the path where the same tensor object was met first (a tied weight), or <see langword="null"/>; a tied tensor counts once, as in <c>model.parameters()</c>.</summary>
    public string? SameAs { get; }

    /// <summary>Gets a value indicating whether the file marks the tensor as trainable (<c>requires_grad</c>).</summary>
    public bool RequiresGrad => Tensor.RequiresGrad;
}

/// <summary>What one read gives: the summary and, when the file holds a pickled module or a TorchScript module, its module tree.</summary>
/// <param name="Model">The summary, tensors and metadata.</param>
/// <param name="Tree">The module tree, or <see langword="null"/> for a state dict.</param>
internal sealed record TorchReadResult(ImportedModel Model, TorchModuleNode? Tree);
