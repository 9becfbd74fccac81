using System;
using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Porting;
using Xunit;

namespace RecurrentParams.Tests.Porting;

/// <summary>Model-level maps: the converted model, notes about outputs, renaming and combining.</summary>
public sealed class WeightMapModelTests
{
    [Fact]
    public void TargetModel_KerasLastStepBidirectional_NotesTheDifferentOutput()
    {
        ModelSummary keras = new KerasModelBuilder("m").Input(null, 3).Bidirectional(new Recurrent(CellType.Lstm, 2), name: "bi").Dense(1).Build();

        WeightMap map = WeightMap.ForModel(keras, WeightLayout.Torch);

        map.IsConvertible.Should().BeTrue();
        map.IsExact.Should().BeFalse();
        map.Notes.Should().ContainSingle().Which.Should().StartWith("bi: Keras' Bidirectional(return_sequences=False) returns the backward direction's final state, h_n[1] in PyTorch");
        map.Subject.Should().EndWith("see the notes");
        map.ToString().Should().EndWith("\nnote: " + map.Notes[0]);
        map.TargetModel!.LayerRows.Select(r => r.ClassName).Should().Equal("LSTM", "Linear");
    }

    [Fact]
    public void TargetModel_TorchLastStepOfBidirectional_NotesTheDifferentOutput()
    {
        ModelSummary torch = new TorchModelBuilder("Net").Input(1, 5, 3).Gru(2, bidirectional: true, batchFirst: true, name: "gru").TakeLastTimeStep().Dropout(0.1, name: "drop").Linear(1, name: "fc").Build();

        WeightMap map = WeightMap.ForModel(torch, WeightLayout.Keras);

        map.Notes.Should().ContainSingle().Which.Should().StartWith("gru: PyTorch's output[:, -1] of a bidirectional module holds the reverse direction's first step");
        map.TargetModel!.Rows.Select(r => (r.Name, r.ClassName, r.OutputShape.ToString())).Should().Equal(("gru", "Bidirectional", "(None, 4)"), ("drop", "Dropout", "(None, 4)"), ("fc", "Dense", "(None, 1)"));
    }

    [Fact]
    public void TargetModel_IsNullWhenRefusedOrUnmapped()
    {
        WeightMap.ForModel(new KerasModelBuilder("m").Input(null, 3).Gru(2, resetAfter: false).Build(), WeightLayout.Torch).TargetModel.Should().BeNull();
        WeightMap.ForModel(new KerasModelBuilder("m").Input(null, 3).Lstm(2, returnSequences: true).Flatten().Build(), WeightLayout.Torch).TargetModel.Should().BeNull();
        WeightMap.ForModel(new TorchModelBuilder("Net").Input(1, 5, 3).Lstm(2, projSize: 1).Build(), WeightLayout.Keras).TargetModel.Should().BeNull();
        WeightMap.ForLayer(LayerSpec.Keras.Lstm(2, 3), WeightLayout.Keras, WeightLayout.Torch).TargetModel.Should().BeNull();
    }

    [Fact]
    public void Rename_RenamesBothSidesAndTheRule()
    {
        WeightMap map = WeightMap.ForLayer(LayerSpec.Torch.Gru(2, 3), WeightLayout.Onnx, WeightLayout.Torch)
            .Rename(name => "onnx::GRU_" + name, name => "gru." + name);

        map.Mappings.Select(m => m.Target).Should().Equal("gru.weight_ih_l0", "gru.weight_hh_l0", "gru.bias_ih_l0", "gru.bias_hh_l0");
        map.Mappings[0].ToString().Should().Be("gru.weight_ih_l0 (9, 2) ← onnx::GRU_W (1, 9, 2), gates z,r,h → r,z,n");
        map.Mappings[3].Sources.Should().Equal("onnx::GRU_B");

        IReadOnlyList<NamedTensor> onnx = WeightMapTests.Numbered(LayerSpec.Torch.Gru(2, 3), WeightLayout.Onnx).Select(t => new NamedTensor("onnx::GRU_" + t.Name, t.Shape, t.Values.ToArray())).ToArray();
        map.Apply(onnx).Select(t => t.Name).Should().Equal("gru.weight_ih_l0", "gru.weight_hh_l0", "gru.bias_ih_l0", "gru.bias_hh_l0");
        FluentActions.Invoking(() => map.Rename(null!, n => n)).Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => map.Rename(n => n, null!)).Should().Throw<ArgumentNullException>().WithParameterName("target");
        FluentActions.Invoking(() => map.Rename(_ => string.Empty, n => n)).Should().Throw<ArgumentNullException>().WithParameterName("source");
    }

    [Fact]
    public void Combine_JoinsLayersOfTheSameLayouts()
    {
        WeightMap first = WeightMap.ForLayer(LayerSpec.Torch.Lstm(2, 3), WeightLayout.Onnx, WeightLayout.Torch).Rename(n => "a_" + n, n => "a." + n);
        WeightMap second = WeightMap.ForLayer(LayerSpec.Torch.Lstm(3, 3), WeightLayout.Onnx, WeightLayout.Torch).Rename(n => "b_" + n, n => "b." + n);

        WeightMap both = WeightMap.Combine([first, second]);

        both.Layers.Should().HaveCount(2);
        both.Subject.Should().Be("ONNX → PyTorch: 2 layers, 8 tensors, exact");
        FluentActions.Invoking(() => WeightMap.Combine(null!)).Should().Throw<ArgumentNullException>().WithParameterName("maps");
        FluentActions.Invoking(() => WeightMap.Combine([])).Should().Throw<ArgumentException>().WithParameterName("maps");
        FluentActions.Invoking(() => WeightMap.Combine([first, null!])).Should().Throw<ArgumentNullException>().WithParameterName("maps");
        FluentActions.Invoking(() => WeightMap.Combine([first, WeightMap.ForLayer(LayerSpec.Keras.Lstm(2, 3), WeightLayout.Keras, WeightLayout.Torch)])).Should().Throw<ArgumentException>()
            .WithMessage("'maps' must all map from Onnx to Torch; one maps from Keras to Torch.*");
    }
}
