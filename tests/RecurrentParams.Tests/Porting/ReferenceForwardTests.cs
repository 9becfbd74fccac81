using System;
using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Keras;
using RecurrentParams.Porting;
using Xunit;

namespace RecurrentParams.Tests.Porting;

/// <summary>
/// The reference pass on hand-derived cases (WeightMapFrameworkTests checks it against real Keras 3 and PyTorch runs),
/// and its refusals.
/// </summary>
public sealed class ReferenceForwardTests
{
    [Fact]
    public void Recurrent_SimpleRnnOneUnit_IsTanhOfTheDerivedSum()
    {
        // u = 1, i = 1: h1 = tanh(0.5·1 + 0.25), h2 = tanh(0.5·(−1) + 0.25 + 2·h1).
        LayerSpec spec = LayerSpec.Keras.SimpleRnn(1, 1);
        NamedTensor[] weights =
        [
            new("simple_rnn_cell/kernel", new TensorShape(1, 1), [0.5f]),
            new("simple_rnn_cell/recurrent_kernel", new TensorShape(1, 1), [2f]),
            new("simple_rnn_cell/bias", new TensorShape(1), [0.25f]),
        ];

        double[][] output = ReferenceForward.Recurrent(spec, weights, [[1.0], [-1.0]]);

        double h1 = Math.Tanh(0.75);
        output[0][0].Should().Be(h1);
        output[1][0].Should().Be(Math.Tanh(-0.25 + (2 * h1)));
    }

    [Fact]
    public void Recurrent_TorchProjection_ProjectsTheHiddenState()
    {
        // nn.LSTM(1, 2, proj_size=1) with zero gate weights except biases: every gate is σ(b) or tanh(b), and h = w_hr·(o ⊙ tanh(c)).
        LayerSpec spec = LayerSpec.Torch.Lstm(1, 2, projSize: 1);
        float[] bias = [1, 1, -1, -1, 0.5f, 0.5f, 2, 2];
        NamedTensor[] weights =
        [
            new("weight_ih_l0", new TensorShape(8, 1), new float[8]),
            new("weight_hh_l0", new TensorShape(8, 1), new float[8]),
            new("bias_ih_l0", new TensorShape(8), bias),
            new("bias_hh_l0", new TensorShape(8), new float[8]),
            new("weight_hr_l0", new TensorShape(1, 2), [1f, -3f]),
        ];

        double[][] output = ReferenceForward.Recurrent(spec, weights, [[0.0]]);

        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        double c = Sigmoid(1) * Math.Tanh(0.5);
        double h = Sigmoid(2) * Math.Tanh(c);
        output.Should().ContainSingle().Which.Should().ContainSingle().Which.Should().BeApproximately(h - (3 * h), 1e-15);
    }

    [Fact]
    public void Recurrent_KerasGruResetBefore_DiffersFromResetAfter()
    {
        // The same numbers in reset_after=False and reset_after=True (second bias row zero) give different outputs:
        // the reason PyTorch has no equivalent of the first.
        LayerSpec before = LayerSpec.Keras.Gru(2, 1, resetAfter: false);
        LayerSpec after = LayerSpec.Keras.Gru(2, 1);
        float[] kernel = [0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f];
        float[] recurrent = Enumerable.Range(1, 12).Select(v => v / 10f).ToArray();
        float[] bias = [0.1f, 0.2f, 0.3f, -0.1f, -0.2f, -0.3f];
        NamedTensor[] first = [new("gru_cell/kernel", new TensorShape(1, 6), kernel), new("gru_cell/recurrent_kernel", new TensorShape(2, 6), recurrent), new("gru_cell/bias", new TensorShape(6), bias)];
        NamedTensor[] second = [first[0], first[1], new("gru_cell/bias", new TensorShape(2, 6), bias.Concat(new float[6]).ToArray())];
        double[][] x = [[1.0], [0.5], [-1.0]];

        double[][] a = ReferenceForward.Recurrent(before, first, x);
        double[][] b = ReferenceForward.Recurrent(after, second, x);

        a[0].Should().Equal(b[0], "from a zero state the reset gate multiplies zeros either way");
        Math.Abs(a[2][0] - b[2][0]).Should().BeGreaterThan(1e-4);
    }

    [Fact]
    public void Run_KerasModelReturningTheLastStep_KeepsTheBackwardFinalState()
    {
        // Bidirectional(return_sequences=False) concatenates the forward output at the last step and the backward
        // output at the first step (where the backward pass ends).
        ModelSummary model = new KerasModelBuilder("m").Input(null, 2).Bidirectional(new Recurrent(CellType.SimpleRnn, 1), name: "b").Build();
        LayerSpec spec = LayerSpec.Keras.SimpleRnn(1, 2, bidirectional: true);
        IReadOnlyList<NamedTensor> weights = WeightMapTests.Numbered(spec).Select(t => new NamedTensor("b/" + t.Name, t.Shape, t.Values.ToArray().Select(v => v / 4000f).ToArray())).ToArray();
        double[][] x = [[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]];

        double[][] sequence = ReferenceForward.Recurrent(spec, weights.Select(t => new NamedTensor(t.Name.Substring(2), t.Shape, t.Values.ToArray())), x);
        double[][] last = ReferenceForward.Run(model, weights, x);

        last.Should().ContainSingle().Which.Should().Equal(sequence[2][0], sequence[0][1]);
    }

    [Fact]
    public void Run_BadModels_AreRefused()
    {
        ModelSummary conv = new KerasModelBuilder("m").Input(20, 5).Conv1D(4, 3).Build();
        FluentActions.Invoking(() => ReferenceForward.Run(conv, [], [[1.0, 2, 3, 4, 5]])).Should().Throw<ArgumentException>()
            .WithParameterName("model").WithMessage("Layer 'conv1d' (Conv1D) is not one the reference pass runs: no mapping for the Keras layer 'Conv1D'*");

        ModelSummary sum = new KerasModelBuilder("m").Input(null, 2).Bidirectional(new Recurrent(CellType.Lstm, 3), MergeMode.Sum).Build();
        IReadOnlyList<NamedTensor> sumWeights = WeightMapTests.Numbered(LayerSpec.Keras.Lstm(3, 2, bidirectional: true)).Select(t => new NamedTensor("bidirectional/" + t.Name, t.Shape, t.Values.ToArray())).ToArray();
        FluentActions.Invoking(() => ReferenceForward.Run(sum, sumWeights, [[1.0, 2.0]])).Should().Throw<ArgumentException>().WithMessage("*merge_mode=\"concat\" only.*");

        ModelSummary embedded = new KerasModelBuilder("m").TokenInput(null).Embedding(3, 2).Build();
        NamedTensor[] table = [new("embedding/embeddings", new TensorShape(3, 2), [1, 2, 3, 4, 5, 6])];
        ReferenceForward.Run(embedded, table, [2, 0]).Should().BeEquivalentTo(new[] { new[] { 5.0, 6.0 }, new[] { 1.0, 2.0 } }, o => o.WithStrictOrdering());
        FluentActions.Invoking(() => ReferenceForward.Run(embedded, table, [3])).Should().Throw<ArgumentException>().WithParameterName("tokens").WithMessage("'tokens' must be in [0, 3); got 3.*");
        FluentActions.Invoking(() => ReferenceForward.Run(embedded, table, [[1.0]])).Should().Throw<ArgumentException>().WithParameterName("sequence");
        FluentActions.Invoking(() => ReferenceForward.Run(embedded, table, Array.Empty<int>())).Should().Throw<ArgumentException>().WithParameterName("tokens");

        ModelSummary dense = new KerasModelBuilder("m").Input(null, 2).Dense(1).Build();
        FluentActions.Invoking(() => ReferenceForward.Run(dense, [], [1])).Should().Throw<ArgumentException>().WithParameterName("tokens").WithMessage("Token ids feed an Embedding*");
        FluentActions.Invoking(() => ReferenceForward.Run(dense, [], [[1.0, 2.0]])).Should().Throw<ArgumentException>().WithParameterName("weights").WithMessage("'weights' has no tensor 'dense/kernel' (2, 1).*");
        FluentActions.Invoking(() => ReferenceForward.Run(dense, [new NamedTensor("dense/kernel", new TensorShape(1, 2), [1, 2])], [[1.0, 2.0]])).Should().Throw<ArgumentException>()
            .WithMessage("'weights' tensor 'dense/kernel' has shape (1, 2); expected (2, 1).*");
        FluentActions.Invoking(() => ReferenceForward.Run(dense, [], [[1.0, 2.0, 3.0]])).Should().Throw<ArgumentException>().WithMessage("Layer 'dense' takes 2 features per step; it receives 3.*");
    }

    [Fact]
    public void Recurrent_BadArguments_Throw()
    {
        LayerSpec spec = LayerSpec.Keras.SimpleRnn(1, 2);
        FluentActions.Invoking(() => ReferenceForward.Recurrent(null!, [], [[1.0, 2.0]])).Should().Throw<ArgumentNullException>().WithParameterName("layer");
        FluentActions.Invoking(() => ReferenceForward.Recurrent(spec, null!, [[1.0, 2.0]])).Should().Throw<ArgumentNullException>().WithParameterName("weights");
        FluentActions.Invoking(() => ReferenceForward.Recurrent(spec, [], null!)).Should().Throw<ArgumentNullException>().WithParameterName("sequence");
        FluentActions.Invoking(() => ReferenceForward.Recurrent(spec, [], [])).Should().Throw<ArgumentException>().WithMessage("'sequence' must hold at least one time step.*");
        FluentActions.Invoking(() => ReferenceForward.Recurrent(spec, [], [[1.0]])).Should().Throw<ArgumentException>().WithMessage("Every step of 'sequence' must hold 2 features; got 1.*");
        FluentActions.Invoking(() => ReferenceForward.Recurrent(spec, [null!], [[1.0, 2.0]])).Should().Throw<ArgumentNullException>().WithParameterName("weights");
        FluentActions.Invoking(() => ReferenceForward.Recurrent(new LayerSpec(CellType.CuDnnGru, 1, 2), [], [[1.0, 2.0]])).Should().Throw<ArgumentException>()
            .WithMessage("The reference pass runs SimpleRNN, LSTM and GRU, not 'CuDNNGRU'.*");
        FluentActions.Invoking(() => ReferenceForward.Run(null!, [], [[1.0]])).Should().Throw<ArgumentNullException>().WithParameterName("model");
        FluentActions.Invoking(() => ReferenceForward.Run(new KerasModelBuilder("m").Input(null, 1).Dense(1).Build(), null!, [[1.0]])).Should().Throw<ArgumentNullException>().WithParameterName("weights");
        FluentActions.Invoking(() => ReferenceForward.Run(new KerasModelBuilder("m").Input(null, 1).Dense(1).Build(), [], (int[])null!)).Should().Throw<ArgumentNullException>().WithParameterName("tokens");
    }
}
