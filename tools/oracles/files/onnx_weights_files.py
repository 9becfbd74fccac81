"""ONNX weight-value fixtures from REAL framework runs, for reading ONNX initializers and mapping recurrent nodes to PyTorch.

    /usr/bin/python3 tools/oracles/files/onnx_weights_files.py

Needs Debian's python3-torch (torch 1.13) and python3-onnx (onnx 1.12). Writes into
tests/RecurrentParams.Import.Tests/Fixtures/onnx-weights/:

  torch-<id>.onnx          torch.onnx.export (opset 14, constant folding) of a small nn.LSTM / nn.GRU / nn.RNN with
                           torch's own random initialisation, run on a fixed input (sequence first, batch 1)
  torch-<id>.safetensors   the module's state_dict(), float32, in the safetensors layout (the writer below)
  torch-<id>.json          {module: constructor arguments, input: [steps][features], output: [steps][directions*hidden]}:
                           the input and what torch's forward pass returned for it (output, batch 0), as float64 numbers
                           of the float32 values
  values-typed.onnx        initializers built with the onnx helper API in every encoding the reader decodes: FLOAT in
                           raw_data and float_data, DOUBLE in raw_data and double_data, FLOAT16 and BFLOAT16 in raw_data
                           and int32_data, an empty tensor, a scalar, and INT64 / INT32 initializers (left out)
  values-typed.json        the float32 values numpy gives those tensors (np.float16 -> float32; bfloat16 by widening its
                           16 bits), by name
  refused-<id>.onnx        one recurrent node each that has no exact PyTorch module (peepholes, GRU linear_before_reset=0,
                           direction reverse, non-default activations, clip, input_forget, W not an initializer), and one
                           that spells out the default activations (accepted)
  external-data.onnx       an initializer whose values live in an external file (data_location EXTERNAL)
  manifest.json            {"models": [{id: file name, ...}]}: for a torch export its recurrent node count and state-dict
                           tensor count; for a refused graph the operator and the keyword its refusal must name (null:
                           accepted); the float and left-out initializers of values-typed.onnx

The torch exports are checked here first: onnx's own numpy_helper reads their initializers back, and, permuted by this
script's own gate tables (ONNX LSTM i,o,f,c / GRU z,r,h; PyTorch i,f,g,o / r,z,n; B = [Wb; Rb]), they must equal the
state dict bit for bit. Seeds torch.manual_seed(20261127) and numpy.random.RandomState(20261127); reruns write
byte-identical files.
"""
import io
import json
import os
import struct

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn

SEED = 20261127
ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "RecurrentParams.Import.Tests", "Fixtures", "onnx-weights")
RNG = np.random.RandomState(SEED)

# The gate order of each ONNX operator, as indices into PyTorch's order (PyTorch LSTM i,f,g,o; GRU r,z,n).
ONNX_FROM_TORCH = {"LSTM": [0, 3, 1, 2], "GRU": [1, 0, 2], "RNN": [0]}

CASES = [
    # id, module, input features
    ("lstm", lambda: nn.LSTM(5, 4), 5),
    ("gru", lambda: nn.GRU(5, 4), 5),
    ("rnn", lambda: nn.RNN(5, 4), 5),
    ("lstm-bidir", lambda: nn.LSTM(5, 4, bidirectional=True), 5),
    ("gru-bidir", lambda: nn.GRU(3, 5, bidirectional=True), 3),
    ("rnn-bidir", lambda: nn.RNN(3, 5, bidirectional=True), 3),
    ("lstm-2layers", lambda: nn.LSTM(4, 3, num_layers=2), 4),
    ("gru-2layers-bidir", lambda: nn.GRU(4, 3, num_layers=2, bidirectional=True), 4),
    ("lstm-nobias", lambda: nn.LSTM(4, 3, bias=False), 4),
]
STEPS = 6


def write_safetensors(path, sd):
    """The safetensors layout: an 8-byte little-endian header length, a JSON header, then the raw little-endian data."""
    header, offset, blobs = {}, 0, []
    for name in sorted(sd):
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


def to_onnx_block(w, op, units):
    """PyTorch's gate blocks (rows of `units`) in the ONNX operator's order."""
    return np.concatenate([w[g * units:(g + 1) * units] for g in ONNX_FROM_TORCH[op]], axis=0)


def check_export(ident, model, proto):
    """The initializers each node reads, permuted by this script's tables, equal the state dict bit for bit."""
    op = {nn.LSTM: "LSTM", nn.GRU: "GRU", nn.RNN: "RNN"}[type(model)]
    inits = {t.name: numpy_helper.to_array(t) for t in proto.graph.initializer}
    nodes = [n for n in proto.graph.node if n.op_type == op]
    assert len(nodes) == model.num_layers, ident
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    h = model.hidden_size
    for layer, node in enumerate(nodes):
        w, r = inits[node.input[1]], inits[node.input[2]]
        b = inits[node.input[3]] if len(node.input) > 3 and node.input[3] else None
        assert (b is None) == (not model.bias), ident
        for d, suffix in enumerate([""] + (["_reverse"] if model.bidirectional else [])):
            k = "_l%d%s" % (layer, suffix)
            assert np.array_equal(w[d], to_onnx_block(sd["weight_ih" + k], op, h)), (ident, k)
            assert np.array_equal(r[d], to_onnx_block(sd["weight_hh" + k], op, h)), (ident, k)
            if b is not None:
                g = len(ONNX_FROM_TORCH[op]) * h
                assert np.array_equal(b[d][:g], to_onnx_block(sd["bias_ih" + k], op, h)), (ident, k)
                assert np.array_equal(b[d][g:], to_onnx_block(sd["bias_hh" + k], op, h)), (ident, k)
        acts = [a for a in node.attribute if a.name == "activations"]
        for a in acts:
            assert all(s.decode().lower() in ("tanh", "sigmoid") for s in a.strings), ident
    return len(nodes)


def torch_case(ident, make, features, files, manifest):
    torch.manual_seed(SEED)
    model = make().eval()
    x = torch.from_numpy(RNG.uniform(-1, 1, (STEPS, 1, features)).astype(np.float32))
    with torch.no_grad():
        y = model(x)[0]
    buffer = io.BytesIO()
    torch.onnx.export(model, (x,), buffer, opset_version=14, do_constant_folding=True, input_names=["x"], output_names=["y"])
    data = buffer.getvalue()
    nodes = check_export(ident, model, onnx.load_from_string(data))
    name = "torch-" + ident
    files[name + ".onnx"] = data
    sd = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    path = os.path.join(ROOT, name + ".safetensors")
    write_safetensors(path, sd)
    record = {
        "module": {"type": type(model).__name__, "inputSize": model.input_size, "hiddenSize": model.hidden_size,
                   "numLayers": model.num_layers, "bias": model.bias, "bidirectional": model.bidirectional},
        "input": [[float(v) for v in row] for row in x[:, 0].numpy()],
        "output": [[float(v) for v in row] for row in y[:, 0].numpy()],
    }
    files[name + ".json"] = (json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n").encode()
    manifest[name + ".onnx"] = {"framework": "torch-" + torch.__version__, "nodes": nodes, "stateDictTensors": len(sd)}


def bf16_bits(array):
    """The bfloat16 bits of float32 values that bfloat16 holds exactly (their low 16 bits are zero)."""
    bits = np.asarray(array, dtype=np.float32).view(np.uint32)
    assert np.all(bits & 0xFFFF == 0)
    return (bits >> 16).astype(np.uint16)


def values_typed(files, manifest):
    tensors, expected = [], {}
    f = RNG.standard_normal((2, 3)).astype(np.float32)
    tensors.append(numpy_helper.from_array(f, "float_raw"))
    expected["float_raw"] = f
    tensors.append(helper.make_tensor("float_typed", TensorProto.FLOAT, [3, 2], f.ravel().tolist()))
    expected["float_typed"] = f.reshape(3, 2)
    d = RNG.standard_normal((4,)).astype(np.float64)
    tensors.append(numpy_helper.from_array(d, "double_raw"))
    expected["double_raw"] = d.astype(np.float32)
    tensors.append(helper.make_tensor("double_typed", TensorProto.DOUBLE, [2, 2], d.tolist()))
    expected["double_typed"] = d.astype(np.float32).reshape(2, 2)
    # float16 with a subnormal, infinities, a negative zero and the largest finite value
    h = np.concatenate([RNG.standard_normal(5), [6e-8, -0.0, np.inf, -np.inf, 65504.0]]).astype(np.float16)
    tensors.append(numpy_helper.from_array(h, "half_raw"))
    expected["half_raw"] = h.astype(np.float32)
    typed = onnx.TensorProto(name="half_typed", data_type=TensorProto.FLOAT16, dims=[10])
    typed.int32_data.extend(int(v) for v in h.view(np.uint16))
    tensors.append(typed)
    expected["half_typed"] = h.astype(np.float32)
    bf = np.concatenate([RNG.standard_normal(4).astype(np.float32), [1.0, -2.5, np.inf]]).astype(np.float32)
    bf = (bf.view(np.uint32) & 0xFFFF0000).view(np.float32)
    raw = onnx.TensorProto(name="bfloat_raw", data_type=TensorProto.BFLOAT16, dims=[7], raw_data=bf16_bits(bf).astype("<u2").tobytes())
    tensors.append(raw)
    expected["bfloat_raw"] = bf
    typed = onnx.TensorProto(name="bfloat_typed", data_type=TensorProto.BFLOAT16, dims=[7])
    typed.int32_data.extend(int(v) for v in bf16_bits(bf))
    tensors.append(typed)
    expected["bfloat_typed"] = bf
    tensors.append(helper.make_tensor("empty", TensorProto.FLOAT, [0, 3], []))
    expected["empty"] = np.zeros((0, 3), np.float32)
    tensors.append(numpy_helper.from_array(np.array(2.5, np.float32), "scalar"))
    expected["scalar"] = np.array(2.5, np.float32)
    tensors.append(numpy_helper.from_array(np.array([1, 2, 3], np.int64), "shape_int64"))
    tensors.append(helper.make_tensor("index_int32", TensorProto.INT32, [2], [4, 5]))
    # Every float initializer read back by onnx's numpy_helper is what this script expects.
    for t in tensors:
        if t.name in expected:
            got = numpy_helper.to_array(t)
            if t.data_type == TensorProto.BFLOAT16:
                got = (np.asarray(got).astype(np.uint32) << 16).view(np.float32) if got.dtype == np.uint16 else got
            assert np.array_equal(np.asarray(got, np.float32), expected[t.name]), t.name
    out = helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])
    graph = helper.make_graph([helper.make_node("Identity", ["float_raw"], ["y"], name="id")], "values", [], [out], tensors)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)], producer_name="onnx_weights_files")
    onnx.checker.check_model(model, full_check=True)
    files["values-typed.onnx"] = model.SerializeToString()
    record = {k: {"shape": list(v.shape), "values": [float(x) if np.isfinite(x) else ("inf" if x > 0 else "-inf") for x in v.ravel()]}
              for k, v in expected.items()}
    files["values-typed.json"] = (json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n").encode()
    manifest["values-typed.onnx"] = {"float": sorted(expected), "leftOut": ["index_int32", "shape_int64"]}


def refused(files, manifest):
    def node_graph(op, hidden, features, inputs, attrs, weights, direction_count=1):
        g = {"LSTM": 4, "GRU": 3, "RNN": 1}[op]
        inits = []
        names = ["X"]
        for slot, shape in (("W", [direction_count, g * hidden, features]), ("R", [direction_count, g * hidden, hidden]),
                            ("B", [direction_count, 2 * g * hidden]), ("P", [direction_count, 3 * hidden])):
            if slot in weights:
                inits.append(numpy_helper.from_array(RNG.uniform(-1, 1, shape).astype(np.float32), op.lower() + "_" + slot))
        for slot in inputs:
            names.append("" if slot == "" else slot if slot == "W_fed" else op.lower() + "_" + slot)
        node = helper.make_node(op, names, ["Y"], name=op.lower() + "_node", hidden_size=hidden, **attrs)
        graph_inputs = [helper.make_tensor_value_info("X", TensorProto.FLOAT, [STEPS, 1, features])]
        if "W_fed" in inputs:
            graph_inputs.append(helper.make_tensor_value_info("W_fed", TensorProto.FLOAT, [direction_count, g * hidden, features]))
        out = helper.make_tensor_value_info("Y", TensorProto.FLOAT, [STEPS, direction_count, 1, hidden])
        graph = helper.make_graph([node], "refused", graph_inputs, [out], inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)], producer_name="onnx_weights_files")
        onnx.checker.check_model(model, full_check=True)
        return model.SerializeToString()

    cases = [
        # id, op, inputs, attributes, weights, keyword the refusal names (None: accepted)
        ("lstm-peepholes", "LSTM", ["W", "R", "B", "", "", "", "P"], {}, "WRBP", "peephole"),
        ("gru-linear-before-reset-0", "GRU", ["W", "R", "B"], {}, "WRB", "linear_before_reset"),
        ("lstm-reverse", "LSTM", ["W", "R", "B"], {"direction": "reverse"}, "WRB", "reverse"),
        ("gru-activations", "GRU", ["W", "R", "B"], {"linear_before_reset": 1, "activations": ["Sigmoid", "Relu"]}, "WRB", "activations"),
        ("lstm-clip", "LSTM", ["W", "R", "B"], {"clip": 3.0}, "WRB", "clip"),
        ("lstm-input-forget", "LSTM", ["W", "R", "B"], {"input_forget": 1}, "WRB", "input_forget"),
        ("rnn-fed-weights", "RNN", ["W_fed", "R", "B"], {}, "RB", "initializer"),
        ("lstm-default-activations", "LSTM", ["W", "R"], {"activations": ["Sigmoid", "Tanh", "Tanh"]}, "WR", None),
    ]
    for ident, op, inputs, attrs, weights, keyword in cases:
        files["refused-" + ident + ".onnx"] = node_graph(op, 3, 2, inputs, attrs, weights)
        manifest["refused-" + ident + ".onnx"] = {"op": op, "refusal": keyword}


def external(files, manifest):
    w = numpy_helper.from_array(np.zeros((2, 2), np.float32), "weights")
    w.ClearField("raw_data")
    w.data_location = TensorProto.EXTERNAL
    for key, value in (("location", "weights.bin"), ("offset", "0"), ("length", "16")):
        entry = w.external_data.add()
        entry.key, entry.value = key, value
    out = helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 2])
    graph = helper.make_graph([helper.make_node("Identity", ["weights"], ["y"], name="id")], "external", [], [out], [w])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)], producer_name="onnx_weights_files")
    files["external-data.onnx"] = model.SerializeToString()
    manifest["external-data.onnx"] = {"external": ["weights"]}


def main():
    os.makedirs(ROOT, exist_ok=True)
    files, manifest = {}, {}
    for ident, make, features in CASES:
        torch_case(ident, make, features, files, manifest)
    values_typed(files, manifest)
    refused(files, manifest)
    external(files, manifest)
    rows = [dict(id=name, **row) for name, row in sorted(manifest.items())]
    files["manifest.json"] = (json.dumps({"models": rows}, indent=1, sort_keys=True) + "\n").encode()
    for name, data in sorted(files.items()):
        with open(os.path.join(ROOT, name), "wb") as f:
            f.write(data)
    print("wrote %d files (and %d safetensors) into %s" % (len(files), len(CASES), os.path.normpath(ROOT)))


if __name__ == "__main__":
    main()
