#!/usr/bin/python3
"""Oracle generator: the same recurrent models in real Keras 3 and real PyTorch, with one set of weights, run on the
same inputs, for the porting tests (weight map, conversions, reference forward pass).

    /usr/bin/python3 tools/oracles/porting/generate.py --keras-src DIR --shims DIR [--check]

--keras-src is the keras-team/keras source at the 3.16.0 version commit extracted outside the repository, --shims the
folder of the Keras 3 runner's stand-ins (both also as KERAS3_SRC and KERAS3_SHIMS; see tools/oracles/keras3/README.md).
PyTorch is Debian's python3-torch (1.13), ONNX Debian's python3-onnx.

For every case the script builds the model in the framework it originates in, with that framework's own random
initialisation (a fixed seed), copies the numbers into the other framework's model with the mapping written below
(KERAS_TO_TORCH / TORCH_TO_KERAS: transposes, gate orders, biases), runs both models on the same inputs, and fails
unless they agree within 1e-5. It then stores, per case (paths relative to the repository root):

    tests/RecurrentParams.Tests/Vectors/porting/<id>.json          inputs, both weight sets and both outputs
    tests/RecurrentParams.Import.Tests/Fixtures/porting/<id>.keras     model.save() of the Keras model
    tests/RecurrentParams.Import.Tests/Fixtures/porting/<id>.weights.h5  model.save_weights() of the Keras model
    tests/RecurrentParams.Import.Tests/Fixtures/porting/<id>.safetensors the PyTorch state dict (safetensors layout)

and three files the converters must refuse: a Keras GRU with reset_after=False (.keras), an nn.LSTM with proj_size
(.safetensors) and an ONNX LSTM with peepholes (.onnx), plus ONNX exports (torch.onnx.export) of two PyTorch cases.

Keras weights are named layer/path as the library names them: a Bidirectional's tensors are
<layer>/forward_<cell>/<cell>_cell/kernel (forward_lstm, forward_gru, ...), whatever name Keras' session counters gave
the wrapped layer (forward_lstm_1, ...); PyTorch tensors keep their state-dict names.

The JSON and safetensors files are byte-identical on every run. The .keras archive holds the save time and object
ids, the .h5 and .onnx files are written by h5py / torch.onnx; --check compares the JSON and safetensors files only.
"""
import argparse
import json
import os
import shutil
import struct
import sys
import tempfile

import numpy as np

KERAS_VERSION = "3.16.0"
SEED = 7
TOLERANCE = 1e-5
REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
VECTORS = os.path.join("tests", "RecurrentParams.Tests", "Vectors", "porting")
FIXTURES = os.path.join("tests", "RecurrentParams.Import.Tests", "Fixtures", "porting")

# ----------------------------------------------------------------------------------------------------------------
# Cases. A layer: (kind, name, options). Kinds: embedding (count, dim), rnn / lstm / gru (units, bidirectional,
# return_sequences in Keras / take the last step in PyTorch, bias), dense (units, bias). A PyTorch-origin case may
# stack layers: layers=k in one nn module named name, which Keras holds as name_l0 ... name_l{k-1}.
# ----------------------------------------------------------------------------------------------------------------
CASES = [
    # id, origin, input (features or ("tokens", vocabulary)), time steps, layers
    ("keras-simplernn-dense", "keras", 5, 6, [("rnn", "rnn", dict(units=4, seq=True)), ("dense", "head", dict(units=3))]),
    ("keras-lstm-last-dense", "keras", 5, 6, [("lstm", "lstm", dict(units=4, seq=False)), ("dense", "dense", dict(units=2))]),
    ("keras-gru-dense", "keras", 5, 6, [("gru", "gru", dict(units=4, seq=True)), ("dense", "dense", dict(units=3))]),
    ("keras-bilstm-dense", "keras", 5, 6, [("lstm", "bidirectional", dict(units=4, seq=True, bidi=True)), ("dense", "dense", dict(units=3))]),
    ("keras-emb-bigru-dense", "keras", ("tokens", 12), 6,
     [("embedding", "embedding", dict(dim=6)), ("gru", "bidirectional", dict(units=4, seq=True, bidi=True)), ("dense", "dense", dict(units=2))]),
    ("torch-stacked-gru", "torch", 5, 6, [("gru", "gru", dict(units=4, seq=True, layers=2)), ("dense", "head", dict(units=3))]),
    ("torch-emb-stacked-bilstm", "torch", ("tokens", 20), 6,
     [("embedding", "embedding", dict(dim=6)), ("lstm", "lstm", dict(units=5, seq=True, bidi=True, layers=2)), ("dense", "fc", dict(units=3))]),
    ("torch-rnn-last", "torch", 3, 6, [("rnn", "rnn", dict(units=6, seq=False)), ("dense", "fc", dict(units=2))]),
    ("torch-lstm-nobias", "torch", 4, 6, [("lstm", "lstm", dict(units=3, seq=True, bias=False)), ("dense", "fc", dict(units=2, bias=False))]),
]

GATES = {"rnn": 1, "lstm": 4, "gru": 3}
KERAS_CLASS = {"rnn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}
KERAS_SNAKE = {"rnn": "simple_rnn", "lstm": "lstm", "gru": "gru"}


# ----------------------------------------------------------------------------------------------------------------
# The mapping, written independently of the library: Keras kernel (i, G·u) is PyTorch weight_ih (G·u, i) transposed;
# GRU gates are z, r, h in Keras and r, z, n in PyTorch (LSTM i, f, c, o and i, f, g, o: the same order); Keras' one
# bias is PyTorch's bias_ih with bias_hh zero, PyTorch's two are summed; a Keras GRU (reset_after=True) keeps both as
# the rows of a (2, 3u) bias.
# ----------------------------------------------------------------------------------------------------------------
def gru_swap(m, units, axis):
    """Exchanges the first two gate blocks (z, r <-> r, z) along the gate axis."""
    z, r, h = np.split(m, 3, axis=axis)
    return np.concatenate([r, z, h], axis=axis)


def keras_to_torch_block(kind, kernel, recurrent, bias, units):
    """One direction of a Keras layer -> (weight_ih, weight_hh, bias_ih, bias_hh) in PyTorch's layout."""
    w_ih, w_hh = kernel.T.copy(), recurrent.T.copy()
    if bias is None:
        b_ih = b_hh = None
    elif kind == "gru":
        b_ih, b_hh = bias[0].copy(), bias[1].copy()
    else:
        b_ih, b_hh = bias.copy(), np.zeros_like(bias)
    if kind == "gru":
        w_ih, w_hh = gru_swap(w_ih, units, 0), gru_swap(w_hh, units, 0)
        if b_ih is not None:
            b_ih, b_hh = gru_swap(b_ih, units, 0), gru_swap(b_hh, units, 0)
    return w_ih, w_hh, b_ih, b_hh


def torch_to_keras_block(kind, w_ih, w_hh, b_ih, b_hh, units):
    """One (layer, direction) of a PyTorch module -> (kernel, recurrent_kernel, bias) in Keras' layout."""
    if kind == "gru":
        w_ih, w_hh = gru_swap(w_ih, units, 0), gru_swap(w_hh, units, 0)
        if b_ih is not None:
            b_ih, b_hh = gru_swap(b_ih, units, 0), gru_swap(b_hh, units, 0)
    kernel, recurrent = w_ih.T.copy(), w_hh.T.copy()
    if b_ih is None:
        bias = None
    elif kind == "gru":
        bias = np.stack([b_ih, b_hh])
    else:
        bias = (b_ih + b_hh).astype(np.float32)
    return kernel, recurrent, bias


# ----------------------------------------------------------------------------------------------------------------
# Frameworks
# ----------------------------------------------------------------------------------------------------------------
def load_keras(keras_src, shims):
    for name, path in (("--keras-src / KERAS3_SRC", keras_src), ("--shims / KERAS3_SHIMS", shims)):
        if not path or not os.path.isdir(path):
            sys.exit(f"generate.py: {name} must name an existing folder (got {path!r}); see tools/oracles/keras3/README.md")
    os.environ["KERAS_BACKEND"] = "numpy"
    sys.path.insert(0, os.path.abspath(keras_src))
    sys.path.insert(0, os.path.abspath(shims))
    import k3boot  # noqa: F401
    import keras
    if keras.__version__ != KERAS_VERSION:
        sys.exit(f"generate.py: needs Keras {KERAS_VERSION}, found {keras.__version__}")
    import absl.logging
    absl.logging.set_verbosity(absl.logging.ERROR)
    return keras


def keras_layer_names(name, options):
    layers = options.get("layers", 1)
    return [name] if layers == 1 else [f"{name}_l{k}" for k in range(layers)]


def build_keras(keras, case):
    _, _, source, steps, layers = case
    model = keras.Sequential(name="model")
    if isinstance(source, tuple):
        model.add(keras.Input((None,), dtype="int32"))
    else:
        model.add(keras.Input((None, source)))
    for kind, name, o in layers:
        if kind == "embedding":
            model.add(keras.layers.Embedding(source[1], o["dim"], name=name))
        elif kind == "dense":
            model.add(keras.layers.Dense(o["units"], use_bias=o.get("bias", True), name=name))
        else:
            names = keras_layer_names(name, o)
            for k, layer_name in enumerate(names):
                seq = o["seq"] or k < len(names) - 1
                cls = getattr(keras.layers, KERAS_CLASS[kind])
                if o.get("bidi"):
                    model.add(keras.layers.Bidirectional(cls(o["units"], return_sequences=seq, use_bias=o.get("bias", True)), name=layer_name))
                else:
                    model.add(cls(o["units"], return_sequences=seq, use_bias=o.get("bias", True), name=layer_name))
    return model


def keras_weights(model, case):
    """The Keras weights named layer/path, as the library names them (forward_<cell>/<cell>_cell/kernel, ...)."""
    out = {}
    for layer in model.layers:
        cls = type(layer).__name__
        values = [np.asarray(v) for v in layer.get_weights()]
        if cls == "Embedding":
            out[f"{layer.name}/embeddings"] = values[0]
        elif cls == "Dense":
            out[f"{layer.name}/kernel"] = values[0]
            if len(values) > 1:
                out[f"{layer.name}/bias"] = values[1]
        else:
            inner = layer.forward_layer if cls == "Bidirectional" else layer
            icls = type(inner).__name__
            snake = {"SimpleRNN": "simple_rnn", "LSTM": "lstm", "GRU": "gru"}[icls]
            groups = [(f"{layer.name}/forward_{snake}/", values[: len(values) // 2]), (f"{layer.name}/backward_{snake}/", values[len(values) // 2:])] \
                if cls == "Bidirectional" else [(f"{layer.name}/", values)]
            for prefix, vs in groups:
                for suffix, v in zip(("kernel", "recurrent_kernel", "bias"), vs):
                    out[f"{prefix}{snake}_cell/{suffix}"] = v
    return out


def build_torch(torch, case):
    nn = torch.nn
    _, _, source, steps, layers = case

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.plan = []
            width = source if not isinstance(source, tuple) else None
            for kind, name, o in layers:
                if kind == "embedding":
                    setattr(self, name, nn.Embedding(source[1], o["dim"]))
                    width = o["dim"]
                    self.plan.append((name, "embedding", None))
                elif kind == "dense":
                    setattr(self, name, nn.Linear(width, o["units"], bias=o.get("bias", True)))
                    width = o["units"]
                    self.plan.append((name, "dense", None))
                else:
                    cls = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[kind]
                    setattr(self, name, cls(width, o["units"], num_layers=o.get("layers", 1), bias=o.get("bias", True),
                                            batch_first=True, bidirectional=o.get("bidi", False)))
                    width = o["units"] * (2 if o.get("bidi") else 1)
                    self.plan.append((name, "recurrent", o["seq"]))

        def forward(self, x):
            for name, kind, seq in self.plan:
                module = getattr(self, name)
                if kind == "recurrent":
                    x, _ = module(x)
                    if not seq:
                        x = x[:, -1]
                else:
                    x = module(x)
            return x

    return Net()


def torch_from_keras(kw, case):
    """KERAS_TO_TORCH: the PyTorch state dict made from Keras weights."""
    sd = {}
    for kind, name, o in case[4]:
        if kind == "embedding":
            sd[f"{name}.weight"] = kw[f"{name}/embeddings"]
        elif kind == "dense":
            sd[f"{name}.weight"] = kw[f"{name}/kernel"].T.copy()
            if o.get("bias", True):
                sd[f"{name}.bias"] = kw[f"{name}/bias"]
        else:
            snake = KERAS_SNAKE[kind]
            for k, keras_name in enumerate(keras_layer_names(name, o)):
                dirs = [("forward_" + snake + "/", ""), ("backward_" + snake + "/", "_reverse")] if o.get("bidi") else [("", "")]
                for sub, suffix in dirs:
                    p = f"{keras_name}/{sub}{snake}_cell/"
                    w_ih, w_hh, b_ih, b_hh = keras_to_torch_block(kind, kw[p + "kernel"], kw[p + "recurrent_kernel"], kw.get(p + "bias"), o["units"])
                    sd[f"{name}.weight_ih_l{k}{suffix}"], sd[f"{name}.weight_hh_l{k}{suffix}"] = w_ih, w_hh
                    if b_ih is not None:
                        sd[f"{name}.bias_ih_l{k}{suffix}"], sd[f"{name}.bias_hh_l{k}{suffix}"] = b_ih, b_hh
    return sd


def keras_from_torch(sd, case):
    """TORCH_TO_KERAS: the Keras weights made from a PyTorch state dict."""
    kw = {}
    for kind, name, o in case[4]:
        if kind == "embedding":
            kw[f"{name}/embeddings"] = sd[f"{name}.weight"]
        elif kind == "dense":
            kw[f"{name}/kernel"] = sd[f"{name}.weight"].T.copy()
            if o.get("bias", True):
                kw[f"{name}/bias"] = sd[f"{name}.bias"]
        else:
            snake = KERAS_SNAKE[kind]
            for k, keras_name in enumerate(keras_layer_names(name, o)):
                dirs = [("forward_" + snake + "/", ""), ("backward_" + snake + "/", "_reverse")] if o.get("bidi") else [("", "")]
                for sub, suffix in dirs:
                    p = f"{keras_name}/{sub}{snake}_cell/"
                    kernel, recurrent, bias = torch_to_keras_block(kind, sd[f"{name}.weight_ih_l{k}{suffix}"], sd[f"{name}.weight_hh_l{k}{suffix}"],
                                                                   sd.get(f"{name}.bias_ih_l{k}{suffix}"), sd.get(f"{name}.bias_hh_l{k}{suffix}"), o["units"])
                    kw[p + "kernel"], kw[p + "recurrent_kernel"] = kernel, recurrent
                    if bias is not None:
                        kw[p + "bias"] = bias
    return kw


def set_keras_weights(model, kw):
    for layer in model.layers:
        names = [n for n in kw if n.split("/")[0] == layer.name]
        cls = type(layer).__name__
        if cls == "Embedding":
            layer.set_weights([kw[f"{layer.name}/embeddings"]])
        elif cls == "Dense":
            layer.set_weights([kw[f"{layer.name}/kernel"]] + ([kw[f"{layer.name}/bias"]] if f"{layer.name}/bias" in kw else []))
        else:
            order = []
            subs = sorted({n.split("/")[1] for n in names}, key=lambda s: not s.startswith("forward_")) if cls == "Bidirectional" else [None]
            for sub in subs:
                for suffix in ("kernel", "recurrent_kernel", "bias"):
                    match = [n for n in names if n.endswith("_cell/" + suffix) and (sub is None or n.split("/")[1] == sub)]
                    order += [kw[m] for m in match]
            layer.set_weights(order)


def f32(d):
    return {k: np.asarray(v, dtype=np.float32) for k, v in d.items()}


def tensor_json(d):
    return {k: {"shape": list(v.shape), "values": [float(x) for x in np.asarray(v, dtype=np.float32).ravel()]} for k, v in d.items()}


def write_safetensors(path, sd):
    """The safetensors layout: an 8-byte little-endian header length, a JSON header, then the raw little-endian data."""
    names = sorted(sd)
    header, offset, blobs = {}, 0, []
    for name in names:
        data = np.ascontiguousarray(sd[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(sd[name].shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    return {k: np.frombuffer(data[v["data_offsets"][0]:v["data_offsets"][1]], dtype="<f4").reshape(v["shape"])
            for k, v in header.items() if k != "__metadata__"}


def generate_case(keras, torch, case, out):
    cid, origin, source, steps, layers = case
    rng = np.random.default_rng(SEED)
    if isinstance(source, tuple):
        inputs = rng.integers(0, source[1], size=(2, steps)).astype(np.int64)
    else:
        inputs = rng.uniform(-1, 1, size=(2, steps, source)).astype(np.float32)
    keras.utils.set_random_seed(SEED)
    torch.manual_seed(SEED)
    kmodel = build_keras(keras, case)
    tmodel = build_torch(torch, case).eval()
    if origin == "keras":
        # Keras initialises its biases to zero (and an LSTM's forget bias to one); give them values too.
        for w in kmodel.weights:
            if w.path.endswith("bias"):
                w.assign(rng.uniform(-0.5, 0.5, size=w.shape).astype(np.float32))
        kw = f32(keras_weights(kmodel, case))
        sd = f32(torch_from_keras(kw, case))
        tmodel.load_state_dict({k: torch.from_numpy(v) for k, v in sd.items()}, strict=True)
    else:
        sd = f32({k: v.detach().numpy() for k, v in tmodel.state_dict().items()})
        kw = f32(keras_from_torch(sd, case))
        set_keras_weights(kmodel, kw)
    # Both frameworks hold exactly the weights recorded.
    assert all(np.array_equal(v, f32(keras_weights(kmodel, case))[k]) for k, v in kw.items()), cid
    assert set(kw) == set(keras_weights(kmodel, case)), cid
    keras_out = np.asarray(kmodel(inputs if isinstance(source, tuple) else inputs), dtype=np.float64)
    with torch.no_grad():
        torch_out = tmodel(torch.from_numpy(inputs)).double().numpy()
    diff = float(np.max(np.abs(keras_out - torch_out)))
    if diff > TOLERANCE:
        sys.exit(f"generate.py: {cid}: Keras and PyTorch disagree by {diff}")
    record = {
        "id": cid, "origin": origin,
        "tokens" if isinstance(source, tuple) else "inputs": inputs.tolist(),
        "keras_output": keras_out.tolist(), "torch_output": torch_out.tolist(), "max_abs_diff": diff,
        "keras_weights": tensor_json(kw), "torch_weights": tensor_json(sd),
        "keras_model": json.loads(kmodel.to_json()),
    }
    os.makedirs(os.path.join(out, VECTORS), exist_ok=True)
    os.makedirs(os.path.join(out, FIXTURES), exist_ok=True)
    with open(os.path.join(out, VECTORS, cid + ".json"), "w") as f:
        json.dump(record, f, indent=None, sort_keys=True, separators=(",", ":"))
        f.write("\n")
    write_safetensors(os.path.join(out, FIXTURES, cid + ".safetensors"), sd)
    assert all(np.array_equal(read_safetensors(os.path.join(out, FIXTURES, cid + ".safetensors"))[k], v) for k, v in sd.items())
    kmodel.save(os.path.join(out, FIXTURES, cid + ".keras"))
    kmodel.save_weights(os.path.join(out, FIXTURES, cid + ".weights.h5"))
    return [os.path.join(VECTORS, cid + ".json"), os.path.join(FIXTURES, cid + ".safetensors")], diff


def generate_refused(keras, torch, out):
    """The three files a converter must refuse, and ONNX exports of two PyTorch modules with their state dicts."""
    written = []
    keras.utils.set_random_seed(SEED)
    m = keras.Sequential([keras.Input((None, 5)), keras.layers.GRU(4, reset_after=False, name="gru"), keras.layers.Dense(2, name="dense")], name="model")
    m.save(os.path.join(out, FIXTURES, "refused-gru-reset-before.keras"))
    torch.manual_seed(SEED)
    proj = torch.nn.LSTM(5, 4, proj_size=2, batch_first=True)
    write_safetensors(os.path.join(out, FIXTURES, "refused-lstm-proj.safetensors"), {"lstm." + k: v.detach().numpy() for k, v in proj.state_dict().items()})
    written.append(os.path.join(FIXTURES, "refused-lstm-proj.safetensors"))

    import onnx
    from onnx import helper, TensorProto, numpy_helper
    rng = np.random.default_rng(SEED)
    w = numpy_helper.from_array(rng.uniform(-1, 1, (1, 16, 5)).astype(np.float32), "W")
    r = numpy_helper.from_array(rng.uniform(-1, 1, (1, 16, 4)).astype(np.float32), "R")
    b = numpy_helper.from_array(rng.uniform(-1, 1, (1, 32)).astype(np.float32), "B")
    p = numpy_helper.from_array(rng.uniform(-1, 1, (1, 12)).astype(np.float32), "P")
    node = helper.make_node("LSTM", ["X", "W", "R", "B", "", "", "", "P"], ["Y"], hidden_size=4, name="lstm_peepholes")
    graph = helper.make_graph([node], "peepholes", [helper.make_tensor_value_info("X", TensorProto.FLOAT, [6, 1, 5])],
                              [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [6, 1, 1, 4])], [w, r, b, p])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)], producer_name="porting-generate")
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out, FIXTURES, "refused-lstm-peepholes.onnx"))

    for cid, module in (("onnx-bilstm", torch.nn.LSTM(5, 4, bidirectional=True)), ("onnx-gru", torch.nn.GRU(5, 4))):
        torch.manual_seed(SEED)
        module.reset_parameters()
        x = torch.from_numpy(rng.uniform(-1, 1, (6, 1, 5)).astype(np.float32))
        torch.onnx.export(module, (x,), os.path.join(out, FIXTURES, cid + ".onnx"), opset_version=14, do_constant_folding=True,
                          input_names=["x"], output_names=["y"])
        write_safetensors(os.path.join(out, FIXTURES, cid + ".safetensors"), {k: v.detach().numpy() for k, v in module.state_dict().items()})
        written.append(os.path.join(FIXTURES, cid + ".safetensors"))
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keras-src", default=os.environ.get("KERAS3_SRC"))
    parser.add_argument("--shims", default=os.environ.get("KERAS3_SHIMS"))
    parser.add_argument("--check", action="store_true", help="regenerate into a temporary folder and compare the JSON and safetensors files")
    args = parser.parse_args()
    keras = load_keras(args.keras_src, args.shims)
    import torch
    torch.use_deterministic_algorithms(True)
    with tempfile.TemporaryDirectory(prefix="porting-oracle-") as tmp:
        compared = []
        for case in CASES:
            files, diff = generate_case(keras, torch, case, tmp)
            compared += files
            print(f"{case[0]:<28} Keras and PyTorch agree within {diff:.2e}")
        compared += generate_refused(keras, torch, tmp)
        failed = 0
        for rel in compared:
            same = os.path.exists(os.path.join(REPO, rel)) and open(os.path.join(tmp, rel), "rb").read() == open(os.path.join(REPO, rel), "rb").read()
            if args.check:
                print(("identical " if same else "DIFFERS   ") + rel)
                failed += not same
        if args.check:
            return 1 if failed else 0
        for folder in (VECTORS, FIXTURES):
            os.makedirs(os.path.join(REPO, folder), exist_ok=True)
            for name in sorted(os.listdir(os.path.join(tmp, folder))):
                shutil.copyfile(os.path.join(tmp, folder, name), os.path.join(REPO, folder, name))
        print(f"wrote {len(os.listdir(os.path.join(tmp, VECTORS)))} vectors and {len(os.listdir(os.path.join(tmp, FIXTURES)))} fixtures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
