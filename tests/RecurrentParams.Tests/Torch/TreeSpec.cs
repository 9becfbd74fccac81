using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using RecurrentParams.Formulas;
using RecurrentParams.Torch;

namespace RecurrentParams.Tests.Torch;

/// <summary>
/// Rebuilds a model of <c>tools/oracles/torchinfo-trees/generate.py</c> with the public API: its tree language
/// (modules, shared references, forward steps, dtype and requires_grad changes) read into <see cref="TorchModule"/>s and
/// <see cref="CustomModule"/> forwards. Shared by the core tests and the state-dict tests.
/// </summary>
internal static class TreeSpec
{
    /// <summary>The model of a vector row's <c>spec</c>, after its <c>ops</c>.</summary>
    public static TorchModule Model(JsonElement spec)
    {
        var built = new Dictionary<string, TorchModule>(StringComparer.Ordinal);
        TorchModule root = Module(spec.GetProperty("model"), string.Empty, built);
        if (spec.TryGetProperty("ops", out JsonElement ops))
        {
            foreach (JsonElement op in ops.EnumerateArray())
            {
                string path = op.GetProperty("path").GetString()!;
                root = op.GetProperty("op").GetString() switch
                {
                    "to" => root.To(path, DType(op.GetProperty("dtype").GetString()!)),
                    "requires_grad" => root.RequiresGrad(path, op.GetProperty("value").GetBoolean()),
                    var other => throw new NotSupportedException("op " + other),
                };
            }
        }

        return root;
    }

    /// <summary>The builder of a row: the model, and its input when the spec has one and <paramref name="withInput"/>.</summary>
    public static TorchModelBuilder Builder(JsonElement spec, bool withInput)
    {
        var builder = new TorchModelBuilder(Model(spec));
        if (withInput && spec.TryGetProperty("input", out JsonElement input))
        {
            builder.Input(DType(input.GetProperty("dtype").GetString()!), input.GetProperty("size").EnumerateArray().Select(d => d.GetInt32()).ToArray());
        }

        return builder;
    }

    public static ElementType DType(string name) => name switch
    {
        "float32" => ElementType.Float32,
        "float64" => ElementType.Float64,
        "float16" => ElementType.Float16,
        "bfloat16" => ElementType.BFloat16,
        "int64" => ElementType.Int64,
        "int32" => ElementType.Int32,
        _ => throw new NotSupportedException("dtype " + name),
    };

    private static TorchModule Module(JsonElement spec, string path, Dictionary<string, TorchModule> built)
    {
        if (spec.TryGetProperty("ref", out JsonElement reference))
        {
            return built[reference.GetString()!];
        }

        string type = spec.GetProperty("type").GetString()!;
        TorchModule module = type switch
        {
            "Sequential" when spec.TryGetProperty("named", out _) => new Sequential(Named(spec, path, built)),
            "Sequential" => new Sequential(Named(spec, path, built).Select(c => c.Module).ToArray()),
            "ModuleList" => new ModuleList(Named(spec, path, built).Select(c => c.Module)),
            "ModuleDict" => new ModuleDict(Named(spec, path, built)),
            "Custom" => Custom(spec, path, built),
            _ => Leaf(type, spec.GetProperty("args")),
        };
        built[path] = module;
        return module;
    }

    private static List<(string Name, TorchModule Module)> Named(JsonElement spec, string path, Dictionary<string, TorchModule> built)
    {
        var children = new List<(string, TorchModule)>();
        if (spec.TryGetProperty("named", out JsonElement named))
        {
            foreach (JsonElement pair in named.EnumerateArray())
            {
                string name = pair[0].GetString()!;
                children.Add((name, Module(pair[1], Join(path, name), built)));
            }
        }
        else
        {
            int k = 0;
            foreach (JsonElement child in spec.GetProperty("children").EnumerateArray())
            {
                string name = (k++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                children.Add((name, Module(child, Join(path, name), built)));
            }
        }

        return children;
    }

    private static CustomModule Custom(JsonElement spec, string path, Dictionary<string, TorchModule> built)
    {
        List<(string Name, TorchModule Module)> children = Named(spec, path, built);
        Func<ForwardContext, Tensor, Tensor>? forward = spec.TryGetProperty("forward", out JsonElement steps) ? Forward(steps.Clone()) : null;
        var module = new CustomModule(spec.GetProperty("class").GetString()!, forward: forward);
        if (spec.TryGetProperty("params", out JsonElement parameters))
        {
            foreach (JsonElement p in parameters.EnumerateArray())
            {
                module = module.AddParameter(p[0].GetString()!, new TensorShape(p[1].EnumerateArray().Select(d => d.GetInt64()).ToArray()));
            }
        }

        if (spec.TryGetProperty("buffers", out JsonElement buffers))
        {
            foreach (JsonElement b in buffers.EnumerateArray())
            {
                module = module.AddBuffer(b[0].GetString()!, new TensorShape(b[1].EnumerateArray().Select(d => d.GetInt64()).ToArray()), DType(b[2].GetString()!));
            }
        }

        foreach ((string name, TorchModule child) in children)
        {
            module = module.Add(name, child);
        }

        return module;
    }

    /// <summary>The forward of a <c>Custom</c> module: the generator's <c>Custom.forward</c>, step by step.</summary>
    private static Func<ForwardContext, Tensor, Tensor> Forward(JsonElement steps) => (self, x) =>
    {
        var env = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["x"] = x };
        foreach (JsonElement step in steps.EnumerateArray())
        {
            if (step.TryGetProperty("return", out JsonElement result))
            {
                return result.ValueKind == JsonValueKind.Array
                    ? Tensor.Tuple(result.EnumerateArray().Select(v => env[v.GetString()!]).ToArray())
                    : env[result.GetString()!];
            }

            string output = step.TryGetProperty("out", out JsonElement o) ? o.GetString()! : "x";
            if (step.TryGetProperty("call", out JsonElement call))
            {
                env[output] = self.Call(call.GetString()!, step.GetProperty("in").EnumerateArray().Select(v => env[v.GetString()!]).ToArray());
            }
            else
            {
                env[output] = Op(self, env, step);
            }
        }

        throw new InvalidOperationException("forward without return");
    };

    private static Tensor Op(ForwardContext self, Dictionary<string, Tensor> env, JsonElement s)
    {
        JsonElement source = s.TryGetProperty("in", out JsonElement i) ? i : default;
        Tensor[] many = source.ValueKind == JsonValueKind.Array ? source.EnumerateArray().Select(v => env[v.GetString()!]).ToArray() : [];
        Tensor x = source.ValueKind == JsonValueKind.String ? env[source.GetString()!] : source.ValueKind == JsonValueKind.Array ? many[0] : env["x"];
        int Int(string name) => s.GetProperty(name).GetInt32();
        long[] Longs(string name) => s.GetProperty(name).EnumerateArray().Select(d => d.GetInt64()).ToArray();
        return s.GetProperty("op").GetString() switch
        {
            "item" => x.Item(Int("index")),
            "select" => x.Select(Int("dim"), Int("index")),
            "view" => x.View(Longs("shape")),
            "reshape" => x.Reshape(Longs("shape")),
            "permute" => x.Permute(Longs("dims").Select(d => (int)d).ToArray()),
            "transpose" => x.Transpose(Int("dim0"), Int("dim1")),
            "flatten" => x.Flatten(s.TryGetProperty("start_dim", out JsonElement a) ? a.GetInt32() : 0, s.TryGetProperty("end_dim", out JsonElement b) ? b.GetInt32() : -1),
            "unsqueeze" => x.Unsqueeze(Int("dim")),
            "squeeze" => x.Squeeze(Int("dim")),
            "narrow" => x.Narrow(Int("dim"), Int("start"), Int("length")),
            "mean" => x.Mean(Int("dim")),
            "sum" => x.Sum(Int("dim")),
            "cat" => Tensor.Cat(many, s.TryGetProperty("dim", out JsonElement cd) ? cd.GetInt32() : 0),
            "stack" => Tensor.Stack(many, s.TryGetProperty("dim", out JsonElement sd) ? sd.GetInt32() : 0),
            "add" => many[0] + many[1],
            "to" => x.To(DType(s.GetProperty("dtype").GetString()!)),
            "pack" => Tensor.PackPaddedSequence(x, Longs("lengths"), s.GetProperty("batch_first").GetBoolean(), s.GetProperty("enforce_sorted").GetBoolean()),
            "unpack" => Tensor.PadPackedSequence(x, s.GetProperty("batch_first").GetBoolean()),
            "zeros" => Tensor.Zeros(s.TryGetProperty("dtype", out JsonElement zd) ? DType(zd.GetString()!) : ElementType.Float32, Longs("shape")),
            "tuple" => Tensor.Tuple(many),
            "each" => Each(self, x, s),
            var other => throw new NotSupportedException("op " + other),
        };
    }

    private static Tensor Each(ForwardContext self, Tensor x, JsonElement s)
    {
        string container = s.GetProperty("module").GetString()!;
        foreach (string name in self.ChildNames(container))
        {
            x = self.Call(container + "." + name, x);
            if (s.TryGetProperty("item", out JsonElement item))
            {
                x = x.Item(item.GetInt32());
            }
        }

        return x;
    }

    private static TorchModule Leaf(string type, JsonElement a)
    {
        bool Flag(string name, bool fallback) => a.TryGetProperty(name, out JsonElement v) ? v.GetBoolean() : fallback;
        int Int(string name, int fallback) => a.TryGetProperty(name, out JsonElement v) ? v.GetInt32() : fallback;
        double Real(string name, double fallback) => a.TryGetProperty(name, out JsonElement v) ? v.GetDouble() : fallback;
        CellType Cell(string name) => name switch { "RNN" => CellType.SimpleRnn, "LSTM" => CellType.Lstm, _ => CellType.Gru };
        return type switch
        {
            "RNN" or "LSTM" or "GRU" => new Recurrent(
                Cell(type), Int("input_size", 0), Int("hidden_size", 0), Int("num_layers", 1), Flag("bias", true), Flag("batch_first", false),
                Real("dropout", 0), Flag("bidirectional", false), Int("proj_size", 0)),
            "RNNCell" or "LSTMCell" or "GRUCell" => new RecurrentCell(
                Cell(type.Substring(0, type.Length - 4)), Int("input_size", 0), Int("hidden_size", 0), Flag("bias", true),
                a.TryGetProperty("nonlinearity", out JsonElement n) ? n.GetString()! : "tanh"),
            "Linear" => new Linear(Int("in_features", 0), Int("out_features", 0), Flag("bias", true)),
            "Embedding" => new Embedding(Int("num_embeddings", 0), Int("embedding_dim", 0), a.TryGetProperty("padding_idx", out JsonElement p) ? p.GetInt32() : null),
            "LayerNorm" => new LayerNorm(a.GetProperty("normalized_shape").EnumerateArray().Select(d => d.GetInt32()).ToArray(), Real("eps", 1e-5), Flag("elementwise_affine", true)),
            "BatchNorm1d" => new BatchNorm1d(Int("num_features", 0), Real("eps", 1e-5), Real("momentum", 0.1), Flag("affine", true), Flag("track_running_stats", true)),
            "Dropout" => new Dropout(Real("p", 0.5), Flag("inplace", false)),
            "Conv1d" => new Conv1d(Int("in_channels", 0), Int("out_channels", 0), Int("kernel_size", 0), Int("stride", 1), Int("padding", 0), Int("dilation", 1), Int("groups", 1), Flag("bias", true)),
            "ReLU" => new Relu(Flag("inplace", false)),
            "Tanh" => new Tanh(),
            "Flatten" => new Flatten(Int("start_dim", 1), Int("end_dim", -1)),
            _ => throw new NotSupportedException("torch module " + type),
        };
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
