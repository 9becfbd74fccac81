using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RecurrentParams.Internal;

namespace RecurrentParams.Porting;

/// <summary>
/// The exact correspondence of weight tensors between Keras, PyTorch and ONNX for a layer or a whole model: names,
/// shapes, transposes, gate orders and biases, printable (<see cref="ToString"/>) and applicable to the numbers
/// (<see cref="Apply"/>); a case with no exact equivalent is refused with its reason, never converted approximately.
/// </summary>
/// <remarks>
/// <para>
/// The rules, each checked against Keras 3 (<c>keras/src/layers/rnn/</c>) and PyTorch (<c>torch/nn/modules/rnn.py</c>) by
/// running both frameworks on the converted weights (<c>tools/oracles/porting</c>):
/// Keras kernels are <c>(inputs, gates·units)</c>, PyTorch and ONNX weights <c>(gates·units, inputs)</c>: transposed.
/// LSTM gates are <c>i, f, c, o</c> in Keras, <c>i, f, g, o</c> in PyTorch (the same order) and <c>i, o, f, c</c> in ONNX;
/// GRU gates <c>z, r, h</c> in Keras and ONNX, <c>r, z, n</c> in PyTorch. Keras' one bias becomes PyTorch's <c>bias_ih</c>
/// with <c>bias_hh</c> zero (exact); PyTorch's two biases become their sum in Keras (the same outputs up to float32
/// rounding, but the split is lost, which <see cref="LayerMap.Notes"/> says). A Keras GRU with <c>reset_after=True</c> keeps
/// both biases as <c>(2, 3u)</c>, rows input then recurrent: exact both ways. Refused: a Keras GRU with
/// <c>reset_after=False</c> (to PyTorch), an LSTM with <c>proj_size</c> (to Keras or ONNX), cells other than SimpleRNN, LSTM
/// and GRU, and layers with weights that have no mapping.
/// </para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class WeightMap
{
    private readonly LayerMap[] layers;
    private readonly string[] modelNotes;

    private WeightMap(WeightLayout from, WeightLayout to, IEnumerable<LayerMap> layers, ModelSummary? targetModel = null, IEnumerable<string>? modelNotes = null)
    {
        From = from;
        To = to;
        this.layers = layers.ToArray();
        this.modelNotes = modelNotes?.ToArray() ?? [];
        TargetModel = targetModel;
        Subject = Headline(from, to, this.layers, this.modelNotes.Length > 0);
    }

    /// <summary>Gets the layout the source tensors are in.</summary>
    /// <value>A defined <see cref="WeightLayout"/>.</value>
    public WeightLayout From { get; }

    /// <summary>Gets the layout of the tensors <see cref="Apply"/> makes.</summary>
    /// <value>A defined <see cref="WeightLayout"/> other than <see cref="From"/>.</value>
    public WeightLayout To { get; }

    /// <summary>Gets the first line of the explanation, e.g. <c>Keras → PyTorch: 3 layers, 8 tensors, exact</c>.</summary>
    /// <value>Not empty.</value>
    public string Subject { get; }

    /// <summary>Gets the layer maps, in model order.</summary>
    /// <value>One per source layer with weights; a stacked PyTorch module gives one per layer.</value>
    public IReadOnlyList<LayerMap> Layers => Array.AsReadOnly(layers);

    /// <summary>Gets every target tensor's mapping, in model order.</summary>
    /// <value>The mappings of all <see cref="Layers"/>.</value>
    public IReadOnlyList<TensorMapping> Mappings => layers.SelectMany(l => l.Mappings).ToArray();

    /// <summary>Gets the refusals, one line per refused layer: its name and the reason.</summary>
    /// <value>Empty when every layer converts.</value>
    public IReadOnlyList<string> Refusals =>
        layers.Where(l => l.Refusal is not null).Select(l => (l.SourceName.Length == 0 ? string.Empty : l.SourceName + ": ") + l.Refusal).ToArray();

    /// <summary>Gets a value indicating whether every layer converts.</summary>
    /// <value><see langword="true"/> when <see cref="Refusals"/> is empty.</value>
    public bool IsConvertible => layers.All(l => l.IsConvertible);

    /// <summary>Gets what the conversion keeps only up to rounding, or loses: the layers' notes (with their names) and the model's.</summary>
    /// <value>Empty when the conversion is exact both ways.</value>
    public IReadOnlyList<string> Notes =>
        layers.SelectMany(l => l.Notes.Select(n => (l.SourceName.Length == 0 ? string.Empty : l.SourceName + ": ") + n)).Distinct(StringComparer.Ordinal).Concat(modelNotes).ToArray();

    /// <summary>Gets a value indicating whether the conversion is exact both ways: convertible, and no note says something is lost or differs.</summary>
    /// <value><see langword="false"/> when refused or when <see cref="Notes"/> is not empty.</value>
    public bool IsExact => IsConvertible && modelNotes.Length == 0 && layers.All(l => l.Notes.Count == 0);

    /// <summary>Gets the converted model, built with <see cref="TorchModelBuilder"/> or <see cref="KerasModelBuilder"/> from a model map: what the target tensors belong to, named as they are.</summary>
    /// <value>
    /// <see langword="null"/> for a layer map, when a layer is refused, or when a layer without weights has no equivalent. Keras
    /// layers become <c>batch_first</c> PyTorch modules (a Keras layer that returns only its last step, a module followed by
    /// <c>output[:, -1]</c>); PyTorch modules become Keras layers that return sequences unless the last step is taken.
    /// </value>
    public ModelSummary? TargetModel { get; }

    /// <summary>Maps the weights of one recurrent layer, with the tensor names of <see cref="Params.Weights"/> (<c>lstm_cell/kernel</c>, <c>weight_ih_l0</c>) and ONNX's input names <c>W</c>, <c>R</c>, <c>B</c>.</summary>
    /// <param name="layer">The source layer: a Keras-convention spec from Keras, a PyTorch-convention spec from PyTorch or ONNX (one layer, <c>linear_before_reset=1</c> for a GRU).</param>
    /// <param name="from">The source layout.</param>
    /// <param name="to">The target layout, not <paramref name="from"/>.</param>
    /// <returns>The map; for PyTorch with several layers, one <see cref="LayerMap"/> per layer, the Keras targets named <c>l0/...</c>, <c>l1/...</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> or <paramref name="to"/> is not a defined layout.</exception>
    /// <exception cref="ArgumentException"><paramref name="to"/> equals <paramref name="from"/>, or the spec's convention is not that of <paramref name="from"/>, or the spec is not valid for its cell.</exception>
    public static WeightMap ForLayer(LayerSpec layer, WeightLayout from, WeightLayout to)
    {
        Guard.NotNull(layer, nameof(layer));
        CheckLayouts(from, to);
        Convention expected = from == WeightLayout.Keras ? Convention.Keras : Convention.Torch;
        if (layer.Convention != expected)
        {
            Guard.ThrowArgument(nameof(layer), "'layer' must be in the " + (expected == Convention.Keras ? "Keras" : "PyTorch") + " convention to map from " + MapFactory.Framework(from) + "; got the " + (layer.Convention == Convention.Keras ? "Keras" : "PyTorch") + " convention.");
        }

        if (GateOrder.IsMapped(layer.CellType))
        {
            Params.Count(layer);
        }

        LayerMap[] maps = MapFactory.Recurrent(layer, from, to, string.Empty, string.Empty, string.Empty, k => layer.NumLayers > 1 && to == WeightLayout.Keras ? "l" + k.ToString(CultureInfo.InvariantCulture) + "/" : string.Empty).ToArray();
        return new WeightMap(from, to, maps);
    }

    /// <summary>Maps the weights of a whole Keras model to PyTorch, or of a PyTorch model to Keras, by layer and module names.</summary>
    /// <param name="model">
    /// The source model, from <see cref="KerasModelBuilder"/> / <see cref="TorchModelBuilder"/> or a model file's reader. Keras
    /// tensors are named <c>layer/path</c> (<c>lstm/lstm_cell/kernel</c>, <c>bidirectional/forward_lstm/lstm_cell/kernel</c>,
    /// <c>dense/kernel</c>, <c>embedding/embeddings</c>), PyTorch tensors <c>module.name</c> (<c>lstm.weight_ih_l0</c>).
    /// </param>
    /// <param name="to">The target layout: <see cref="WeightLayout.Torch"/> for a Keras model, <see cref="WeightLayout.Keras"/> for a PyTorch one.</param>
    /// <returns>
    /// The map: a Keras layer becomes the PyTorch module of the same name (<c>Bidirectional</c> → <c>bidirectional=True</c>,
    /// <c>Dense</c> → <c>Linear</c>); a PyTorch module becomes the Keras layer of the same name (dots replaced by underscores),
    /// layer k of a stacked module the Keras layer <c>name_l{k}</c>. Layers without weights are skipped; layers with weights
    /// and no mapping are refused.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not the other framework of the model's convention.</exception>
    public static WeightMap ForModel(ModelSummary model, WeightLayout to)
    {
        Guard.NotNull(model, nameof(model));
        WeightLayout from = model.Convention == Convention.Keras ? WeightLayout.Keras : WeightLayout.Torch;
        WeightLayout expected = from == WeightLayout.Keras ? WeightLayout.Torch : WeightLayout.Keras;
        if (to != expected)
        {
            Guard.ThrowArgument(nameof(to), "'to' must be WeightLayout." + expected + " for a " + MapFactory.Framework(from) + " model; got " + to + ".");
        }

        var maps = new List<LayerMap>();
        IReadOnlyList<LayerSummary> rows = model.LayerRows;
        for (int index = 0; index < rows.Count; index++)
        {
            int stacked = from == WeightLayout.Keras ? KerasStack(rows, index) : 1;
            if (stacked > 1)
            {
                maps.AddRange(MapKerasStack(rows.Skip(index).Take(stacked).ToArray()));
                index += stacked - 1;
                continue;
            }

            maps.AddRange(MapRow(rows[index], from, to));
        }

        var notes = new List<string>();
        ModelSummary? target = from == WeightLayout.Keras ? Porting.TargetModel.Torch(model, maps, notes) : Porting.TargetModel.Keras(model, maps, notes);
        return new WeightMap(from, to, maps, target, notes);
    }

    /// <summary>Combines maps between the same two layouts into one, e.g. the maps of an ONNX model's recurrent nodes.</summary>
    /// <param name="maps">The maps, in order; at least one.</param>
    /// <returns>One map holding all their layers, without a <see cref="TargetModel"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="maps"/> is or holds <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="maps"/> is empty or mixes layouts.</exception>
    public static WeightMap Combine(IEnumerable<WeightMap> maps)
    {
        WeightMap[] all = Guard.NotNull(maps, nameof(maps)).ToArray();
        if (all.Length == 0)
        {
            Guard.ThrowArgument(nameof(maps), "'maps' must hold at least one map.");
        }

        foreach (WeightMap map in all)
        {
            if (Guard.NotNull(map, nameof(maps)).From != all[0].From || map.To != all[0].To)
            {
                Guard.ThrowArgument(nameof(maps), "'maps' must all map from " + all[0].From + " to " + all[0].To + "; one maps from " + map.From + " to " + map.To + ".");
            }
        }

        return new WeightMap(all[0].From, all[0].To, all.SelectMany(m => m.layers), null, all.SelectMany(m => m.modelNotes));
    }

    /// <summary>Renames the tensors on either side, e.g. ONNX's <c>W</c>, <c>R</c>, <c>B</c> to the initializers a node reads, or PyTorch names under a parent module.</summary>
    /// <param name="source">Gives the new name of a source tensor.</param>
    /// <param name="target">Gives the new name of a target tensor.</param>
    /// <returns>The same map with the tensors renamed (the layers' names and <see cref="TargetModel"/> are kept).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>, or returns <see langword="null"/> or an empty name.</exception>
    public WeightMap Rename(Func<string, string> source, Func<string, string> target)
    {
        Guard.NotNull(source, nameof(source));
        Guard.NotNull(target, nameof(target));
        return new WeightMap(From, To, layers.Select(l => l.Rename(source, target)), TargetModel, modelNotes);
    }

    /// <summary>Converts tensors: makes every target tensor of <see cref="Mappings"/> from the source tensors.</summary>
    /// <param name="source">The source tensors, named as in <see cref="TensorMapping.Sources"/>; tensors the map does not use are ignored.</param>
    /// <returns>The target tensors, in <see cref="Mappings"/> order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is <see langword="null"/> or holds <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A tensor the map needs is missing or has another shape, or two tensors have the same name.</exception>
    /// <exception cref="InvalidOperationException">The map refuses a layer (<see cref="IsConvertible"/> is <see langword="false"/>); the message lists the refusals.</exception>
    public IReadOnlyList<NamedTensor> Apply(IEnumerable<NamedTensor> source)
    {
        Guard.NotNull(source, nameof(source));
        if (!IsConvertible)
        {
            throw new InvalidOperationException("The weights cannot be converted exactly from " + MapFactory.Framework(From) + " to " + MapFactory.Framework(To) + ": " + string.Join("; ", Refusals) + ".");
        }

        var byName = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        foreach (NamedTensor tensor in source)
        {
            Guard.NotNull(tensor, nameof(source));
            if (byName.TryGetValue(tensor.Name, out _))
            {
                Guard.ThrowArgument(nameof(source), "'source' holds two tensors named '" + tensor.Name + "'.");
            }

            byName[tensor.Name] = tensor;
        }

        var result = new List<NamedTensor>();
        foreach (TensorMapping mapping in layers.SelectMany(l => l.Mappings))
        {
            foreach (MappingTerm term in mapping.Segments.SelectMany(s => s.Terms))
            {
                if (!byName.TryGetValue(term.Source, out NamedTensor? found))
                {
                    Guard.ThrowArgument(nameof(source), "'source' has no tensor '" + term.Source + "' " + term.SourceShape + ", which " + mapping.Target + " is made from.");
                }
                else if (!found.Shape.Equals(term.SourceShape))
                {
                    Guard.ThrowArgument(nameof(source), "'source' tensor '" + term.Source + "' has shape " + found.Shape + "; the map expects " + term.SourceShape + ".");
                }
            }

            result.Add(NamedTensor.Own(mapping.Target, mapping.TargetShape, mapping.Compute(byName)));
        }

        return result.AsReadOnly();
    }

    /// <summary>Explains the map: the subject line, then each layer with its tensors, notes and refusals.</summary>
    /// <returns>Lines separated by <c>\n</c>, without a trailing newline.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(Subject);
        foreach (LayerMap layer in layers)
        {
            text.Append('\n').Append(layer);
        }

        foreach (string note in modelNotes)
        {
            text.Append("\nnote: ").Append(note);
        }

        return text.ToString();
    }

    private static void CheckLayouts(WeightLayout from, WeightLayout to)
    {
        foreach ((WeightLayout layout, string name) in new[] { (from, nameof(from)), (to, nameof(to)) })
        {
            if (layout is not WeightLayout.Keras and not WeightLayout.Torch and not WeightLayout.Onnx)
            {
                Guard.ThrowOutOfRange(name, layout, "must be WeightLayout.Keras, WeightLayout.Torch or WeightLayout.Onnx");
            }
        }

        if (from == to)
        {
            Guard.ThrowArgument(nameof(to), "'to' must differ from 'from' (both are " + from + ").");
        }
    }

    private static string Headline(WeightLayout from, WeightLayout to, LayerMap[] maps, bool modelNotes)
    {
        int refused = maps.Count(m => !m.IsConvertible);
        string verdict = refused > 0
            ? refused.ToString(CultureInfo.InvariantCulture) + (refused == 1 ? " layer refused" : " layers refused")
            : modelNotes ? "see the notes" : maps.Any(m => m.Notes.Count > 0) ? "exact outputs, see the notes" : "exact";
        return MapFactory.Framework(from) + " → " + MapFactory.Framework(to) + ": "
            + maps.Length.ToString(CultureInfo.InvariantCulture) + (maps.Length == 1 ? " layer, " : " layers, ")
            + maps.Sum(m => m.Mappings.Count).ToString(CultureInfo.InvariantCulture) + " tensors, " + verdict;
    }

    /// <summary>
    /// Counts the Keras layers from <paramref name="index"/> that are layers 0, 1, ... of one PyTorch module, as
    /// <see cref="ForModel"/> names them the other way: <c>name_l0</c>, <c>name_l1</c>, ... in a row, the same cell, units,
    /// bias and directions, each feeding the next its whole sequence.
    /// </summary>
    private static int KerasStack(IReadOnlyList<LayerSummary> rows, int index)
    {
        LayerSummary first = rows[index];
        if (!first.Name.EndsWith("_l0", StringComparison.Ordinal))
        {
            return 1;
        }

        string stem = first.Name.Substring(0, first.Name.Length - 3);
        LayerSpec? head = PortableLayer.Read(first, Convention.Keras).Spec;
        if (head is null || !GateOrder.IsMapped(head.CellType))
        {
            return 1;
        }

        int count = 1;
        while (index + count < rows.Count && rows[index + count - 1].OutputShape.Rank == 3)
        {
            LayerSummary next = rows[index + count];
            LayerSpec? spec = next.Name == stem + "_l" + count.ToString(CultureInfo.InvariantCulture) ? PortableLayer.Read(next, Convention.Keras).Spec : null;
            if (spec is null || spec != head with { InputSize = checked(head.Directions * head.Units) })
            {
                break;
            }

            count++;
        }

        return count;
    }

    private static IEnumerable<LayerMap> MapKerasStack(LayerSummary[] rows)
    {
        LayerSpec head = PortableLayer.Read(rows[0], Convention.Keras).Spec!;
        string module = rows[0].Name.Substring(0, rows[0].Name.Length - 3);
        LayerSpec stack = head with { Convention = Convention.Torch, NumLayers = rows.Length };
        return rows.SelectMany((row, k) => MapFactory.Recurrent(
            PortableLayer.Read(row, Convention.Keras).Spec!, WeightLayout.Keras, WeightLayout.Torch, row.Name, module, row.Name + "/", _ => module + ".", stack, k));
    }

    private static IEnumerable<LayerMap> MapRow(LayerSummary row, WeightLayout from, WeightLayout to)
    {
        if (row.Weights.Count == 0)
        {
            return [];
        }

        string targetName = to == WeightLayout.Keras ? row.Name.Replace('.', '_') : row.Name;
        string sourcePrefix = from == WeightLayout.Keras ? row.Name + "/" : row.Name + ".";
        string targetPrefix = to == WeightLayout.Keras ? targetName + "/" : targetName + ".";
        PortableLayer layer = PortableLayer.Read(row, from == WeightLayout.Keras ? Convention.Keras : Convention.Torch);
        switch (layer.Kind)
        {
            case PortableKind.Recurrent:
                LayerSpec spec = layer.Spec!;
                return MapFactory.Recurrent(spec, from, to, row.Name, targetName, sourcePrefix, k => to == WeightLayout.Keras && spec.NumLayers > 1 ? targetName + "_l" + k.ToString(CultureInfo.InvariantCulture) + "/" : targetPrefix);
            case PortableKind.Dense:
                return [MapFactory.Dense(layer.InputSize, layer.OutputSize, layer.UseBias, from, row.Name, targetName, sourcePrefix, targetPrefix)];
            case PortableKind.Embedding:
                return [MapFactory.Embedding(layer.InputSize, layer.OutputSize, from, row.Name, targetName, sourcePrefix, targetPrefix)];
            default:
                return [MapFactory.Unsupported(row.Name, row.ClassName, from, to, layer.Reason!)];
        }
    }
}
