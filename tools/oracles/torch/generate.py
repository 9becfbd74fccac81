#!/usr/bin/python3
"""Oracle generator: PyTorch golden vectors from REAL torch runs.

    /usr/bin/python3 tools/oracles/torch/generate.py

Every number written (parameter counts, weight / buffer shapes, output
shapes) is read back from torch modules and from the tensors a forward pass
returns. The script only chooses configurations (seeded PRNG); it never
computes a count itself. A chained layer's input size is taken from the
previous module's actual output shape. Output:
    tests/RecurrentParams.Tests/Vectors/torch-layers.jsonl
    tests/RecurrentParams.Tests/Vectors/torch-models.jsonl
"""
import json
import os
import random
import sys

import torch
import torch.nn as nn

SEED = 20261127
FRAMEWORK = "torch-" + torch.__version__
OUT_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                        "..", "..", "..", "tests", "RecurrentParams.Tests", "Vectors"))
# CPU rows stay below this many parameters (checked on a meta-device copy first).
CPU_PARAM_LIMIT = 10_000_000

rng = random.Random(SEED)
torch.manual_seed(SEED)
torch.set_num_threads(1)  # deterministic and cheap; shapes do not depend on it


def rint(lo, hi):
    return rng.randint(lo, hi)


def chance(p):
    return rng.random() < p


def size(max_large):
    """Mostly 1..64 (1 over-represented), sometimes larger."""
    r = rng.random()
    if r < 0.08:
        return 1
    if r < 0.75:
        return rint(1, 64)
    if r < 0.92:
        return rint(65, min(256, max_large))
    return rint(min(257, max_large), max_large)


def shape(t):
    return list(t.shape)


def flat_outputs(out):
    """Flatten a module's return value in order: tensors and (nested) tuples."""
    if isinstance(out, torch.Tensor):
        return [shape(out)]
    res = []
    for o in out:
        res.extend(flat_outputs(o))
    return res


def param_info(m, with_grad=True):
    ws = []
    for name, p in m.named_parameters():
        w = {"name": name, "shape": shape(p)}
        if with_grad:
            w["requiresGrad"] = p.requires_grad
        ws.append(w)
    return ws


def counts(m):
    params = sum(p.numel() for p in m.parameters())
    trainable = sum(p.numel() for p in m.parameters() if p.requires_grad)
    return params, trainable


# ------------------------------------------------------------------ layers
MODULES = {
    "RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU,
    "RNNCell": nn.RNNCell, "LSTMCell": nn.LSTMCell, "GRUCell": nn.GRUCell,
    "Linear": nn.Linear, "Embedding": nn.Embedding, "LayerNorm": nn.LayerNorm,
    "BatchNorm1d": nn.BatchNorm1d, "Dropout": nn.Dropout, "Conv1d": nn.Conv1d,
}


def build(module, config, device="cpu"):
    cls = MODULES[module]
    if module == "Dropout":
        return cls(**config)
    return cls(**config, device=device)


def make_input(module, config, input_shape):
    if module == "Embedding":
        return torch.randint(0, config["num_embeddings"], input_shape, dtype=torch.int64)
    return torch.randn(*input_shape)


layer_rows = []
counter = [0]
skipped = []


def next_id(desc):
    counter[0] += 1
    return "%s-%04d" % (desc, counter[0])


def too_big(module, config):
    meta = build(module, config, device="meta")
    return counts(meta)[0] > CPU_PARAM_LIMIT


def add_layer(desc, module, config, input_shape):
    """CPU row: construct, run forward on a random input, record everything."""
    if too_big(module, config):
        skipped.append(desc)
        return False
    m = build(module, config)
    m.train()
    with torch.no_grad():
        out = m(make_input(module, config, input_shape))
    params, trainable = counts(m)
    layer_rows.append({
        "id": next_id(desc), "framework": FRAMEWORK, "module": module, "config": config,
        "device": "cpu", "inputShape": list(input_shape), "outputShapes": flat_outputs(out),
        "params": params, "trainable": trainable, "weights": param_info(m),
        "buffers": [{"name": n, "shape": shape(b)} for n, b in m.named_buffers()],
    })
    return True


def add_meta_layer(desc, module, config):
    """Meta row: construction only (shape-only tensors), no forward."""
    m = build(module, config, device="meta")
    assert all(p.is_meta for p in m.parameters())
    params, trainable = counts(m)
    layer_rows.append({
        "id": next_id(desc), "framework": FRAMEWORK, "module": module, "config": config,
        "device": "meta", "params": params, "trainable": trainable, "weights": param_info(m),
        "buffers": [{"name": n, "shape": shape(b)} for n, b in m.named_buffers()],
    })


def b01(b):
    return 1 if b else 0


def rnn_config(module, i, h, layers=1, bias=True, batch_first=True, bidirectional=False, proj=0, nonlinearity="tanh"):
    c = {"input_size": i, "hidden_size": h, "num_layers": layers, "bias": bias,
         "batch_first": batch_first, "bidirectional": bidirectional}
    if module == "RNN":
        c["nonlinearity"] = nonlinearity
    if module == "LSTM":
        c["proj_size"] = proj
    return c


def rnn_input_shape(c, n, t, unbatched):
    if unbatched:
        return [t, c["input_size"]]
    return [n, t, c["input_size"]] if c["batch_first"] else [t, n, c["input_size"]]


def rnn_desc(module, c, unbatched):
    d = "%s-i%d-h%d-l%d-bi%d-b%d" % (module.lower(), c["input_size"], c["hidden_size"], c["num_layers"],
                                    b01(c["bidirectional"]), b01(c["bias"]))
    if module == "LSTM":
        d += "-p%d" % c["proj_size"]
    if module == "RNN":
        d += "-" + c["nonlinearity"]
    d += "-unbatched" if unbatched else ("-bf1" if c["batch_first"] else "-bf0")
    return d


def add_rnn(module, c, n=None, t=None, unbatched=False, prefix=""):
    n = n if n is not None else rint(1, 3)
    t = t if t is not None else rint(1, 7)
    return add_layer(prefix + rnn_desc(module, c, unbatched), module, c, rnn_input_shape(c, n, t, unbatched))


def cell_config(module, i, h, bias=True, nonlinearity="tanh"):
    c = {"input_size": i, "hidden_size": h, "bias": bias}
    if module == "RNNCell":
        c["nonlinearity"] = nonlinearity
    return c


def add_cell(module, c, unbatched=False, prefix=""):
    d = "%s%s-i%d-h%d-b%d%s" % (prefix, module.lower(), c["input_size"], c["hidden_size"], b01(c["bias"]),
                                "-unbatched" if unbatched else "")
    if module == "RNNCell":
        d += "-" + c["nonlinearity"]
    return add_layer(d, module, c, [c["input_size"]] if unbatched else [rint(1, 3), c["input_size"]])


# 1. Reference cases: input 5, hidden 4, batch_first, input [3, 7, 5].
for mod in ("RNN", "LSTM", "GRU"):
    for layers, bi in ((1, False), (1, True), (2, False), (2, True)):
        add_rnn(mod, rnn_config(mod, 5, 4, layers=layers, bidirectional=bi), n=3, t=7, prefix="ref-")
for layers, bi, bias in ((1, False, True), (1, True, True), (2, True, True), (1, False, False), (2, False, True)):
    add_rnn("LSTM", rnn_config("LSTM", 5, 4, layers=layers, bidirectional=bi, bias=bias, proj=2), n=3, t=7, prefix="ref-")
for mod in ("RNN", "GRU"):
    add_rnn(mod, rnn_config(mod, 5, 4, bias=False), n=3, t=7, prefix="ref-")
for mod in ("RNNCell", "LSTMCell", "GRUCell"):
    add_cell(mod, cell_config(mod, 5, 4), prefix="ref-")
    add_cell(mod, cell_config(mod, 5, 4, bias=False), prefix="ref-")

# 2. Recurrent modules: random configurations, all switches.
EDGE_PAIRS = [(1, 1), (1, 64), (64, 1), (3, 7), (7, 3), (2000, 1), (1, 600)]
for mod in ("RNN", "LSTM", "GRU"):
    for i, h in EDGE_PAIRS:
        c = rnn_config(mod, i, h, layers=rint(1, 2), bias=chance(0.7), batch_first=chance(0.5),
                       bidirectional=chance(0.5), nonlinearity=rng.choice(["tanh", "relu"]))
        if mod == "LSTM" and h > 1 and chance(0.5):
            c["proj_size"] = rint(1, h - 1)
        add_rnn(mod, c)
    target = 75
    made = 0
    while made < target:
        h = size(600)
        c = rnn_config(mod, size(2000), h, layers=rint(1, 4), bias=chance(0.7), batch_first=chance(0.5),
                       bidirectional=chance(0.5), nonlinearity=rng.choice(["tanh", "relu"]))
        if mod == "LSTM" and h > 1 and chance(0.45):
            c["proj_size"] = rint(1, h - 1)
        if add_rnn(mod, c, unbatched=chance(0.15)):
            made += 1

# 3. Cells.
for mod in ("RNNCell", "LSTMCell", "GRUCell"):
    for k in range(20):
        i = 1 if k == 0 else size(2000)
        h = 1 if k == 1 else size(600)
        add_cell(mod, cell_config(mod, i, h, bias=chance(0.7), nonlinearity=rng.choice(["tanh", "relu"])),
                 unbatched=chance(0.2))

# 4. Linear / Embedding / LayerNorm / BatchNorm1d / Dropout / Conv1d.
for k in range(30):
    i = 1 if k == 0 else size(2000)
    o = 1 if k == 1 else size(600)
    c = {"in_features": i, "out_features": o, "bias": chance(0.75)}
    shp = rng.choice([[rint(1, 3), i], [rint(1, 3), rint(1, 7), i], [i]])
    add_layer("linear-i%d-o%d-b%d-%dd" % (i, o, b01(c["bias"]), len(shp)), "Linear", c, shp)
for k in range(25):
    ne = 1 if k == 0 else (rint(1000, 50000) if chance(0.3) else size(2000))
    ed = 1 if k == 1 else (size(128) if ne > 2000 else size(600))
    c = {"num_embeddings": ne, "embedding_dim": ed}
    if chance(0.4):
        c["padding_idx"] = rng.choice([0, ne - 1, -1]) if ne > 1 else 0
    add_layer("embedding-n%d-d%d-pad%s" % (ne, ed, c.get("padding_idx", "n")), "Embedding", c,
              [rint(1, 3), rint(1, 7)])
for k in range(22):
    f = 1 if k == 0 else size(2000)
    affine = chance(0.65)
    if k % 4 == 3:
        t = rint(1, 7)
        c = {"normalized_shape": [t, f], "elementwise_affine": affine}
    else:
        t = rint(1, 7)
        c = {"normalized_shape": f, "elementwise_affine": affine}
    add_layer("layernorm-f%d-t%s-affine%d" % (f, t if isinstance(c["normalized_shape"], list) else "n", b01(affine)),
              "LayerNorm", c, [rint(1, 3), t, f])
for k in range(24):
    f = 1 if k == 0 else size(2000)
    c = {"num_features": f, "affine": chance(0.7), "track_running_stats": chance(0.7)}
    shp = [rint(2, 3), f] if k % 2 == 0 else [rint(2, 3), f, rint(1, 7)]
    add_layer("batchnorm1d-f%d-affine%d-track%d-%dd" % (f, b01(c["affine"]), b01(c["track_running_stats"]), len(shp)),
              "BatchNorm1d", c, shp)
for k in range(8):
    p = rng.choice([0.0, 0.1, 0.25, 0.5])
    shp = rng.choice([[rint(1, 3), size(600)], [rint(1, 3), rint(1, 7), size(600)]])
    add_layer("dropout-p%s-%dd" % (p, len(shp)), "Dropout", {"p": p}, shp)
for k in range(30):
    cin = 1 if k == 0 else size(512)
    cout = 1 if k == 1 else size(256)
    ks = rng.choice([1, 2, 3, 3, 5, 7, rint(1, 11)])
    stride = rng.choice([1, 1, 1, 2, 3])
    padding = rng.choice([0, 0, 1, 2, "same", "valid"])
    if padding == "same":
        stride = 1
    c = {"in_channels": cin, "out_channels": cout, "kernel_size": ks, "stride": stride, "padding": padding,
         "bias": chance(0.75)}
    if chance(0.15) and cin % 2 == 0 and cout % 2 == 0:
        c["groups"] = 2
    length = ks + rint(0, 12)
    add_layer("conv1d-in%d-out%d-k%d-s%d-p%s-b%d" % (cin, cout, ks, stride, padding, b01(c["bias"])), "Conv1d", c,
              [rint(1, 3), cin, length])

# 5. Meta-device rows: sizes 5,000..100,000, construction only.
META_FIXED = [
    ("LSTM", rnn_config("LSTM", 30000, 30000)),
    ("LSTM", rnn_config("LSTM", 100000, 100000)),
    ("LSTM", rnn_config("LSTM", 100000, 100000, layers=4, bidirectional=True)),
    ("LSTM", rnn_config("LSTM", 100000, 100000, layers=2, bidirectional=True, proj=5000)),
    ("GRU", rnn_config("GRU", 50000, 50000)),
    ("RNN", rnn_config("RNN", 100000, 100000, layers=3, bidirectional=True)),
    ("RNN", rnn_config("RNN", 5000, 5000)),
    ("Linear", {"in_features": 100000, "out_features": 30000, "bias": True}),
    ("Embedding", {"num_embeddings": 100000, "embedding_dim": 50000}),
    ("LSTMCell", cell_config("LSTMCell", 60000, 60000)),
]
for mod, c in META_FIXED:
    add_meta_layer("meta-" + (rnn_desc(mod, c, False) if "num_layers" in c else
                              "%s-%s" % (mod.lower(), "-".join(str(v) for v in c.values()))), mod, c)
for k in range(52):
    mod = rng.choice(["RNN", "LSTM", "GRU", "RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell", "Linear", "Embedding"])
    a, b = rint(5000, 100000), rint(5000, 100000)
    if mod in ("RNN", "LSTM", "GRU"):
        c = rnn_config(mod, a, b, layers=rint(1, 4), bias=chance(0.75), bidirectional=chance(0.5),
                       nonlinearity=rng.choice(["tanh", "relu"]))
        if mod == "LSTM" and chance(0.5):
            c["proj_size"] = rint(1, b - 1)
        add_meta_layer("meta-" + rnn_desc(mod, c, False), mod, c)
    elif mod.endswith("Cell"):
        c = cell_config(mod, a, b, bias=chance(0.75), nonlinearity=rng.choice(["tanh", "relu"]))
        add_meta_layer("meta-%s-i%d-h%d-b%d" % (mod.lower(), a, b, b01(c["bias"])), mod, c)
    elif mod == "Linear":
        c = {"in_features": a, "out_features": b, "bias": chance(0.75)}
        add_meta_layer("meta-linear-i%d-o%d-b%d" % (a, b, b01(c["bias"])), mod, c)
    else:
        c = {"num_embeddings": a, "embedding_dim": b}
        add_meta_layer("meta-embedding-n%d-d%d" % (a, b), mod, c)

# ------------------------------------------------------------------ models
RECURRENT = ("RNN", "LSTM", "GRU")
model_rows = []


def run_model(mid, input_spec, layer_specs, note):
    """layer_specs: list of (type, args-without-input-size, name, flags). Build each
    module on the actual shape of the previous output, run it, record."""
    n, t = input_spec["size"][0], input_spec["size"][1]
    if input_spec["dtype"] == "int64":
        x = None  # built after the Embedding's num_embeddings is known
    else:
        x = torch.randn(*input_spec["size"])
    spec_layers, modules, built = [], [], []
    for typ, args, name, flags in layer_specs:
        args = dict(args)
        if typ == "Embedding":
            x = torch.randint(0, args["num_embeddings"], input_spec["size"], dtype=torch.int64)
        else:
            inp = x[:, -1, :] if flags.get("input") == "last" else x
            feat = inp.shape[-1]
            if typ in RECURRENT:
                args = {"input_size": feat, **args}
            elif typ == "Linear":
                args = {"in_features": feat, **args}
            elif typ == "LayerNorm":
                args = {"normalized_shape": feat, **args}
            elif typ == "BatchNorm1d":
                args = {"num_features": feat, **args}
            x = inp
        m = build(typ, args)
        m.train()
        with torch.no_grad():
            if typ == "BatchNorm1d" and x.dim() == 3:
                y = m(x.transpose(1, 2)).transpose(1, 2)
            else:
                y = m(x)
        if typ in RECURRENT:
            y = y[0]
        x = y
        entry = {"type": typ, "args": args, "name": name}
        entry.update(flags)
        spec_layers.append(entry)
        p, tr = counts(m)
        modules.append({"name": name, "type": typ, "outputShape": shape(y), "params": p, "trainable": tr,
                        "weights": param_info(m, with_grad=False)})
        built.append((name, m))
    container = nn.ModuleDict(built)
    params, trainable = counts(container)
    spec = {"layers": spec_layers, "input": input_spec}
    if note:
        spec["note"] = note
    model_rows.append({"id": mid, "framework": FRAMEWORK, "spec": spec, "params": params, "trainable": trainable,
                       "modules": modules})


NOTE_BASE = ("Modules run in order; a recurrent module passes only its output (first returned tensor) on; "
             "every module is batch_first.")
NOTE_BN = " BatchNorm1d on a 3-D [N, T, F] tensor runs on x.transpose(1, 2) and the result is transposed back."
NOTE_LAST = " A layer with \"input\": \"last\" receives x[:, -1, :] (last time step) instead of x."


def random_model(k):
    n, t = rint(2, 3), rint(1, 9)
    layers = []
    if chance(0.4):
        input_spec = {"size": [n, t], "dtype": "int64"}
        ea = {"num_embeddings": rint(2, 5000), "embedding_dim": rint(1, 64)}
        if chance(0.3):
            ea["padding_idx"] = 0
        layers.append(("Embedding", ea, "emb", {}))
    else:
        input_spec = {"size": [n, t, rint(1, 64)], "dtype": "float32"}
    n_rec = rint(1, 3)
    uses_bn = uses_last = False
    for r in range(n_rec):
        typ = rng.choice(RECURRENT)
        h = rint(1, 64) if chance(0.9) else rint(65, 160)
        a = {"hidden_size": h, "num_layers": rint(1, 3), "bias": chance(0.8), "batch_first": True,
             "bidirectional": chance(0.4)}
        if typ == "RNN" and chance(0.3):
            a["nonlinearity"] = "relu"
        if typ == "LSTM" and h > 1 and chance(0.35):
            a["proj_size"] = rint(1, h - 1)
        name = "%s%d" % (typ.lower(), r + 1)
        layers.append((typ, a, name, {}))
        roll = rng.random()
        if roll < 0.15:
            layers.append(("LayerNorm", {"elementwise_affine": chance(0.8)}, "ln%d" % (r + 1), {}))
        elif roll < 0.27:
            layers.append(("BatchNorm1d", {"affine": chance(0.8), "track_running_stats": chance(0.8)}, "bn%d" % (r + 1), {}))
            uses_bn = True
        elif roll < 0.4:
            layers.append(("Dropout", {"p": rng.choice([0.1, 0.2, 0.5])}, "drop%d" % (r + 1), {}))
    out = 1 if chance(0.15) else rint(1, 32)
    if chance(0.5):
        if chance(0.3):
            layers.append(("BatchNorm1d", {}, "bn_last", {"input": "last"}))
            layers.append(("Linear", {"out_features": out, "bias": chance(0.85)}, "head", {}))
            uses_bn = True
        else:
            layers.append(("Linear", {"out_features": out, "bias": chance(0.85)}, "head", {"input": "last"}))
        uses_last = True
    else:
        layers.append(("Linear", {"out_features": out, "bias": chance(0.85)}, "head", {}))
    note = NOTE_BASE + (NOTE_BN if uses_bn else "") + (NOTE_LAST if uses_last else "")
    short = {"Embedding": "emb", "LayerNorm": "ln", "BatchNorm1d": "bn", "Dropout": "drop"}
    desc = "-".join(short.get(l[0], l[0].lower()) + ("@last" if l[3].get("input") == "last" else "") for l in layers)
    return "tm%03d-%s" % (k, desc), input_spec, layers, note


# Fixed models: reference-sized stacks.
run_model("tm001-lstm4-linear3", {"size": [2, 7, 5], "dtype": "float32"},
          [("LSTM", {"hidden_size": 4, "batch_first": True}, "lstm", {}),
           ("Linear", {"out_features": 3}, "head", {"input": "last"})], NOTE_BASE + NOTE_LAST)
run_model("tm002-emb-bilstm-linear", {"size": [2, 7], "dtype": "int64"},
          [("Embedding", {"num_embeddings": 100, "embedding_dim": 8}, "emb", {}),
           ("LSTM", {"hidden_size": 4, "batch_first": True, "bidirectional": True}, "lstm", {}),
           ("Linear", {"out_features": 3}, "head", {})], NOTE_BASE)
run_model("tm003-lstm-proj-2layer-bi-gru-ln-linear", {"size": [3, 6, 5], "dtype": "float32"},
          [("LSTM", {"hidden_size": 4, "num_layers": 2, "bidirectional": True, "proj_size": 2, "batch_first": True}, "lstm", {}),
           ("GRU", {"hidden_size": 6, "batch_first": True}, "gru", {}),
           ("LayerNorm", {}, "ln", {}),
           ("Linear", {"out_features": 1}, "head", {"input": "last"})], NOTE_BASE + NOTE_LAST)
run_model("tm004-rnn-relu-bn-dropout-linear", {"size": [3, 5, 5], "dtype": "float32"},
          [("RNN", {"hidden_size": 4, "nonlinearity": "relu", "batch_first": True}, "rnn", {}),
           ("BatchNorm1d", {}, "bn", {}),
           ("Dropout", {"p": 0.2}, "drop", {}),
           ("Linear", {"out_features": 2, "bias": False}, "head", {})], NOTE_BASE + NOTE_BN)
k = 5
while k <= 48:
    mid, input_spec, layers, note = random_model(k)
    run_model(mid, input_spec, layers, note)
    k += 1

# ------------------------------------------------------------------ write
def write(name, rows):
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids in " + name
    path = os.path.join(OUT_DIR, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, separators=(",", ":"), ensure_ascii=False) + "\n")
    print("%s: %d rows" % (path, len(rows)))


os.makedirs(OUT_DIR, exist_ok=True)
write("torch-layers.jsonl", layer_rows)
write("torch-models.jsonl", model_rows)
if skipped:
    print("redrawn (over %d params on a meta copy): %d" % (CPU_PARAM_LIMIT, len(skipped)))
