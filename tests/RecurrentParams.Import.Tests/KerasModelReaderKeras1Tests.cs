using System.Linq;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>
/// Keras 1 JSON (Fixtures/keras1, hand-written by tools/oracles/files/keras1_files.py in the style of Keras 1's to_json()).
/// Every expected count is derived in the test from Keras 1.2.2's source (keras-team/keras, tag 1.2.2): the weights each
/// layer's <c>build</c> adds, and which of them <c>engine/topology.py</c> counts as non-trainable.
/// </summary>
public sealed partial class KerasModelReaderTests
{
    private static ModelSummary Keras1(string id) => KerasModelReader.ReadFile(Fixtures.PathOf("keras1", id + ".json")).Summary;

    [Fact]
    public void ReadFile_Keras1EmbeddingGruTimeDistributed_CountsAsKeras1()
    {
        // embeddings.py Embedding.build: W (input_dim, output_dim) = (40, 8) = 320.
        // recurrent.py GRU.build, consume_less 'gpu': W (input_dim, 3·output_dim) = (8, 48), U (16, 48), b (48,):
        //   384 + 768 + 48 = 1,200 = 3·(8·16 + 16·16 + 16), the same as the 'cpu' layout's nine tensors.
        // core.py Dropout: no weights. wrappers.py TimeDistributed(Dense(40)) on 16 features: W (16, 40) + b (40,) = 680.
        ModelSummary summary = Keras1("seq-emb-gru-td");

        summary.Rows.Select(r => r.Params).Should().Equal(320, 1_200, 0, 680);
        summary.TotalParams.Should().Be(2_200);
        summary.NonTrainableParams.Should().Be(0);
        summary.Input.Should().Be(new OutputShape(null, 10));
        summary.Output.Should().Be(new OutputShape(null, 10, 40));
        summary.InputElementType.Should().Be(ElementType.Int32);
    }

    [Fact]
    public void ReadFile_Keras1StackedLstm_CountsAsKeras1()
    {
        // recurrent.py LSTM.build ('cpu'): W_i, U_i, b_i, W_c, U_c, b_c, W_f, U_f, b_f, W_o, U_o, b_o:
        //   LSTM(12) on 3 features: 4·(3·12 + 12·12 + 12) = 4·192 = 768; LSTM(6) on 12: 4·(12·6 + 6·6 + 6) = 4·114 = 456.
        // core.py Dense(output_dim=2, bias=True) on 6: W (6, 2) + b (2,) = 14.
        ModelSummary summary = Keras1("seq-lstm-lstm-dense");

        summary.Rows.Select(r => r.Params).Should().Equal(768, 456, 14, 0);
        summary.TotalParams.Should().Be(1_238);
        summary.Rows[0].OutputShape.Should().Be(new OutputShape(null, null, 12));
    }

    [Fact]
    public void ReadFile_Keras1MergeOfBranchModels_CountsTheBranchesAndTheFrozenEmbedding()
    {
        // engine/topology.py Merge(mode='concat') over two Sequential branches, each an Embedding on 5 tokens:
        //   Embedding(30, 6) with trainable false: W (30, 6) = 180, which Layer.non_trainable_weights returns whole
        //   ("if not trainable: return self._trainable_weights + self._non_trainable_weights");
        //   Embedding(12, 2): 24. Concatenated on the last axis: (None, 5, 6 + 2) = (None, 5, 8).
        // GRU(10) on 8: 3·(8·10 + 10·10 + 10) = 3·190 = 570.
        // core.py TimeDistributedDense(output_dim=4) on 10: W (10, 4) + b (4,) = 44.
        ModelSummary summary = Keras1("seq-merge-branches");

        summary.Rows.Select(r => r.Params).Should().Equal(204, 570, 44);
        summary.Rows[0].OutputShape.Should().Be(new OutputShape(null, 5, 8));
        summary.TotalParams.Should().Be(818);
        summary.NonTrainableParams.Should().Be(180);
        summary.TrainableParams.Should().Be(638);
        summary.Output.Should().Be(new OutputShape(null, 5, 4));
    }

    [Fact]
    public void ReadFile_Keras1ConvolutionPoolingBatchNormalization_CountsAsKeras1()
    {
        // convolutional.py Convolution1D(nb_filter=16, filter_length=3) on 8 channels: W (3, 1, 8, 16) = 384, b (16,): 400;
        //   border_mode 'same' keeps 20 steps. pooling.py MaxPooling1D(pool_length=2): 20 → 10 steps.
        // LSTM(10) on 16: 4·(16·10 + 10·10 + 10) = 4·270 = 1,080.
        // normalization.py BatchNormalization (mode 0) on 10: gamma, beta (trainable), running_mean, running_std
        //   (add_weight(..., trainable=False)): 4·10 = 40, 20 of them non-trainable.
        // Dense(1, bias=False) on 10: W (10, 1) = 10.
        ModelSummary summary = Keras1("seq-conv-pool-lstm-bn");

        summary.Rows.Select(r => r.Params).Should().Equal(400, 0, 1_080, 40, 10);
        summary.Rows[1].OutputShape.Should().Be(new OutputShape(null, 10, 16));
        summary.TotalParams.Should().Be(1_530);
        summary.NonTrainableParams.Should().Be(20);
    }

    [Fact]
    public void ReadFile_Keras1Convolution2DWithTheanoOrdering_ReadsChannelsFirst()
    {
        // convolutional.py Convolution2D, dim_ordering 'th': W (nb_filter, stack_size, nb_row, nb_col) = (4, 1, 3, 3) = 36,
        //   b (4,): 40; (None, 1, 12, 12) → (None, 4, 10, 10). MaxPooling2D (2, 2), 'th': (None, 4, 5, 5).
        // Flatten: 100. Dense(3) on 100: 300 + 3 = 303.
        ModelSummary summary = Keras1("seq-conv2d-th");

        summary.Rows.Select(r => r.OutputShape.ToString()).Should().Equal("(None, 4, 10, 10)", "(None, 4, 5, 5)", "(None, 100)", "(None, 3)");
        summary.Rows.Select(r => r.Params).Should().Equal(40, 0, 0, 303);
        summary.TotalParams.Should().Be(343);
    }

    [Fact]
    public void ReadFile_Keras1FunctionalMerge_CountsAsKeras1()
    {
        // recurrent.py SimpleRNN(5) on 4 features: W (4, 5) + U (5, 5) + b (5,) = 50, twice.
        // topology.py Merge(mode='sum'): (None, 5). RepeatVector(3): (None, 3, 5).
        // wrappers.py Bidirectional(LSTM(2, return_sequences=True)), merge_mode 'concat': two LSTMs on 5 features,
        //   2·4·(5·2 + 2·2 + 2) = 2·64 = 128; output (None, 3, 4).
        ModelSummary summary = Keras1("fn-merge-sum");

        summary.Rows.Select(r => r.Params).Should().Equal(0, 50, 50, 0, 0, 128);
        summary.Rows[3].ClassName.Should().Be("Merge");
        summary.Output.Should().Be(new OutputShape(null, 3, 4));
        summary.TotalParams.Should().Be(228);
    }
}
