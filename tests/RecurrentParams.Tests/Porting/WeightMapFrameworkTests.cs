using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Porting;
using Xunit;

namespace RecurrentParams.Tests.Porting;

/// <summary>
/// The weight map and the reference forward pass against real Keras 3 and PyTorch runs (tools/oracles/porting): the
/// library's conversion of one framework's weights must reproduce the other framework's outputs within 1e-5.
/// </summary>
public sealed class WeightMapFrameworkTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [MemberData(nameof(PortingCase.All), MemberType = typeof(PortingCase))]
    public void ReferenceForward_BothFrameworks_ReproduceTheirOwnOutputs(string id)
    {
        PortingCase c = PortingCase.Load(id);

        for (int item = 0; item < c.BatchSize; item++)
        {
            PortingCase.MaxAbsDiff(c.Run(c.KerasModel, c.KerasWeights, item), c.KerasOutput[item]).Should().BeLessThanOrEqualTo(Tolerance, "Keras item {0}", item);
            PortingCase.MaxAbsDiff(c.Run(c.TorchModel, c.TorchWeights, item), c.TorchOutput[item]).Should().BeLessThanOrEqualTo(Tolerance, "PyTorch item {0}", item);
        }
    }

    [Theory]
    [MemberData(nameof(PortingCase.All), MemberType = typeof(PortingCase))]
    public void ForModel_KerasToTorch_ReproducesPyTorchOutputs(string id)
    {
        PortingCase c = PortingCase.Load(id);
        WeightMap map = WeightMap.ForModel(c.KerasModel, WeightLayout.Torch);

        IReadOnlyList<NamedTensor> converted = map.Apply(c.KerasWeights);

        map.IsExact.Should().BeTrue();
        converted.Select(t => t.Name).Should().BeEquivalentTo(c.TorchWeights.Select(t => t.Name));
        for (int item = 0; item < c.BatchSize; item++)
        {
            PortingCase.MaxAbsDiff(c.Run(c.TorchModel, converted, item), c.TorchOutput[item]).Should().BeLessThanOrEqualTo(Tolerance);
        }

        if (c.Origin == "keras")
        {
            // The generator mapped these very numbers into PyTorch; the library's conversion is bit for bit the same.
            AssertSameTensors(converted, c.TorchWeights);
        }
    }

    [Theory]
    [MemberData(nameof(PortingCase.All), MemberType = typeof(PortingCase))]
    public void ForModel_TorchToKeras_ReproducesKerasOutputs(string id)
    {
        PortingCase c = PortingCase.Load(id);
        WeightMap map = WeightMap.ForModel(c.TorchModel, WeightLayout.Keras);

        IReadOnlyList<NamedTensor> converted = map.Apply(c.TorchWeights);

        converted.Select(t => t.Name).Should().BeEquivalentTo(c.KerasWeights.Select(t => t.Name));
        for (int item = 0; item < c.BatchSize; item++)
        {
            PortingCase.MaxAbsDiff(c.Run(c.KerasModel, converted, item), c.KerasOutput[item]).Should().BeLessThanOrEqualTo(Tolerance);
        }

        // The generator summed PyTorch's two biases in float32 too: the same numbers, bit for bit.
        AssertSameTensors(converted, c.KerasWeights);
    }

    [Theory]
    [MemberData(nameof(PortingCase.All), MemberType = typeof(PortingCase))]
    public void RoundTrip_KerasTorchKeras_GivesTheSameTensors(string id)
    {
        PortingCase c = PortingCase.Load(id);

        IReadOnlyList<NamedTensor> torch = WeightMap.ForModel(c.KerasModel, WeightLayout.Torch).Apply(c.KerasWeights);
        IReadOnlyList<NamedTensor> back = WeightMap.ForModel(c.TorchModel, WeightLayout.Keras).Apply(torch);

        AssertSameTensors(back, c.KerasWeights);
    }

    [Theory]
    [MemberData(nameof(PortingCase.All), MemberType = typeof(PortingCase))]
    public void RoundTrip_TorchKerasTorch_ReproducesPyTorchOutputs(string id)
    {
        PortingCase c = PortingCase.Load(id);

        IReadOnlyList<NamedTensor> keras = WeightMap.ForModel(c.TorchModel, WeightLayout.Keras).Apply(c.TorchWeights);
        IReadOnlyList<NamedTensor> back = WeightMap.ForModel(c.KerasModel, WeightLayout.Torch).Apply(keras);

        for (int item = 0; item < c.BatchSize; item++)
        {
            PortingCase.MaxAbsDiff(c.Run(c.TorchModel, back, item), c.TorchOutput[item]).Should().BeLessThanOrEqualTo(Tolerance);
        }

        // Weights come back exactly; biases come back as bias_ih = bias_ih + bias_hh and bias_hh = 0, as the map's note says.
        var original = c.TorchWeights.ToDictionary(t => t.Name);
        foreach (NamedTensor tensor in back.Where(t => !t.Name.Contains(".bias_")))
        {
            tensor.Values.ToArray().Should().Equal(original[tensor.Name].Values.ToArray(), tensor.Name);
        }

        var gru = c.TorchModel.Rows.Where(r => r.ClassName == "GRU").Select(r => r.Name + ".").ToArray();
        foreach (NamedTensor tensor in back.Where(t => t.Name.Contains(".bias_hh") && !gru.Any(t.Name.StartsWith)))
        {
            tensor.Values.ToArray().Should().OnlyContain(v => v == 0f, tensor.Name);
        }
    }

    [Fact]
    public void ForModel_TorchWithTwoBiases_NotesTheLostSplit()
    {
        PortingCase c = PortingCase.Load("torch-rnn-last");

        WeightMap map = WeightMap.ForModel(c.TorchModel, WeightLayout.Keras);

        map.IsConvertible.Should().BeTrue();
        map.IsExact.Should().BeFalse();
        map.Layers[0].Notes.Should().ContainSingle().Which.Should().Contain("the split between the two is lost");
        map.Subject.Should().Be("PyTorch → Keras: 2 layers, 5 tensors, exact outputs, see the notes");
    }

    private static void AssertSameTensors(IReadOnlyList<NamedTensor> actual, IReadOnlyList<NamedTensor> expected)
    {
        var byName = expected.ToDictionary(t => t.Name);
        actual.Select(t => t.Name).Should().BeEquivalentTo(byName.Keys);
        foreach (NamedTensor tensor in actual)
        {
            tensor.Shape.Should().Be(byName[tensor.Name].Shape, tensor.Name);
            tensor.Values.ToArray().Should().Equal(byName[tensor.Name].Values.ToArray(), tensor.Name);
        }
    }

    [Theory]
    [MemberData(nameof(PortingCase.All), MemberType = typeof(PortingCase))]
    public void TargetModel_IsTheOtherFrameworksModel(string id)
    {
        PortingCase c = PortingCase.Load(id);

        ModelSummary torch = WeightMap.ForModel(c.KerasModel, WeightLayout.Torch).TargetModel!;
        ModelSummary keras = WeightMap.ForModel(c.TorchModel, WeightLayout.Keras).TargetModel!;

        torch.TotalParams.Should().Be(c.TorchModel.TotalParams);
        torch.LayerRows.Select(r => (r.Name, r.ClassName)).Should().Equal(c.TorchModel.LayerRows.Select(r => (r.Name, r.ClassName)));
        keras.TotalParams.Should().Be(c.KerasModel.TotalParams);
        keras.Rows.Select(r => (r.Name, r.ClassName, r.OutputShape.Rank)).Should().Equal(c.KerasModel.Rows.Select(r => (r.Name, r.ClassName, r.OutputShape.Rank)));
        for (int item = 0; item < c.BatchSize; item++)
        {
            // The converted model runs on the converted weights and gives the other framework's outputs.
            PortingCase.MaxAbsDiff(c.Run(torch, WeightMap.ForModel(c.KerasModel, WeightLayout.Torch).Apply(c.KerasWeights), item), c.TorchOutput[item]).Should().BeLessThanOrEqualTo(Tolerance);
            PortingCase.MaxAbsDiff(c.Run(keras, WeightMap.ForModel(c.TorchModel, WeightLayout.Keras).Apply(c.TorchWeights), item), c.KerasOutput[item]).Should().BeLessThanOrEqualTo(Tolerance);
        }
    }
}
