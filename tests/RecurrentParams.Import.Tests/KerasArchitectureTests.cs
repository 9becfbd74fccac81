using System;
using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>Recovering Keras recurrent layers from weight names and shapes, and what stays ambiguous.</summary>
public sealed class KerasArchitectureTests
{
    [Fact]
    public void Recover_Keras3CellVariables_AreKernelRecurrentKernelBias()
    {
        RecoveredModule module = KerasArchitecture.Recover(
        [
            T("layers/gru/cell/vars/0", 6, 48), T("layers/gru/cell/vars/1", 16, 48), T("layers/gru/cell/vars/2", 2, 48),
        ]).Single();

        module.Prefix.Should().Be("gru");
        module.ClassName.Should().Be("GRU");
        module.Spec.Should().Be(LayerSpec.Keras.Gru(16, 6, resetAfter: true));
    }

    [Fact]
    public void Recover_CuDnnGru_FromAFlatDoubleBias()
    {
        // CuDNNGRU(4) on 5 features: kernel 5·12 + recurrent 4·12 + bias 24 = 60 + 48 + 24 = 132.
        RecoveredModule module = KerasArchitecture.Recover([T("cu_dnngru_1/cu_dnngru_1/kernel:0", 5, 12), T("cu_dnngru_1/cu_dnngru_1/recurrent_kernel:0", 4, 12), T("cu_dnngru_1/cu_dnngru_1/bias:0", 24)]).Single();

        module.ClassName.Should().Be("CuDNNGRU");
        module.Spec.Should().Be(LayerSpec.Keras.CuDnnGru(4, 5));
        module.Derivation!.Total.Should().Be(132);
    }

    [Fact]
    public void Recover_SimpleRnnWithoutBias_HasNoBias()
    {
        RecoveredModule module = KerasArchitecture.Recover([T("rnn/kernel", 3, 2), T("rnn/recurrent_kernel", 2, 2)]).Single();

        module.Spec.Should().Be(LayerSpec.Keras.SimpleRnn(2, 3, useBias: false));
        module.ToString().Should().Be("rnn: " + Params.Explain(LayerSpec.Keras.SimpleRnn(2, 3, useBias: false)).Subject);
    }

    [Theory]
    [InlineData("the kernel is missing", new long[] { 0 }, new long[] { 2, 8 }, new long[] { 8 })]
    [InlineData("the recurrent_kernel is missing", new long[] { 3, 8 }, new long[] { 0 }, new long[] { 8 })]
    [InlineData("different numbers of columns", new long[] { 3, 8 }, new long[] { 2, 6 }, new long[] { 6 })]
    [InlineData("10 columns are not 1, 3 or 4 times its 4 rows", new long[] { 5, 10 }, new long[] { 4, 10 }, new long[] { 10 })]
    [InlineData("2 columns are not 1, 3 or 4 times its 0 rows", new long[] { 5, 2 }, new long[] { 0, 2 }, new long[] { 2 })]
    [InlineData("is a GRU's with reset_after=True, but the kernels have 4 gate blocks", new long[] { 3, 8 }, new long[] { 2, 8 }, new long[] { 2, 8 })]
    [InlineData("CuDNNLSTM or CuDNNGRU's, but the kernels have 1 gate block", new long[] { 3, 2 }, new long[] { 2, 2 }, new long[] { 4 })]
    [InlineData("fits no Keras cell", new long[] { 3, 8 }, new long[] { 2, 8 }, new long[] { 7 })]
    [InlineData("not a valid layer", new long[] { 0, 8 }, new long[] { 2, 8 }, new long[] { 8 })]
    public void Recover_InconsistentShapes_AreAmbiguousWithTheReason(string reason, long[] kernel, long[] recurrent, long[] bias)
    {
        // Without a recurrent_kernel only a cell segment makes the layer recurrent.
        string prefix = recurrent.Length > 1 ? "layer/layer/" : "layer/layer/simple_rnn_cell/";
        var tensors = new List<TensorInfo>();
        if (kernel.Length > 1)
        {
            tensors.Add(T(prefix + "kernel:0", kernel));
        }

        if (recurrent.Length > 1)
        {
            tensors.Add(T(prefix + "recurrent_kernel:0", recurrent));
        }

        tensors.Add(T(prefix + "bias:0", bias));

        RecoveredModule module = KerasArchitecture.Recover(tensors).Single();

        module.IsAmbiguous.Should().BeTrue();
        module.Prefix.Should().Be("layer");
        module.ClassName.Should().Be("Recurrent");
        module.Ambiguity.Should().Contain(reason);
        module.ToString().Should().StartWith("layer: Recurrent (ambiguous: ");
    }

    [Fact]
    public void Recover_CuDnnBiasInACell_IsAmbiguous()
    {
        RecoveredModule module = KerasArchitecture.Recover([T("lstm/lstm/lstm_cell/kernel:0", 3, 8), T("lstm/lstm/lstm_cell/recurrent_kernel:0", 2, 8), T("lstm/lstm/lstm_cell/bias:0", 16)]).Single();

        module.Ambiguity.Should().Contain("those keep their weights on the layer, not in a cell");
    }

    [Fact]
    public void Recover_UnknownOrDuplicateWeights_AreAmbiguous()
    {
        KerasArchitecture.Recover([T("l/kernel", 3, 8), T("l/recurrent_kernel", 2, 8), T("l/gamma", 8)]).Single()
            .Ambiguity.Should().Contain("'l/gamma' is not a kernel, recurrent_kernel or bias");
        KerasArchitecture.Recover([T("layers/l/cell/vars/0", 3, 8), T("layers/l/cell/vars/1", 2, 8), T("layers/l/cell/vars/3", 8)]).Single()
            .Ambiguity.Should().Contain("'layers/l/cell/vars/3' is not a kernel");
        KerasArchitecture.Recover([T("l/kernel:0", 3, 8), T("l/kernel:1", 3, 8), T("l/recurrent_kernel", 2, 8)]).Single()
            .Ambiguity.Should().Contain("two weights are the kernel");
    }

    [Fact]
    public void Recover_BidirectionalDirectionsThatDiffer_AreAmbiguous()
    {
        TensorInfo[] forward = [T("b/b/forward_lstm/kernel:0", 3, 8), T("b/b/forward_lstm/recurrent_kernel:0", 2, 8)];
        TensorInfo[] backward = [T("b/b/backward_lstm/kernel:0", 3, 8), T("b/b/backward_lstm/recurrent_kernel:0", 2, 8), T("b/b/backward_lstm/bias:0", 8)];

        KerasArchitecture.Recover([.. forward, .. backward]).Single().Ambiguity.Should().StartWith("the directions differ");
        KerasArchitecture.Recover(forward).Single().Ambiguity.Should().Contain("exactly a forward and a backward direction, but found forward");
        KerasArchitecture.Recover([.. forward, .. backward, T("b/b/kernel:0", 3, 8)]).Single().Ambiguity.Should().Contain("weights outside both");
        KerasArchitecture.Recover([forward[0], .. backward]).Single().Ambiguity.Should().StartWith("forward: the recurrent_kernel is missing");
        KerasArchitecture.Recover([.. forward, backward[0]]).Single().Ambiguity.Should().StartWith("backward: the recurrent_kernel is missing");
    }

    [Fact]
    public void Recover_CountBeyondALong_IsAmbiguousNotAnException()
    {
        // LSTM(2^30) on 2^30 features: 4·(2^60 + 2^60 + 2^30) > 2^63 - 1.
        const long u = 1L << 30;
        RecoveredModule module = KerasArchitecture.Recover([T("l/kernel", u, 4 * u), T("l/recurrent_kernel", u, 4 * u), T("l/bias", long.MaxValue)]).Single();
        RecoveredModule noBias = KerasArchitecture.Recover([T("l/kernel", u, 4 * u), T("l/recurrent_kernel", u, 4 * u)]).Single();

        module.Ambiguity.Should().Contain("fits no Keras cell");
        noBias.Ambiguity.Should().Contain("more elements than fit in a 64-bit integer");
    }

    [Fact]
    public void Recover_NonRecurrentWeights_AreIgnored()
    {
        KerasArchitecture.Recover([T("dense/dense/kernel:0", 4, 3), T("dense/dense/bias:0", 3), T("forward_dense/forward_dense/kernel:0", 4, 3), T("layers/embedding/vars/0", 100, 8)])
            .Should().BeEmpty();
    }

    [Fact]
    public void Summarize_GroupsByLayerAndMarksKeras3MovingStatisticsNonTrainable()
    {
        ModelSummary summary = KerasArchitecture.Summarize("m", [T("layers/batch_normalization/vars/0", 4), T("layers/batch_normalization/vars/1", 4), T("layers/batch_normalization/vars/2", 4), T("layers/batch_normalization/vars/3", 4), T("x", 2), T(string.Empty, 1)]);

        summary.Convention.Should().Be(Convention.Keras);
        summary.Rows.Select(r => (r.Name, r.Params, r.NonTrainableParams)).Should().Equal(("batch_normalization", 16L, 8L), ("(root)", 3L, 0L));
        summary.Rows[1].Weights.Select(w => w.Name).Should().Equal("x", "(unnamed)");
        KerasArchitecture.Summarize("empty", []).Rows.Single().Name.Should().Be("(empty)");
    }

    [Fact]
    public void Recover_And_Summarize_RejectNull()
    {
        Action recover = () => KerasArchitecture.Recover(null!);
        Action element = () => KerasArchitecture.Recover([null!]);
        Action summarize = () => KerasArchitecture.Summarize(null!, []);

        recover.Should().Throw<ArgumentNullException>();
        element.Should().Throw<ArgumentNullException>();
        summarize.Should().Throw<ArgumentNullException>();
    }

    private static TensorInfo T(string name, params long[] shape) => new(name, "float32", new TensorShape(shape));
}
