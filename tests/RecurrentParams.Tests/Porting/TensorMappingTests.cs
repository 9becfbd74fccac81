using System.Linq;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Porting;
using Xunit;

namespace RecurrentParams.Tests.Porting;

public sealed class TensorMappingTests
{
    [Fact]
    public void Zeros_HaveNoSources()
    {
        TensorMapping zeros = WeightMap.ForLayer(LayerSpec.Keras.Lstm(4, 5), WeightLayout.Keras, WeightLayout.Torch).Mappings.Single(m => m.Target == "bias_hh_l0");

        zeros.Sources.Should().BeEmpty();
        zeros.TargetShape.Should().Be(new TensorShape(16));
        zeros.Rule.Should().Be("zeros (the source keeps one bias, which goes to the input bias; PyTorch and ONNX add both)");
    }

    [Fact]
    public void Sum_ListsBothSources()
    {
        TensorMapping sum = WeightMap.ForLayer(LayerSpec.Torch.Lstm(5, 4), WeightLayout.Torch, WeightLayout.Keras).Mappings.Single(m => m.Target == "lstm_cell/bias");

        sum.Sources.Should().Equal("bias_ih_l0", "bias_hh_l0");
        sum.ToString().Should().Be("lstm_cell/bias (16,) ← bias_ih_l0 (16,) + bias_hh_l0 (16,)");
    }
}
