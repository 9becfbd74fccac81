using System;
using System.Collections.Generic;
using RecurrentParams.Import.Onnx.Protos;

namespace RecurrentParams.Import.Onnx.Internal;

/// <summary>What the protobuf walk collects: the model's metadata and the main graph's nodes, initializers and value infos.</summary>
internal sealed class OnnxGraph
{
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public string Name { get; set; } = string.Empty;

    public List<OnnxNode> Nodes { get; } = [];

    /// <summary>Gets the dense and sparse initializers in file order.</summary>
    public List<OnnxTensor> Initializers { get; } = [];

    public List<ValueInfoProto> Inputs { get; } = [];

    /// <summary>Gets the inputs, outputs and value infos by name (the last of duplicate names stands).</summary>
    public Dictionary<string, ValueInfoProto> ValueInfos { get; } = new(StringComparer.Ordinal);
}
