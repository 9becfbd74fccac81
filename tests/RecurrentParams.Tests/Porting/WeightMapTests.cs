using System;
using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Porting;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Porting;

/// <summary>
/// The weight map's rules, derived in the tests from the frameworks' definitions (Keras 3 keras/src/layers/rnn/*.py,
/// torch/nn/modules/rnn.py, the ONNX LSTM/GRU operator specs), on tensors whose values encode their own position, so
/// every moved number says where it came from. WeightMapFrameworkTests checks the same maps against real runs.
/// </summary>
public sealed class WeightMapTests
{
    [Fact]
    public void ForLayer_KerasGruToTorch_ExplainsEveryTensor()
    {
        WeightMap map = WeightMap.ForLayer(LayerSpec.Keras.Gru(units: 4, inputSize: 5), WeightLayout.Keras, WeightLayout.Torch);

        map.ToString().Should().Be(
            """
            Keras → PyTorch: 1 layer, 4 tensors, exact
            GRU(units=4, reset_after=True) on 5 features → GRU(input_size=5, hidden_size=4)
              weight_ih_l0 (12, 5) ← gru_cell/kernel (5, 12), transposed, gates z,r,h → r,z,n
              weight_hh_l0 (12, 4) ← gru_cell/recurrent_kernel (4, 12), transposed, gates z,r,h → r,z,n
              bias_ih_l0 (12,) ← gru_cell/bias (2, 12) row 0, gates z,r,h → r,z,n
              bias_hh_l0 (12,) ← gru_cell/bias (2, 12) row 1, gates z,r,h → r,z,n
            """.ReplaceLineEndings("\n"));
        map.From.Should().Be(WeightLayout.Keras);
        map.To.Should().Be(WeightLayout.Torch);
        map.IsExact.Should().BeTrue();
        map.Refusals.Should().BeEmpty();
        map.Mappings[2].Sources.Should().Equal("gru_cell/bias");
    }

    [Fact]
    public void ForLayer_TensorNames_AreThoseOfParamsWeights()
    {
        foreach (LayerSpec spec in new[] { LayerSpec.Keras.Lstm(4, 5, bidirectional: true), LayerSpec.Torch.Gru(5, 4, numLayers: 3, bidirectional: true), LayerSpec.Keras.SimpleRnn(3, 2, useBias: false) })
        {
            WeightLayout from = spec.Convention == Convention.Keras ? WeightLayout.Keras : WeightLayout.Torch;
            WeightLayout to = spec.Convention == Convention.Keras ? WeightLayout.Torch : WeightLayout.Keras;
            var map = WeightMap.ForLayer(spec, from, to);

            map.Mappings.SelectMany(m => m.Sources).Distinct().Should().BeEquivalentTo(Params.Weights(spec).Select(w => w.Path), spec.ToString());
        }
    }

    [Fact]
    public void Apply_KerasLstmToTorch_TransposesAndKeepsTheGateOrder()
    {
        // Keras LSTM gates i, f, c, o and PyTorch's i, f, g, o are the same order: weight_ih[r, i] = kernel[i, r].
        LayerSpec spec = LayerSpec.Keras.Lstm(units: 2, inputSize: 3);
        IReadOnlyList<NamedTensor> torch = WeightMap.ForLayer(spec, WeightLayout.Keras, WeightLayout.Torch).Apply(Numbered(spec));

        float[] ih = Values(torch, "weight_ih_l0");
        float[] kernel = Values(Numbered(spec), "lstm_cell/kernel");
        for (int r = 0; r < 8; r++)
        {
            for (int i = 0; i < 3; i++)
            {
                ih[(r * 3) + i].Should().Be(kernel[(i * 8) + r]);
            }
        }

        Values(torch, "bias_ih_l0").Should().Equal(Values(Numbered(spec), "lstm_cell/bias"));
        Values(torch, "bias_hh_l0").Should().OnlyContain(v => v == 0f);
    }

    [Fact]
    public void Apply_KerasGruToTorch_SwapsUpdateAndResetGates()
    {
        // Keras GRU blocks z, r, h; PyTorch r, z, n. With u = 2 the Keras columns 0-1 (z) become PyTorch rows 2-3,
        // columns 2-3 (r) rows 0-1, and columns 4-5 (h) rows 4-5.
        LayerSpec spec = LayerSpec.Keras.Gru(units: 2, inputSize: 1);
        IReadOnlyList<NamedTensor> source = Numbered(spec);
        float[] kernel = Values(source, "gru_cell/kernel");

        IReadOnlyList<NamedTensor> torch = WeightMap.ForLayer(spec, WeightLayout.Keras, WeightLayout.Torch).Apply(source);

        Values(torch, "weight_ih_l0").Should().Equal(kernel[2], kernel[3], kernel[0], kernel[1], kernel[4], kernel[5]);
        float[] bias = Values(source, "gru_cell/bias");
        Values(torch, "bias_ih_l0").Should().Equal(bias[2], bias[3], bias[0], bias[1], bias[4], bias[5]);
        Values(torch, "bias_hh_l0").Should().Equal(bias[8], bias[9], bias[6], bias[7], bias[10], bias[11]);
    }

    [Fact]
    public void Apply_TorchLstmToOnnx_ReordersGatesToIofc()
    {
        // PyTorch i, f, g, o → ONNX i, o, f, c: ONNX block 1 is PyTorch block 3, block 2 PyTorch 1, block 3 PyTorch 2.
        LayerSpec spec = LayerSpec.Torch.Lstm(inputSize: 1, hiddenSize: 1, bidirectional: true);
        IReadOnlyList<NamedTensor> source = Numbered(spec);

        IReadOnlyList<NamedTensor> onnx = WeightMap.ForLayer(spec, WeightLayout.Torch, WeightLayout.Onnx).Apply(source);

        float[] forward = Values(source, "weight_ih_l0");
        float[] reverse = Values(source, "weight_ih_l0_reverse");
        onnx.Single(t => t.Name == "W").Shape.Should().Be(new TensorShape(2, 4, 1));
        Values(onnx, "W").Should().Equal(forward[0], forward[3], forward[1], forward[2], reverse[0], reverse[3], reverse[1], reverse[2]);
        float[] bi = Values(source, "bias_ih_l0");
        float[] bh = Values(source, "bias_hh_l0");
        Values(onnx, "B").Take(8).Should().Equal(bi[0], bi[3], bi[1], bi[2], bh[0], bh[3], bh[1], bh[2]);
    }

    [Fact]
    public void Apply_OnnxGruToKeras_KeepsZrhAndStacksTheBiases()
    {
        // ONNX GRU (linear_before_reset=1) and Keras GRU (reset_after=True) share z, r, h; B = [Wb, Rb] is bias (2, 3u).
        LayerSpec spec = LayerSpec.Torch.Gru(inputSize: 2, hiddenSize: 1);
        IReadOnlyList<NamedTensor> source = Numbered(spec, WeightLayout.Onnx);

        IReadOnlyList<NamedTensor> keras = WeightMap.ForLayer(spec, WeightLayout.Onnx, WeightLayout.Keras).Apply(source);

        Values(keras, "gru_cell/bias").Should().Equal(Values(source, "B"));
        float[] w = Values(source, "W");
        Values(keras, "gru_cell/kernel").Should().Equal(w[0], w[2], w[4], w[1], w[3], w[5]);
    }

    [Fact]
    public void Apply_RoundTrips_AreExactWhereTheMapSaysSo()
    {
        foreach ((LayerSpec spec, WeightLayout from, WeightLayout to) in new[]
        {
            (LayerSpec.Keras.Lstm(3, 2, bidirectional: true), WeightLayout.Keras, WeightLayout.Torch),
            (LayerSpec.Keras.Gru(3, 2), WeightLayout.Keras, WeightLayout.Onnx),
            (LayerSpec.Keras.SimpleRnn(3, 2, useBias: false), WeightLayout.Keras, WeightLayout.Onnx),
            (LayerSpec.Torch.Gru(2, 3, bidirectional: true), WeightLayout.Torch, WeightLayout.Onnx),
            (LayerSpec.Torch.Lstm(2, 3), WeightLayout.Torch, WeightLayout.Onnx),
            (LayerSpec.Torch.Rnn(2, 3, numLayers: 2, bidirectional: true), WeightLayout.Torch, WeightLayout.Keras),
        })
        {
            WeightMap there = WeightMap.ForLayer(spec, from, to);
            IReadOnlyList<NamedTensor> source = Numbered(spec, from);
            IReadOnlyList<NamedTensor> converted = there.Apply(source);
            if (to == WeightLayout.Keras && spec.NumLayers > 1)
            {
                continue; // several Keras layers: checked by the model-level round trips
            }

            LayerSpec back = there.Layers[0].TargetSpec!;
            IReadOnlyList<NamedTensor> returned = WeightMap.ForLayer(back, to, from).Apply(converted);
            bool exact = there.IsExact;
            Same(returned, source).Should().Be(exact, "{0} {1} → {2}", spec, from, to);
        }
    }

    [Fact]
    public void Apply_TorchToKeras_SumsTheBiasesAndSaysSo()
    {
        LayerSpec spec = LayerSpec.Torch.Rnn(inputSize: 1, hiddenSize: 2);
        IReadOnlyList<NamedTensor> source = Numbered(spec);

        WeightMap map = WeightMap.ForLayer(spec, WeightLayout.Torch, WeightLayout.Keras);
        IReadOnlyList<NamedTensor> keras = map.Apply(source);

        float[] bi = Values(source, "bias_ih_l0");
        float[] bh = Values(source, "bias_hh_l0");
        Values(keras, "simple_rnn_cell/bias").Should().Equal(bi[0] + bh[0], bi[1] + bh[1]);
        map.IsExact.Should().BeFalse();
        map.IsConvertible.Should().BeTrue();
        map.Layers[0].Notes.Should().Equal(
            "the Keras bias is bias_ih + bias_hh: the outputs agree up to float32 rounding of that sum, but the split between the two is lost (back in PyTorch, bias_hh is zeros)");
        map.Mappings.Single(m => m.Target == "simple_rnn_cell/bias").ToString().Should().Be("simple_rnn_cell/bias (2,) ← bias_ih_l0 (2,) + bias_hh_l0 (2,)");
    }

    [Fact]
    public void ForLayer_KerasGruResetBefore_IsRefusedWithTheReason()
    {
        WeightMap map = WeightMap.ForLayer(LayerSpec.Keras.Gru(4, 5, resetAfter: false), WeightLayout.Keras, WeightLayout.Torch);

        map.IsConvertible.Should().BeFalse();
        map.Mappings.Should().BeEmpty();
        map.Refusals.Should().Equal(
            "a Keras GRU with reset_after=False applies the reset gate before the recurrent matrix product, (r ⊙ h)·U; PyTorch's GRU always applies it after, r ⊙ (W_hn·h + b_hn), so no nn.GRU computes the same function");
        map.Subject.Should().Be("Keras → PyTorch: 1 layer, 0 tensors, 1 layer refused");
        FluentActions.Invoking(() => map.Apply([])).Should().Throw<InvalidOperationException>()
            .WithMessage("The weights cannot be converted exactly from Keras to PyTorch: a Keras GRU with reset_after=False*");
        WeightMap.ForLayer(LayerSpec.Keras.Gru(4, 5, resetAfter: false), WeightLayout.Keras, WeightLayout.Onnx).Refusals.Single()
            .Should().Contain("ONNX GRU with linear_before_reset=0 computes it");
    }

    [Fact]
    public void ForLayer_TorchProjection_IsRefusedTowardsKerasAndOnnx()
    {
        LayerSpec spec = LayerSpec.Torch.Lstm(5, 4, projSize: 2);

        WeightMap.ForLayer(spec, WeightLayout.Torch, WeightLayout.Keras).Refusals.Should().Equal(
            "an LSTM with proj_size=2 projects its hidden state through weight_hr; Keras' LSTM has no projection, so no Keras layer computes the same function");
        WeightMap.ForLayer(spec, WeightLayout.Torch, WeightLayout.Onnx).Refusals.Single().Should().Contain("no ONNX LSTM equivalent");
        WeightMap.ForLayer(spec, WeightLayout.Torch, WeightLayout.Keras).Layers[0].ToString().Should().EndWith("\n  refused: an LSTM with proj_size=2 projects its hidden state through weight_hr; Keras' LSTM has no projection, so no Keras layer computes the same function");
    }

    [Fact]
    public void ForLayer_OtherRefusals_NameTheReason()
    {
        WeightMap.ForLayer(LayerSpec.Torch.Lstm(5, 4, numLayers: 2), WeightLayout.Torch, WeightLayout.Onnx).Refusals.Single().Should().Contain("an ONNX node holds one layer");
        WeightMap.ForLayer(LayerSpec.Keras.Lstm(4, 5) with { IsCell = true }, WeightLayout.Keras, WeightLayout.Torch).Refusals.Single().Should().Contain("single-step cells are not mapped");
        WeightMap.ForLayer(new LayerSpec(CellType.CuDnnLstm, 4, 5), WeightLayout.Keras, WeightLayout.Torch).Refusals.Single().Should().Contain("the cell 'CuDNNLSTM'");
        WeightMap.ForLayer(new LayerSpec(CellType.CuDnnLstm, 4, 5), WeightLayout.Keras, WeightLayout.Torch).Layers[0].TargetClass.Should().Be("CuDNNLSTM");
    }

    [Fact]
    public void ForLayer_InvalidArguments_Throw()
    {
        LayerSpec keras = LayerSpec.Keras.Lstm(4, 5);
        FluentActions.Invoking(() => WeightMap.ForLayer(null!, WeightLayout.Keras, WeightLayout.Torch)).Should().Throw<ArgumentNullException>().WithParameterName("layer");
        FluentActions.Invoking(() => WeightMap.ForLayer(keras, WeightLayout.Keras, WeightLayout.Keras)).Should().Throw<ArgumentException>().WithParameterName("to");
        FluentActions.Invoking(() => WeightMap.ForLayer(keras, (WeightLayout)7, WeightLayout.Keras)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("from");
        FluentActions.Invoking(() => WeightMap.ForLayer(keras, WeightLayout.Keras, (WeightLayout)(-1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("to");
        FluentActions.Invoking(() => WeightMap.ForLayer(keras, WeightLayout.Torch, WeightLayout.Keras)).Should().Throw<ArgumentException>()
            .WithParameterName("layer").WithMessage("'layer' must be in the PyTorch convention to map from PyTorch; got the Keras convention.*");
        FluentActions.Invoking(() => WeightMap.ForLayer(LayerSpec.Torch.Lstm(5, 4), WeightLayout.Keras, WeightLayout.Torch)).Should().Throw<ArgumentException>()
            .WithMessage("'layer' must be in the Keras convention to map from Keras; got the PyTorch convention.*");
        FluentActions.Invoking(() => WeightMap.ForLayer(LayerSpec.Keras.Lstm(4, 5) with { ProjSize = 2 }, WeightLayout.Keras, WeightLayout.Torch)).Should().Throw<ArgumentException>().WithParameterName("projSize");
    }

    [Fact]
    public void Apply_BadSources_Throw()
    {
        LayerSpec spec = LayerSpec.Keras.SimpleRnn(2, 3);
        WeightMap map = WeightMap.ForLayer(spec, WeightLayout.Keras, WeightLayout.Torch);
        IReadOnlyList<NamedTensor> good = Numbered(spec);

        FluentActions.Invoking(() => map.Apply(null!)).Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => map.Apply([null!])).Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => map.Apply(good.Skip(1))).Should().Throw<ArgumentException>()
            .WithMessage("'source' has no tensor 'simple_rnn_cell/kernel' (3, 2), which weight_ih_l0 is made from.*");
        FluentActions.Invoking(() => map.Apply(good.Concat([good[0]]))).Should().Throw<ArgumentException>()
            .WithMessage("'source' holds two tensors named 'simple_rnn_cell/kernel'.*");
        var wrong = new NamedTensor("simple_rnn_cell/kernel", new TensorShape(2, 3), new float[6]);
        FluentActions.Invoking(() => map.Apply(good.Skip(1).Concat([wrong]))).Should().Throw<ArgumentException>()
            .WithMessage("'source' tensor 'simple_rnn_cell/kernel' has shape (2, 3); the map expects (3, 2).*");
        map.Apply(good.Concat([new NamedTensor("unused", new TensorShape(1), [1f])])).Should().HaveCount(4, "tensors the map does not use are ignored");
    }

    [Fact]
    public void ForModel_KerasModel_NamesTorchModulesAfterKerasLayers()
    {
        ModelSummary model = new KerasModelBuilder("m").TokenInput(null).Embedding(10, 3).Gru(4, returnSequences: true).Dropout(0.1).Dense(2).Build();

        WeightMap map = WeightMap.ForModel(model, WeightLayout.Torch);

        map.Layers.Select(l => (l.SourceName, l.TargetName, l.TargetClass)).Should().Equal(("embedding", "embedding", "Embedding"), ("gru", "gru", "GRU"), ("dense", "dense", "Linear"));
        map.Mappings.Select(m => m.Target).Should().Equal("embedding.weight", "gru.weight_ih_l0", "gru.weight_hh_l0", "gru.bias_ih_l0", "gru.bias_hh_l0", "dense.weight", "dense.bias");
        map.Layers[0].Subject.Should().Be("embedding: Embedding(input_dim=10, output_dim=3) → Embedding(10, 3)");
        map.Layers[2].Subject.Should().Be("dense: Dense(units=2) on 4 features → Linear(in_features=4, out_features=2)");
        map.Layers[1].TargetSpec.Should().Be(LayerSpec.Torch.Gru(3, 4));
    }

    [Fact]
    public void ForModel_TorchModel_NamesKerasLayersAfterModules()
    {
        // Net(enc=Enc(embed, lstm), head): the state dict names enc.embed.weight, enc.lstm.weight_ih_l0, ..., head.weight.
        var encoder = new CustomModule(
            "Enc",
            [("embed", new RecurrentParams.Torch.Embedding(10, 3)), ("lstm", new RecurrentParams.Torch.Recurrent(CellType.Lstm, 3, 4, numLayers: 2, batchFirst: true))],
            forward: (self, tokens) =>
            {
                (Tensor output, _) = self.Call("lstm", self.Call("embed", tokens));
                return output;
            });
        ModelSummary model = new TorchModelBuilder("Net").Input(ElementType.Int64, 1, 7).Add(encoder, "enc").TakeLastTimeStep().Linear(2, bias: false, name: "head").Build();

        WeightMap map = WeightMap.ForModel(model, WeightLayout.Keras);

        map.Layers.Select(l => l.TargetName).Should().Equal("enc_embed", "enc_lstm_l0", "enc_lstm_l1", "head");
        map.Mappings.Select(m => m.Target).Should().Equal(
            "enc_embed/embeddings", "enc_lstm_l0/lstm_cell/kernel", "enc_lstm_l0/lstm_cell/recurrent_kernel", "enc_lstm_l0/lstm_cell/bias",
            "enc_lstm_l1/lstm_cell/kernel", "enc_lstm_l1/lstm_cell/recurrent_kernel", "enc_lstm_l1/lstm_cell/bias", "head/kernel");
        map.Layers[3].Subject.Should().Be("head: Linear(in_features=4, out_features=2, bias=False) → Dense(units=2, use_bias=False) on 4 features");
        map.Layers[1].Subject.Should().Be("enc.lstm layer 0: LSTM(input_size=3, hidden_size=4, num_layers=2) → LSTM(units=4) on 3 features");
    }

    [Fact]
    public void ForModel_KerasStackNamedLikeTorchLayers_BecomesOneModule()
    {
        // Torch → Keras names layer k of module "rnn" rnn_l{k}; the way back makes them one nn.RNN(num_layers=3) again.
        ModelSummary keras = new KerasModelBuilder("m").Input(null, 5)
            .SimpleRnn(4, returnSequences: true, name: "rnn_l0").SimpleRnn(4, returnSequences: true, name: "rnn_l1").SimpleRnn(4, name: "rnn_l2").Build();

        WeightMap map = WeightMap.ForModel(keras, WeightLayout.Torch);

        map.Layers.Select(l => l.TargetName).Should().Equal("rnn", "rnn", "rnn");
        map.Mappings.Select(m => m.Target).Should().Contain(["rnn.weight_ih_l0", "rnn.weight_ih_l1", "rnn.weight_hh_l2"]);
        map.Layers[2].Subject.Should().Be("rnn_l2: SimpleRNN(units=4) on 4 features → RNN(input_size=5, hidden_size=4, num_layers=3) layer 2");
    }

    [Fact]
    public void ForModel_KerasStackThatDiffers_StaysSeparateModules()
    {
        ModelSummary keras = new KerasModelBuilder("m").Input(null, 5)
            .Lstm(4, returnSequences: true, name: "x_l0").Lstm(3, returnSequences: true, name: "x_l1").Gru(3, name: "y_l0").Build();

        WeightMap.ForModel(keras, WeightLayout.Torch).Layers.Select(l => l.TargetName).Should().Equal("x_l0", "x_l1", "y_l0");
    }

    [Fact]
    public void ForModel_LayerWithoutMapping_IsRefused()
    {
        ModelSummary keras = new KerasModelBuilder("m").Input(20, 5).Conv1D(4, 3).Flatten().Dense(2).Build();

        WeightMap map = WeightMap.ForModel(keras, WeightLayout.Torch);

        map.IsConvertible.Should().BeFalse();
        map.Refusals.Should().Equal("conv1d: no mapping for the Keras layer 'Conv1D', which has weights (mapped: SimpleRNN, LSTM, GRU, Bidirectional, Dense and Embedding)");
        map.Layers[0].Subject.Should().Be("conv1d: Keras Conv1D → PyTorch");
        WeightMap.ForModel(new TorchModelBuilder("Net").Input(2, 4).LayerNorm().Build(), WeightLayout.Keras).Refusals.Single()
            .Should().Contain("no mapping for the PyTorch layer 'LayerNorm'");
    }

    [Fact]
    public void ForModel_WrongTarget_Throws()
    {
        ModelSummary keras = new KerasModelBuilder("m").Input(null, 5).Lstm(4).Build();

        FluentActions.Invoking(() => WeightMap.ForModel(null!, WeightLayout.Torch)).Should().Throw<ArgumentNullException>().WithParameterName("model");
        FluentActions.Invoking(() => WeightMap.ForModel(keras, WeightLayout.Keras)).Should().Throw<ArgumentException>()
            .WithParameterName("to").WithMessage("'to' must be WeightLayout.Torch for a Keras model; got Keras.*");
        FluentActions.Invoking(() => WeightMap.ForModel(keras, WeightLayout.Onnx)).Should().Throw<ArgumentException>().WithParameterName("to");
    }

    /// <summary>Makes each tensor of the layer hold distinct values: tensor index · 1000 + element index.</summary>
    internal static IReadOnlyList<NamedTensor> Numbered(LayerSpec spec, WeightLayout layout = WeightLayout.Keras)
    {
        IEnumerable<(string Name, TensorShape Shape)> tensors = layout == WeightLayout.Onnx
            ? WeightMap.ForLayer(spec, WeightLayout.Torch, WeightLayout.Onnx).Mappings.Select(m => (m.Target, m.TargetShape))
            : Params.Weights(spec).Select(w => (w.Path, w.Shape));
        return tensors.Select((t, k) => new NamedTensor(t.Name, t.Shape, Enumerable.Range(0, (int)t.Shape.ElementCount).Select(e => (float)((k * 1000) + e + 1)).ToArray())).ToArray();
    }

    internal static float[] Values(IEnumerable<NamedTensor> tensors, string name) => tensors.Single(t => t.Name == name).Values.ToArray();

    private static bool Same(IReadOnlyList<NamedTensor> actual, IReadOnlyList<NamedTensor> expected) =>
        actual.Count == expected.Count
        && expected.All(e => actual.SingleOrDefault(a => a.Name == e.Name) is { } a && a.Shape.Equals(e.Shape) && a.Values.ToArray().SequenceEqual(e.Values.ToArray()));
}
