using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Porting;

/// <summary>
/// A small, exact forward pass in double precision for SimpleRNN, LSTM and GRU in both conventions, and for sequential
/// models of them with Embedding and Dense / Linear: proof that converted weights compute what the originals did, with no
/// framework installed.
/// </summary>
/// <remarks>
/// <para>
/// The cells follow the frameworks' defaults: SimpleRNN <c>h = tanh(W·x + b + U·h)</c>; LSTM with sigmoid gates and tanh
/// (Keras 3 default; Keras 2's <c>hard_sigmoid</c> is not modelled); GRU <c>z, r = σ(...)</c>,
/// <c>n = tanh(W_n·x + b_in + r ⊙ (U_n·h + b_hn))</c> (Keras <c>reset_after=True</c>, PyTorch) or
/// <c>n = tanh(W_n·x + b_n + U_n·(r ⊙ h))</c> (Keras <c>reset_after=False</c>), <c>h = z ⊙ h + (1 − z) ⊙ n</c>; a PyTorch
/// LSTM with <c>proj_size</c> projects <c>h</c> through <c>weight_hr</c>. States start at zero. The backward direction reads
/// the sequence from its end and its outputs are aligned with the input steps, as Keras' <c>Bidirectional</c> and PyTorch do.
/// </para>
/// <para>All members are thread-safe. The cost is one pass over the weights per time step, for checking, not for serving.</para>
/// </remarks>
public static class ReferenceForward
{
    /// <summary>Runs one recurrent layer (every layer and direction of a PyTorch module) over one sequence.</summary>
    /// <param name="layer">The layer, Keras or PyTorch convention.</param>
    /// <param name="weights">Its tensors, named as <see cref="Params.Weights"/> names them (<c>lstm_cell/kernel</c>, <c>forward_gru/gru_cell/bias</c>, <c>weight_ih_l0_reverse</c>).</param>
    /// <param name="sequence">The input, one row of <see cref="LayerSpec.InputSize"/> features per time step; at least one step.</param>
    /// <returns>The output at every step: the last layer's, both directions concatenated (forward first), as Keras' <c>return_sequences=True</c> with <c>merge_mode="concat"</c> and PyTorch's <c>output</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The cell is not SimpleRNN, LSTM or GRU; a weight is missing or has another shape; or the sequence is empty or a row has another width.</exception>
    public static double[][] Recurrent(LayerSpec layer, IEnumerable<NamedTensor> weights, double[][] sequence)
    {
        Guard.NotNull(layer, nameof(layer));
        Guard.NotNull(weights, nameof(weights));
        CheckSequence(sequence, layer.InputSize, nameof(sequence));
        return RunRecurrent(layer, ByName(weights, nameof(weights)), string.Empty, Copy(sequence));
    }

    /// <summary>Runs a sequential model over one sequence of feature vectors.</summary>
    /// <param name="model">
    /// The model: Keras rows <c>InputLayer</c>, <c>SimpleRNN</c> / <c>LSTM</c> / <c>GRU</c>, <c>Bidirectional</c> (concat),
    /// <c>Dense</c> (linear activation), <c>Dropout</c>; PyTorch rows <c>RNN</c> / <c>LSTM</c> / <c>GRU</c> (tanh), <c>Linear</c>,
    /// <c>Dropout</c>, and the last time step taken between rows (a row whose input has no time axis).
    /// </param>
    /// <param name="weights">The tensors named as <see cref="WeightMap.ForModel"/> names them: <c>lstm/lstm_cell/kernel</c>, <c>lstm.weight_ih_l0</c>.</param>
    /// <param name="sequence">The input, one row of features per time step; at least one step.</param>
    /// <returns>The model's output: one row per time step when it returns a sequence, else one row.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The model has a row this pass does not run, a weight is missing or has another shape, or the input does not fit.</exception>
    public static double[][] Run(ModelSummary model, IEnumerable<NamedTensor> weights, double[][] sequence)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(weights, nameof(weights));
        CheckSequence(sequence, -1, nameof(sequence));
        return RunModel(model, ByName(weights, nameof(weights)), Copy(sequence), fromTokens: false);
    }

    /// <summary>Runs a sequential model whose first layer is an <c>Embedding</c> over one sequence of token ids.</summary>
    /// <param name="model">The model; see <see cref="Run(ModelSummary, IEnumerable{NamedTensor}, double[][])"/>.</param>
    /// <param name="weights">The tensors named as <see cref="WeightMap.ForModel"/> names them.</param>
    /// <param name="tokens">The token ids, one per time step, each in [0, the embedding's row count).</param>
    /// <returns>The model's output: one row per time step when it returns a sequence, else one row.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The first weighted layer is not an Embedding, a token is out of range, or as for the other overload.</exception>
    public static double[][] Run(ModelSummary model, IEnumerable<NamedTensor> weights, int[] tokens)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(weights, nameof(weights));
        Guard.NotNull(tokens, nameof(tokens));
        if (tokens.Length == 0)
        {
            Guard.ThrowArgument(nameof(tokens), "'tokens' must hold at least one time step.");
        }

        return RunModel(model, ByName(weights, nameof(weights)), tokens.Select(t => new double[] { t }).ToArray(), fromTokens: true);
    }

    private static double[][] RunModel(ModelSummary model, Dictionary<string, NamedTensor> weights, double[][] x, bool fromTokens)
    {
        bool keras = model.Convention == Convention.Keras;
        bool sequence = true;
        bool first = true;
        foreach (LayerSummary row in model.LayerRows)
        {
            if (row.ClassName is "InputLayer" or "Dropout")
            {
                continue;
            }

            string prefix = row.Name + (keras ? "/" : ".");
            PortableLayer layer = PortableLayer.Read(row, model.Convention);
            if (sequence && !first && layer.Kind == PortableKind.Dense && row.InputShape is { Rank: 2 })
            {
                // PyTorch's output[:, -1] (TakeLastTimeStep) shows only as a row whose input has lost its time axis.
                x = [x[x.Length - 1]];
                sequence = false;
            }

            if (fromTokens && first && layer.Kind != PortableKind.Embedding)
            {
                Guard.ThrowArgument("tokens", "Token ids feed an Embedding, but the model's first layer '" + row.Name + "' is " + row.ClassName + ".");
            }

            first = false;
            switch (layer.Kind)
            {
                case PortableKind.Embedding:
                    x = Embed(Get(weights, prefix + (keras ? "embeddings" : "weight"), layer.InputSize, layer.OutputSize), layer.InputSize, layer.OutputSize, x, fromTokens);
                    break;
                case PortableKind.Dense:
                    CheckWidth(x, layer.InputSize, row.Name);
                    x = keras
                        ? Dense(Get(weights, prefix + "kernel", layer.InputSize, layer.OutputSize), transposed: true, layer.UseBias ? Get(weights, prefix + "bias", layer.OutputSize) : null, x)
                        : Dense(Get(weights, prefix + "weight", layer.OutputSize, layer.InputSize), transposed: false, layer.UseBias ? Get(weights, prefix + "bias", layer.OutputSize) : null, x);
                    break;
                case PortableKind.Recurrent:
                    LayerSpec spec = layer.Spec!;
                    CheckWidth(x, spec.InputSize, row.Name);
                    double[][] output = RunRecurrent(spec, weights, prefix, x);
                    bool returnsSequence = !keras || row.OutputShape.Rank == 3;
                    if (keras && spec.Bidirectional && row.OutputShape[row.OutputShape.Rank - 1] != 2L * spec.Units)
                    {
                        Guard.ThrowArgument(nameof(model), "Layer '" + row.Name + "' merges its directions other than by concatenation; the reference pass runs merge_mode=\"concat\" only.");
                    }

                    x = returnsSequence ? output : [LastOutputs(spec, output)];
                    sequence = returnsSequence;
                    break;
                default:
                    Guard.ThrowArgument(nameof(model), "Layer '" + row.Name + "' (" + row.ClassName + ") is not one the reference pass runs: " + layer.Reason + ".");
                    break;
            }
        }

        return x;
    }

    private static double[] LastOutputs(LayerSpec spec, double[][] output)
    {
        double[] last = (double[])output[output.Length - 1].Clone();
        if (spec.Bidirectional)
        {
            // Keras' backward layer ends at the first step; its part of the aligned output there is its final state.
            Array.Copy(output[0], spec.Units, last, spec.Units, spec.Units);
        }

        return last;
    }

    private static double[][] RunRecurrent(LayerSpec spec, Dictionary<string, NamedTensor> weights, string prefix, double[][] x)
    {
        if (!GateOrder.IsMapped(spec.CellType))
        {
            Guard.ThrowArgument("layer", "The reference pass runs SimpleRNN, LSTM and GRU, not '" + spec.CellType.Name + "'.");
        }

        Params.Count(spec);
        bool keras = spec.Convention == Convention.Keras;
        int layers = keras ? 1 : spec.NumLayers;
        for (int layer = 0; layer < layers; layer++)
        {
            double[][][] directions = new double[spec.Directions][][];
            for (int direction = 0; direction < spec.Directions; direction++)
            {
                Block block = keras ? Block.Keras(spec, direction, weights, prefix) : Block.Torch(spec, layer, direction, weights, prefix);
                directions[direction] = block.Run(x, reverse: direction == 1);
            }

            x = directions.Length == 1 ? directions[0] : x.Select((_, t) => directions[0][t].Concat(directions[1][t]).ToArray()).ToArray();
        }

        return x;
    }

    private static double[][] Embed(float[] table, long count, long width, double[][] x, bool fromTokens)
    {
        if (!fromTokens)
        {
            Guard.ThrowArgument("sequence", "The model starts with an Embedding; pass token ids (the int[] overload).");
        }

        return x.Select(step =>
        {
            double token = step[0];
            if (token < 0 || token >= count)
            {
                Guard.ThrowArgument("tokens", string.Format(CultureInfo.InvariantCulture, "'tokens' must be in [0, {0}); got {1}.", count, token));
            }

            return table.Skip((int)(token * width)).Take((int)width).Select(v => (double)v).ToArray();
        }).ToArray();
    }

    private static double[][] Dense(float[] matrix, bool transposed, float[]? bias, double[][] x)
    {
        int inputs = x[0].Length;
        int outputs = matrix.Length / inputs;
        return x.Select(step =>
        {
            double[] y = new double[outputs];
            for (int o = 0; o < outputs; o++)
            {
                double sum = bias is null ? 0 : bias[o];
                for (int i = 0; i < inputs; i++)
                {
                    sum += step[i] * (transposed ? matrix[(i * outputs) + o] : matrix[(o * inputs) + i]);
                }

                y[o] = sum;
            }

            return y;
        }).ToArray();
    }

    private static float[] Get(Dictionary<string, NamedTensor> weights, string name, params long[] shape)
    {
        var expected = new TensorShape(shape);
        if (!weights.TryGetValue(name, out NamedTensor? tensor))
        {
            Guard.ThrowArgument(nameof(weights), "'weights' has no tensor '" + name + "' " + expected + ".");
        }
        else if (!tensor.Shape.Equals(expected))
        {
            Guard.ThrowArgument(nameof(weights), "'weights' tensor '" + name + "' has shape " + tensor.Shape + "; expected " + expected + ".");
        }

        return tensor!.Array;
    }

    private static Dictionary<string, NamedTensor> ByName(IEnumerable<NamedTensor> weights, string paramName)
    {
        var byName = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        foreach (NamedTensor tensor in weights)
        {
            byName[Guard.NotNull(tensor, paramName).Name] = tensor;
        }

        return byName;
    }

    private static void CheckSequence(double[][] sequence, long width, string paramName)
    {
        Guard.NotNull(sequence, paramName);
        if (sequence.Length == 0)
        {
            Guard.ThrowArgument(paramName, "'" + paramName + "' must hold at least one time step.");
        }

        foreach (double[] step in sequence)
        {
            if (Guard.NotNull(step, paramName).Length != (width < 0 ? sequence[0].Length : width) || step.Length == 0)
            {
                Guard.ThrowArgument(paramName, string.Format(CultureInfo.InvariantCulture, "Every step of '{0}' must hold {1} features; got {2}.", paramName, width < 0 ? sequence[0].Length : width, step.Length));
            }
        }
    }

    private static void CheckWidth(double[][] x, long width, string layer)
    {
        if (x[0].Length != width)
        {
            Guard.ThrowArgument("sequence", string.Format(CultureInfo.InvariantCulture, "Layer '{0}' takes {1} features per step; it receives {2}.", layer, width, x[0].Length));
        }
    }

    private static double[][] Copy(double[][] sequence) => sequence.Select(s => (double[])s.Clone()).ToArray();

    private static double Sigmoid(double v) => 1.0 / (1.0 + Math.Exp(-v));

    /// <summary>One (layer, direction) block in gate-major form: <c>Wx (G·u × i)</c>, <c>Wh (G·u × r)</c>, biases, gate slots.</summary>
    private sealed class Block
    {
        private readonly CellType cell;
        private readonly int units;
        private readonly int inputs;
        private readonly int recurrent;
        private readonly double[,] wx;
        private readonly double[,] wh;
        private readonly double[] bx;
        private readonly double[] bh;
        private readonly double[,]? projection;
        private readonly int[] slots;
        private readonly bool resetAfter;

        private Block(CellType cell, int units, int inputs, int recurrent, bool resetAfter, int[] slots)
        {
            this.cell = cell;
            this.units = units;
            this.inputs = inputs;
            this.recurrent = recurrent;
            this.resetAfter = resetAfter;
            this.slots = slots;
            int rows = GateOrder.Count(cell) * units;
            wx = new double[rows, inputs];
            wh = new double[rows, recurrent];
            bx = new double[rows];
            bh = new double[rows];
            if (recurrent != units)
            {
                projection = new double[recurrent, units];
            }
        }

        public static Block Keras(LayerSpec spec, int direction, Dictionary<string, NamedTensor> weights, string prefix)
        {
            int units = spec.Units;
            int rows = GateOrder.Count(spec.CellType) * units;

            // Keras slots: LSTM i, f, c, o; GRU z, r, h.
            var block = new Block(spec.CellType, units, spec.InputSize, units, spec.ResetAfter, spec.CellType == CellType.Gru ? [1, 0, 2] : [0, 1, 2, 3]);
            string path = prefix
                + (spec.Bidirectional ? (direction == 0 ? "forward_" : "backward_") + KerasNaming.ToSnakeCase(spec.CellType.Name) + "/" : string.Empty)
                + KerasNaming.ToSnakeCase(spec.CellType.Name + "Cell") + "/";
            float[] kernel = Get(weights, path + "kernel", spec.InputSize, rows);
            float[] recurrentKernel = Get(weights, path + "recurrent_kernel", units, rows);
            for (int r = 0; r < rows; r++)
            {
                for (int i = 0; i < spec.InputSize; i++)
                {
                    block.wx[r, i] = kernel[((long)i * rows) + r];
                }

                for (int j = 0; j < units; j++)
                {
                    block.wh[r, j] = recurrentKernel[((long)j * rows) + r];
                }
            }

            if (spec.UseBias)
            {
                bool two = spec.CellType == CellType.Gru && spec.ResetAfter;
                float[] bias = two ? Get(weights, path + "bias", 2, rows) : Get(weights, path + "bias", rows);
                for (int r = 0; r < rows; r++)
                {
                    block.bx[r] = bias[r];
                    block.bh[r] = two ? bias[rows + r] : 0;
                }
            }

            return block;
        }

        public static Block Torch(LayerSpec spec, int layer, int direction, Dictionary<string, NamedTensor> weights, string prefix)
        {
            int units = spec.Units;
            int rows = GateOrder.Count(spec.CellType) * units;
            int recurrent = spec.ProjSize > 0 ? spec.ProjSize : units;
            int inputs = layer == 0 ? spec.InputSize : spec.Directions * recurrent;

            // PyTorch slots: LSTM i, f, g, o; GRU r, z, n (so z is slot 1, r slot 0).
            var block = new Block(spec.CellType, units, inputs, recurrent, true, spec.CellType == CellType.Gru ? [0, 1, 2] : [0, 1, 2, 3]);
            string suffix = "_l" + layer.ToString(CultureInfo.InvariantCulture) + (direction == 1 ? "_reverse" : string.Empty);
            float[] ih = Get(weights, prefix + "weight_ih" + suffix, rows, inputs);
            float[] hh = Get(weights, prefix + "weight_hh" + suffix, rows, recurrent);
            for (int r = 0; r < rows; r++)
            {
                for (int i = 0; i < inputs; i++)
                {
                    block.wx[r, i] = ih[((long)r * inputs) + i];
                }

                for (int j = 0; j < recurrent; j++)
                {
                    block.wh[r, j] = hh[((long)r * recurrent) + j];
                }
            }

            if (spec.UseBias)
            {
                float[] bi = Get(weights, prefix + "bias_ih" + suffix, rows);
                float[] bhh = Get(weights, prefix + "bias_hh" + suffix, rows);
                for (int r = 0; r < rows; r++)
                {
                    block.bx[r] = bi[r];
                    block.bh[r] = bhh[r];
                }
            }

            if (block.projection is not null)
            {
                float[] hr = Get(weights, prefix + "weight_hr" + suffix, recurrent, units);
                for (int p = 0; p < recurrent; p++)
                {
                    for (int j = 0; j < units; j++)
                    {
                        block.projection[p, j] = hr[((long)p * units) + j];
                    }
                }
            }

            return block;
        }

        public double[][] Run(double[][] x, bool reverse)
        {
            double[] h = new double[recurrent];
            double[] c = new double[units];
            double[][] outputs = new double[x.Length][];
            for (int step = 0; step < x.Length; step++)
            {
                int t = reverse ? x.Length - 1 - step : step;
                h = Step(x[t], h, c);
                outputs[t] = (double[])h.Clone();
            }

            return outputs;
        }

        private double[] Step(double[] x, double[] h, double[] c)
        {
            int rows = wx.GetLength(0);
            double[] a = new double[rows];
            double[] b = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                double sx = bx[r];
                for (int i = 0; i < inputs; i++)
                {
                    sx += wx[r, i] * x[i];
                }

                double sh = bh[r];
                for (int j = 0; j < recurrent; j++)
                {
                    sh += wh[r, j] * h[j];
                }

                a[r] = sx;
                b[r] = sh;
            }

            double[] next = new double[units];
            if (cell == CellType.SimpleRnn)
            {
                for (int j = 0; j < units; j++)
                {
                    next[j] = Math.Tanh(a[j] + b[j]);
                }

                return next;
            }

            if (cell == CellType.Lstm)
            {
                for (int j = 0; j < units; j++)
                {
                    double input = Sigmoid(a[(slots[0] * units) + j] + b[(slots[0] * units) + j]);
                    double forget = Sigmoid(a[(slots[1] * units) + j] + b[(slots[1] * units) + j]);
                    double candidate = Math.Tanh(a[(slots[2] * units) + j] + b[(slots[2] * units) + j]);
                    double output = Sigmoid(a[(slots[3] * units) + j] + b[(slots[3] * units) + j]);
                    c[j] = (forget * c[j]) + (input * candidate);
                    next[j] = output * Math.Tanh(c[j]);
                }

                return projection is null ? next : Project(next);
            }

            if (!resetAfter)
            {
                ResetBefore(a, h, next);
                return next;
            }

            // GRU: slots[0] is r and slots[1] is z in PyTorch's numbering (Keras passes [1, 0, 2]: z first, then r).
            int reset = slots[0] == 0 ? 0 : 1;
            int update = 1 - reset;
            for (int j = 0; j < units; j++)
            {
                double z = Sigmoid(a[(update * units) + j] + b[(update * units) + j]);
                double r = Sigmoid(a[(reset * units) + j] + b[(reset * units) + j]);
                double n = Math.Tanh(a[(2 * units) + j] + (r * b[(2 * units) + j]));
                next[j] = ((1 - z) * n) + (z * h[j]);
            }

            return next;
        }

        private void ResetBefore(double[] a, double[] h, double[] next)
        {
            // Keras reset_after=False: n = tanh(W_h·x + b_h + U_h·(r ⊙ h)); the recurrent bias is zero here (one bias).
            double[] z = new double[units];
            double[] reset = new double[units];
            for (int j = 0; j < units; j++)
            {
                double sz = 0;
                double sr = 0;
                for (int k = 0; k < recurrent; k++)
                {
                    sz += wh[j, k] * h[k];
                    sr += wh[units + j, k] * h[k];
                }

                z[j] = Sigmoid(a[j] + sz);
                reset[j] = Sigmoid(a[units + j] + sr) * h[j];
            }

            for (int j = 0; j < units; j++)
            {
                double s = a[(2 * units) + j];
                for (int k = 0; k < recurrent; k++)
                {
                    s += wh[(2 * units) + j, k] * reset[k];
                }

                next[j] = (z[j] * h[j]) + ((1 - z[j]) * Math.Tanh(s));
            }
        }

        private double[] Project(double[] hidden)
        {
            double[] projected = new double[recurrent];
            for (int p = 0; p < recurrent; p++)
            {
                double sum = 0;
                for (int j = 0; j < units; j++)
                {
                    sum += projection![p, j] * hidden[j];
                }

                projected[p] = sum;
            }

            return projected;
        }
    }
}
