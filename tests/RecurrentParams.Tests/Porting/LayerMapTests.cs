using System.Linq;
using FluentAssertions;
using RecurrentParams.Porting;
using Xunit;

namespace RecurrentParams.Tests.Porting;

public sealed class LayerMapTests
{
    [Fact]
    public void Properties_DescribeBothLayers()
    {
        LayerMap layer = WeightMap.ForLayer(LayerSpec.Keras.Lstm(4, 5, bidirectional: true), WeightLayout.Keras, WeightLayout.Torch).Layers.Single();

        layer.SourceName.Should().BeEmpty();
        layer.SourceClass.Should().Be("Bidirectional");
        layer.TargetClass.Should().Be("LSTM");
        layer.TargetSpec.Should().Be(LayerSpec.Torch.Lstm(5, 4, bidirectional: true));
        layer.IsConvertible.Should().BeTrue();
        layer.Refusal.Should().BeNull();
        layer.Notes.Should().BeEmpty();
        layer.Mappings.Should().HaveCount(8);
        layer.ToString().Should().StartWith("Bidirectional(LSTM(units=4)) on 5 features → LSTM(input_size=5, hidden_size=4, bidirectional=True)\n  weight_ih_l0 (16, 5) ← forward_lstm/lstm_cell/kernel (5, 16), transposed\n");
    }

    [Fact]
    public void Refused_HasNoMappingsAndNoTargetSpec()
    {
        LayerMap layer = WeightMap.ForLayer(LayerSpec.Torch.Lstm(5, 4, projSize: 1), WeightLayout.Torch, WeightLayout.Keras).Layers.Single();

        layer.IsConvertible.Should().BeFalse();
        layer.Mappings.Should().BeEmpty();
        layer.TargetSpec.Should().BeNull();
        layer.Subject.Should().Be("LSTM(input_size=5, hidden_size=4, proj_size=1) → Keras");
    }
}
