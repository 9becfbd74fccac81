using System.Collections.Generic;
using System.Globalization;

namespace RecurrentParams.Import.Onnx.Internal;

/// <summary>A <c>NodeProto</c>: its operator, inputs, outputs and attributes.</summary>
internal sealed class OnnxNode
{
    public OnnxNode(int index, string name, string opType, string domain, string[] inputs, string[] outputs, OnnxAttribute[] attributes)
    {
        Index = index;
        Name = name;
        OpType = opType;
        Domain = domain;
        Inputs = inputs;
        Outputs = outputs;
        Attributes = attributes;
    }

    /// <summary>Gets the node's position in the graph.</summary>
    public int Index { get; }

    public string Name { get; }

    public string OpType { get; }

    public string Domain { get; }

    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<string> Outputs { get; }

    public IReadOnlyList<OnnxAttribute> Attributes { get; }

    /// <summary>Gets a value indicating whether the operator belongs to the default ONNX domain.</summary>
    public bool IsDefaultDomain => Domain is "" or "ai.onnx";

    /// <summary>Gets the row name: the node's name, or its operator and index when it has none.</summary>
    public string RowName => Name.Length > 0 ? Name : (OpType.Length > 0 ? OpType : "node") + "_" + Index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Gets the node as a message names it: <c>the 'Mul' node 'scale'</c>.</summary>
    public string Described => "the '" + OpType + "' node '" + RowName + "'";

    /// <summary>The input at a position, or an empty string when the node has none there (an omitted optional input).</summary>
    public string Input(int index) => index < Inputs.Count ? Inputs[index] : string.Empty;

    public OnnxAttribute? Attribute(string name)
    {
        foreach (OnnxAttribute attribute in Attributes)
        {
            if (attribute.Name == name)
            {
                return attribute;
            }
        }

        return null;
    }

    public long Int(string name, long fallback) => Attribute(name)?.Int ?? fallback;

    public string Text(string name, string fallback) => Attribute(name)?.Text ?? fallback;
}
