using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>Recovering nn.LSTM / nn.GRU / nn.RNN from names and shapes, and what stays ambiguous.</summary>
public sealed class TorchArchitectureTests
{
    [Fact]
    public void Recover_PartialStateDictUnderLstm_IsResolvedByTheName()
    {
        ImportedModel model = SafetensorsReader.ReadFile(Fixtures.PathOf("safetensors", "partial-named-lstm.safetensors"));

        RecoveredModule module = model.Recovered.Should().ContainSingle().Which;
        module.Spec.Should().Be(LayerSpec.Torch.Lstm(3, 5));
        module.MissingTensors.Should().Equal("lstm.weight_hh_l0");
        model.Summary.Rows[0].Derivation.Should().BeNull("the file lacks a tensor the derivation counts");
        model.Summary.Rows[0].Params.Should().Be(Params.Torch.Lstm(3, 5) - (4 * 5 * 5));
    }

    [Fact]
    public void Recover_PartialStateDictUnderRnn_IsAmbiguousWithTheCandidates()
    {
        ImportedModel model = SafetensorsReader.ReadFile(Fixtures.PathOf("safetensors", "partial-named-rnn.safetensors"));

        RecoveredModule module = model.Recovered.Should().ContainSingle().Which;
        module.IsAmbiguous.Should().BeTrue();
        module.ClassName.Should().Be("Recurrent");
        module.Ambiguity.Should().Contain("LSTM with hidden size 5").And.Contain("RNN with hidden size 20").And.Contain("'rnn'");
        module.ToString().Should().StartWith("rnn: Recurrent (ambiguous: ");
        model.Summary.Rows[0].ClassName.Should().Be("Recurrent");
        model.Summary.Rows[0].Derivation.Should().BeNull();
    }

    [Fact]
    public void Recover_GruUnderTheNameLstm_TheShapesDecide()
    {
        RecoveredModule module = SafetensorsReader.ReadFile(Fixtures.PathOf("safetensors", "gru-named-lstm.safetensors")).Recovered.Single();

        module.ClassName.Should().Be("GRU");
        module.Spec.Should().Be(LayerSpec.Torch.Gru(4, 6));
    }

    [Fact]
    public void Recover_LstmWhoseGateWidthIsAMultipleOfThree_IsStillAnLstm()
    {
        RecoveredModule module = SafetensorsReader.ReadFile(Fixtures.PathOf("safetensors", "lstm-gate-multiple-3.safetensors")).Recovered.Single();

        module.Spec.Should().Be(LayerSpec.Torch.Lstm(2, 3));
        module.ToString().Should().Be("(root): " + Params.Explain(LayerSpec.Torch.Lstm(2, 3)).Subject);
    }

    [Fact]
    public void Recover_Projection_ReadsHiddenSizeFromWeightHr()
    {
        RecoveredModule module = SafetensorsReader.ReadFile(Fixtures.PathOf("safetensors", "lstm-proj-bidir-2layers.safetensors")).Recovered.Single();

        module.Spec.Should().Be(LayerSpec.Torch.Lstm(10, 8, 2, bidirectional: true, projSize: 3));
        module.Derivation!.Total.Should().Be(Params.Torch.Lstm(10, 8, 2, bidirectional: true, projSize: 3));
    }

    [Theory]
    [InlineData(new long[] { 12, 5 }, new long[] { 12, 5 }, "not 1, 3 or 4 times")]
    [InlineData(new long[] { 12, 5 }, new long[] { 11, 4 }, "does not fit")]
    [InlineData(new long[] { 12 }, new long[] { 12, 4 }, "not 2-D")]
    public void Recover_InconsistentShapes_AreAmbiguous(long[] ih, long[] hh, string reason)
    {
        TensorInfo[] tensors = [Tensor("m.weight_ih_l0", ih), Tensor("m.weight_hh_l0", hh)];

        RecoveredModule module = TorchArchitecture.Recover(tensors).Single();

        module.IsAmbiguous.Should().BeTrue();
        module.Ambiguity.Should().Contain(reason);
    }

    [Fact]
    public void Recover_ATensorWithTheWrongShape_MakesTheModuleAmbiguousRatherThanWrong()
    {
        TensorInfo[] tensors =
        [
            Tensor("weight_ih_l0", 16, 5), Tensor("weight_hh_l0", 16, 4), Tensor("bias_ih_l0", 16), Tensor("bias_hh_l0", 15),
        ];

        RecoveredModule module = TorchArchitecture.Recover(tensors).Single();

        module.IsAmbiguous.Should().BeTrue();
        module.Ambiguity.Should().Contain("'bias_hh_l0' has shape (15,)");
    }

    [Fact]
    public void Recover_ALayerBeyondTheStack_DoesNotBelong()
    {
        TensorInfo[] tensors = [Tensor("weight_ih_l0", 16, 5), Tensor("weight_hh_l0", 16, 4), Tensor("weight_ih_l2", 16, 4)];

        RecoveredModule module = TorchArchitecture.Recover(tensors).Single();

        module.IsAmbiguous.Should().BeFalse();
        module.Spec!.NumLayers.Should().Be(3);
        module.MissingTensors.Should().Contain("weight_hh_l1");
    }

    [Fact]
    public void Recover_HrWithoutMatchingRows_IsAmbiguous()
    {
        TensorInfo[] tensors = [Tensor("weight_ih_l0", 12, 5), Tensor("weight_hh_l0", 12, 2), Tensor("weight_hr_l0", 2, 4)];

        RecoveredModule module = TorchArchitecture.Recover(tensors).Single();

        module.IsAmbiguous.Should().BeTrue();
        module.Ambiguity.Should().Contain("not 4 × 4");
    }

    [Fact]
    public void Recover_CellWithProjection_IsAmbiguous()
    {
        TensorInfo[] tensors = [Tensor("c.weight_ih", 16, 5), Tensor("c.weight_hh", 16, 2), Tensor("c.weight_hr", 2, 4)];

        TorchArchitecture.Recover(tensors).Single().Ambiguity.Should().Contain("cell");
    }

    [Fact]
    public void Recover_MissingInputWeight_IsAmbiguous()
    {
        TorchArchitecture.Recover([Tensor("m.weight_hh_l0", 16, 4)]).Single().Ambiguity.Should().Contain("input size");
    }

    [Fact]
    public void Recover_OnlyOneGateMultipleFits_NeedsNoName()
    {
        RecoveredModule module = TorchArchitecture.Recover([Tensor("x.weight_ih_l0", 7, 2)]).Single();

        module.Spec.Should().Be(LayerSpec.Torch.Rnn(2, 7, bias: false));
    }

    [Fact]
    public void Recover_SizesBeyondInt_AreAmbiguous()
    {
        RecoveredModule module = TorchArchitecture.Recover([Tensor("gru.weight_ih_l0", 3L << 31, 1)]).Single();

        module.IsAmbiguous.Should().BeTrue();
        module.Ambiguity.Should().Contain("not a valid module");
    }

    [Fact]
    public void Recover_OtherTensorsAndOddNames_AreIgnored()
    {
        TensorInfo[] tensors = [Tensor("fc.weight", 3, 4), Tensor("weight_ih_reverse", 4, 4), Tensor("weight_ih_l0", 4, 2), Tensor("weight_ih_l0", 8, 2)];

        RecoveredModule module = TorchArchitecture.Recover(tensors).Single();

        module.Tensors.Should().ContainSingle().Which.Shape.Should().Be(new TensorShape(4, 2));
    }

    [Fact]
    public void Recover_Null_Throws()
    {
        Action nothing = () => TorchArchitecture.Recover(null!);
        Action nullItem = () => TorchArchitecture.Recover([null!]);

        nothing.Should().Throw<ArgumentNullException>();
        nullItem.Should().Throw<ArgumentNullException>();
    }

    private static TensorInfo Tensor(string name, params long[] dims) => new(name, "F32", new TensorShape(dims));
}
