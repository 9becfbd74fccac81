using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using Xunit;

namespace RecurrentParams.Import.Tests.Hdf5;

/// <summary>
/// Files written by save_weights(), which have no model_config: two real Keras 3.16 <c>*.weights.h5</c> files (extracted
/// from the archives of Fixtures/keras3), and h5py files in the legacy Keras 2 / tf.keras layout (written by
/// tools/oracles/files/keras_weights_files.py, since no Keras 2 is available), whose layers are recovered from the names and shapes.
/// </summary>
public sealed class KerasWeightsOnlyTests
{
    [Fact]
    public void ReadFile_Keras3SimpleRnnWeights_RecoversTheLayerKerasCounted()
    {
        JsonElement truth = Fixtures.Manifest("keras3")["blog-simplernn"];

        ImportedModel model = KerasHdf5Reader.ReadFile(Fixtures.PathOf("keras3-weights", "blog-simplernn.weights.h5"));

        model.Format.Should().Be(ModelFileFormat.KerasHdf5);
        model.Recovered.Single().Spec.Should().Be(LayerSpec.Keras.SimpleRnn(4, 5));
        model.Summary.Name.Should().Be("blog-simplernn.weights");
        model.Summary.Rows.Select(r => (r.Name, r.ClassName, r.Params)).Should().Equal(("simple_rnn", "SimpleRNN", 40L));
        model.Summary.TotalParams.Should().Be(truth.Long("params"));
        model.StoredParams.Should().Be(truth.Long("params"));
        model.CountsAgree.Should().BeTrue();
        model.Metadata["topology"].Should().StartWith("recovered from weight names");
        model.Summary.Rows[0].Derivation!.ToString().Should().Be(Params.Explain(LayerSpec.Keras.SimpleRnn(4, 5)).ToString());
    }

    [Fact]
    public void ReadFile_Keras3BidirectionalLstmWeights_MatchesTheLayersKerasCounted()
    {
        JsonElement truth = Fixtures.Manifest("keras3")["seq-emb-bilstm"];

        ImportedModel model = KerasHdf5Reader.ReadFile(Fixtures.PathOf("keras3-weights", "seq-emb-bilstm.weights.h5"));

        RecoveredModule bidirectional = model.Recovered.Single();
        bidirectional.ClassName.Should().Be("Bidirectional");
        bidirectional.Spec.Should().Be(LayerSpec.Keras.Lstm(16, 8) with { Bidirectional = true });
        model.Summary.Rows.Select(r => (r.Name, r.Params)).Should().BeEquivalentTo(
            truth.GetProperty("layers").EnumerateArray().Select(l => (l.Str("name")!, l.Long("params"))));
        model.Summary.TotalParams.Should().Be(truth.Long("params"));
        model.Summary.TrainableParams.Should().Be(truth.Long("trainable"));
        model.Tensors.Should().OnlyContain(t => t.Name.StartsWith("layers/", StringComparison.Ordinal));
        model.CountsAgree.Should().BeTrue();
    }

    [Theory]
    [InlineData("seq-emb-gru0", "weights-keras2-seq-emb-gru0.h5")]
    [InlineData("seq-gru1", "weights-tfkeras-seq-gru1.h5")]
    [InlineData("seq-gru0-bilstm-bn", "weights-keras2-seq-gru0-bilstm-bn.h5")]
    public void ReadFile_LegacySaveWeightsInTheShapesOfARealModel_MatchesKerasCounts(string id, string file)
    {
        JsonElement truth = Fixtures.Manifest("keras3")[id];

        ImportedModel model = KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", file));

        model.Summary.TotalParams.Should().Be(truth.Long("params"));
        model.Summary.TrainableParams.Should().Be(truth.Long("trainable"));
        model.Summary.NonTrainableParams.Should().Be(truth.Long("nonTrainable"));
        // In model order: the file's layer_names, not the alphabetical order HDF5 lists the groups in.
        model.Summary.Rows.Select(r => r.Params).Should().Equal(truth.GetProperty("layers").EnumerateArray().Select(l => l.Long("params")).Where(p => p > 0));
        model.Recovered.Should().OnlyContain(m => !m.IsAmbiguous);
        model.Metadata["keras_version"].Should().NotBeEmpty();
        model.Metadata["backend"].Should().Be("tensorflow");
        model.CountsAgree.Should().BeTrue();
    }

    [Fact]
    public void ReadFile_GruResetBeforeAndAfter_AreToldApartByTheBias()
    {
        // GRU(16) on 8 features, reset_after=False: 3·(16·16 + 16·8 + 16) = 3·400 = 1200.
        RecoveredModule before = KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", "weights-keras2-seq-emb-gru0.h5")).Recovered.Single();
        // GRU(16) on 6 features, reset_after=True: 3·(16·16 + 16·6 + 2·16) = 3·384 = 1152.
        RecoveredModule after = KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", "weights-tfkeras-seq-gru1.h5")).Recovered.Single();

        before.Spec.Should().Be(LayerSpec.Keras.Gru(16, 8, resetAfter: false));
        before.Prefix.Should().Be("gru_1");
        before.Derivation!.Total.Should().Be(1200);
        after.Spec.Should().Be(LayerSpec.Keras.Gru(16, 6, resetAfter: true));
        after.Prefix.Should().Be("gru");
        after.Derivation!.Total.Should().Be(1152);
    }

    [Fact]
    public void ReadFile_LstmWithoutBias_HasNoBias()
    {
        ImportedModel model = KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", "weights-tfkeras-lstm-nobias.h5"));

        // LSTM(4) on 5 features without bias: 4·(4·4 + 4·5) = 4·36 = 144.
        model.Recovered.Single().Spec.Should().Be(LayerSpec.Keras.Lstm(4, 5, useBias: false));
        model.Summary.TotalParams.Should().Be(144);
        model.Summary.Rows.Single().Weights.Select(w => w.Name).Should().Equal("kernel", "recurrent_kernel");
        model.Summary.MacsPerStep.Should().Be(144);
    }

    [Fact]
    public void ReadFile_CuDnnLstm_IsRecoveredFromItsDoubleBias()
    {
        ImportedModel model = KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", "weights-keras2-cudnnlstm.h5"));

        // CuDNNLSTM(4) on 5 features: 4·(4·4 + 4·5 + 2·4) = 4·44 = 176.
        RecoveredModule module = model.Recovered.Single();
        module.ClassName.Should().Be("CuDNNLSTM");
        module.Spec.Should().Be(LayerSpec.Keras.CuDnnLstm(4, 5));
        model.Summary.TotalParams.Should().Be(176);
    }

    [Fact]
    public void ReadFile_BidirectionalAndBatchNormalization_AreSummarized()
    {
        ImportedModel model = KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", "weights-keras2-seq-gru0-bilstm-bn.h5"));

        // Bidirectional(LSTM(8)) on 16 features: 2·4·(8·8 + 8·16 + 8) = 2·4·200 = 1600.
        RecoveredModule bidirectional = model.Recovered.Single(m => m.Prefix == "bidirectional_1");
        bidirectional.Spec.Should().Be(LayerSpec.Keras.Lstm(8, 16) with { Bidirectional = true });
        bidirectional.Derivation!.Total.Should().Be(1600);
        LayerSummary norm = model.Summary.Rows.Single(r => r.Name == "batch_normalization_1");
        norm.ClassName.Should().Be("Tensors");
        norm.OutputShape.Should().Be(OutputShape.Unknown);
        // gamma and beta train (2·16 = 32); moving_mean and moving_variance do not (2·16 = 32).
        (norm.TrainableParams, norm.NonTrainableParams).Should().Be((32L, 32L));
        model.Summary.Rows.Single(r => r.Name == "bidirectional_1").Weights.Select(w => w.Name).Should().Contain("forward/kernel").And.Contain("backward/bias");
    }

    [Fact]
    public void ReadFile_InconsistentLayer_IsAmbiguousButStillCounted()
    {
        ImportedModel model = KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", "weights-inconsistent.h5"));

        RecoveredModule module = model.Recovered.Single();
        module.IsAmbiguous.Should().BeTrue();
        module.Ambiguity.Should().Contain("10 columns are not 1, 3 or 4 times its 4 rows");
        // The datasets still count: 5·10 + 4·10 + 10 = 100 for simple_rnn_1, 4·2 + 2 = 10 for dense_1.
        // In the file's layer_names order (model order), not HDF5's alphabetical one.
        model.Summary.Rows.Select(r => (r.Name, r.ClassName, r.Params)).Should().Equal(("simple_rnn_1", "Recurrent", 100L), ("dense_1", "Tensors", 10L));
        model.Summary.Rows[0].Derivation.Should().BeNull();
        model.StoredParams.Should().Be(110);
    }

    [Fact]
    public void Read_FullSaveWithoutModelConfig_SummarizesItsModelWeights()
    {
        byte[] bytes = Fixtures.Bytes("h5", "tfjs-seq-emb-lstm-dense.h5");
        bytes[IndexOf(bytes, "model_config"u8.ToArray())] = (byte)'M';

        ImportedModel model = KerasHdf5Reader.Read(new MemoryStream(bytes));

        model.Summary.Name.Should().Be("weights");
        model.Summary.TotalParams.Should().Be(Fixtures.Manifest("h5")["tfjs-seq-emb-lstm-dense"].Long("params"));
        model.Recovered.Should().ContainSingle().Which.IsAmbiguous.Should().BeFalse();
    }

    internal static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        throw new InvalidOperationException("not found");
    }
}
