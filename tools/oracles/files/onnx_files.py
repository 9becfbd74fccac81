"""ONNX graph fixtures from REAL framework runs, for the ONNX reader's recurrent-weight resolution.

    /usr/bin/python3 tools/oracles/files/onnx_files.py

Needs Debian's python3-torch (torch 1.13) and python3-onnx (onnx 1.12). Writes into
tests/RecurrentParams.Import.Tests/Fixtures/onnx-graphs/:

  torch-*.onnx   torch.onnx.export of nn.LSTM / nn.GRU / nn.RNN modules in the forms exporters really write: opsets 9 to
                 17, do_constant_folding=False (weights reach the node through Slice / Concat / Unsqueeze chains),
                 export_params=False (weights are graph inputs the runtime feeds), keep_initializers_as_inputs=True.
  graph-*.onnx   graphs built with the onnx helper API for the weight sources torch does not write: graph inputs with
                 static shapes, Constant nodes (value, value_floats, value_ints, sparse_value), chains of Identity, Cast,
                 Unsqueeze, Squeeze, Reshape, Flatten, Transpose, Slice, Concat, Split and Gather in their attribute
                 (opset 9) and input (opset 13) forms, peepholes, integer constants, DequantizeLinear, a tensor shared
                 by two nodes, and weights that cannot be resolved.
  manifest.json  what the frameworks report, per file:
                 - params: for torch exports sum(p.numel() for p in m.parameters()); for helper graphs the element
                   count (numpy .size) of every parameter tensor the script put in the graph, by the reader's
                   documented rule (floating-point and 8-bit tensors; Constant nodes and graph inputs only where they
                   make up a recurrent node's W, R, B or P).
                 - recurrent: one row per LSTM / GRU / RNN node in graph order: torch's per-layer parameter count and
                   constructor arguments, or for helper graphs the element count of the tensors the node is the first
                   to use; and the shapes of W, R, B and P as onnx.shape_inference.infer_shapes (with data
                   propagation) reports them, or numpy's reshape where onnx 1.12 cannot (a Reshape by a value_ints
                   Constant); the script asserts they are the ones the ONNX operator defines. null: not static.
                 - initializers / constants: the number of initializers and of integer (non-parameter) initializers.

Every helper graph passes onnx.checker.check_model, except where the row says why not. Weights come from
numpy.random.RandomState(20261127) and torch.manual_seed(20261127); reruns write byte-identical files.
"""
import io
import json
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper, shape_inference
from torch import nn

SEED = 20261127
ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "RecurrentParams.Import.Tests", "Fixtures", "onnx-graphs")
TORCH = "torch-" + torch.__version__
ONNX = "onnx-" + onnx.__version__
FLOATS = {TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.DOUBLE, TensorProto.BFLOAT16}
NARROW = {TensorProto.INT8, TensorProto.UINT8}
GATES = {"LSTM": 4, "GRU": 3, "RNN": 1}
RNG = np.random.RandomState(SEED)


# ---------------------------------------------------------------------------------------------------------- torch


class Wrap(nn.Module):
    """A bare recurrent module as a model: forward returns the output sequence only."""

    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def forward(self, x):
        return self.rnn(x)[0]


class EmbLstmLinear(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(30, 6)
        self.rnn = nn.LSTM(6, 8, batch_first=True)
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        return self.fc(self.rnn(self.emb(x))[0][:, -1])


def torch_cases():
    """(id, module, example input, export arguments, note)."""
    return [
        ("torch-lstm-bidir-2l-bf-opset9-nofold", Wrap(nn.LSTM(4, 6, num_layers=2, bidirectional=True, batch_first=True)),
         torch.zeros(2, 5, 4), dict(opset_version=9, do_constant_folding=False),
         "nn.LSTM(4, 6, num_layers=2, bidirectional=True, batch_first=True), opset 9, no constant folding: Slice attributes"),
        ("torch-gru-2l-opset10-nofold", Wrap(nn.GRU(5, 7, num_layers=2)), torch.zeros(3, 2, 5),
         dict(opset_version=10, do_constant_folding=False), "nn.GRU(5, 7, num_layers=2), opset 10, no folding: Slice inputs"),
        ("torch-rnn-relu-bidir-opset11-nofold", Wrap(nn.RNN(3, 4, nonlinearity="relu", bidirectional=True)), torch.zeros(4, 1, 3),
         dict(opset_version=11, do_constant_folding=False), "nn.RNN(3, 4, nonlinearity='relu', bidirectional=True), opset 11, no folding"),
        ("torch-lstm-nobias-opset13-nofold", Wrap(nn.LSTM(6, 5, bias=False)), torch.zeros(2, 3, 6),
         dict(opset_version=13, do_constant_folding=False), "nn.LSTM(6, 5, bias=False), opset 13, no folding: Unsqueeze axes as an input"),
        ("torch-gru-nobias-bidir-opset17-nofold", Wrap(nn.GRU(4, 3, bias=False, bidirectional=True)), torch.zeros(2, 2, 4),
         dict(opset_version=17, do_constant_folding=False), "nn.GRU(4, 3, bias=False, bidirectional=True), opset 17, no folding"),
        ("torch-lstm-3l-opset9-fold", Wrap(nn.LSTM(3, 2, num_layers=3)), torch.zeros(5, 2, 3),
         dict(opset_version=9, do_constant_folding=True), "nn.LSTM(3, 2, num_layers=3), opset 9, constant folding"),
        ("torch-rnn-tanh-bf-opset16-fold", Wrap(nn.RNN(5, 6, batch_first=True)), torch.zeros(2, 4, 5),
         dict(opset_version=16, do_constant_folding=True), "nn.RNN(5, 6, batch_first=True), opset 16, constant folding"),
        ("torch-emb-lstm-linear-opset12-nofold", EmbLstmLinear(), torch.zeros(2, 7, dtype=torch.long),
         dict(opset_version=12, do_constant_folding=False), "Embedding(30, 6) -> LSTM(6, 8, batch_first) -> Linear(8, 3) on the last step, opset 12, no folding"),
        ("torch-lstm-bidir-params-as-inputs-opset11", Wrap(nn.LSTM(3, 4, bidirectional=True)), torch.zeros(2, 1, 3),
         dict(opset_version=11, do_constant_folding=False, export_params=False),
         "nn.LSTM(3, 4, bidirectional=True), opset 11, export_params=False: the weights are graph inputs the runtime feeds"),
        ("torch-gru-2l-initializers-as-inputs-opset9", Wrap(nn.GRU(3, 4, num_layers=2)), torch.zeros(2, 1, 3),
         dict(opset_version=9, do_constant_folding=False, keep_initializers_as_inputs=True),
         "nn.GRU(3, 4, num_layers=2), opset 9, keep_initializers_as_inputs=True: every initializer is also a graph input"),
    ]


def torch_layers(model):
    """Per recurrent layer, in export order: torch's own count and the module's constructor arguments."""
    rows = []
    for _, m in model.named_modules():
        if isinstance(m, (nn.LSTM, nn.GRU, nn.RNN)):
            op = "LSTM" if isinstance(m, nn.LSTM) else "GRU" if isinstance(m, nn.GRU) else "RNN"
            dirs = 2 if m.bidirectional else 1
            for k in range(m.num_layers):
                count = sum(p.numel() for n, p in m.named_parameters() if n.endswith("_l%d" % k) or n.endswith("_l%d_reverse" % k))
                rows.append({"op": op, "hiddenSize": m.hidden_size, "directions": dirs,
                             "inputSize": m.input_size if k == 0 else m.hidden_size * dirs, "bias": m.bias, "params": count})
    return rows


def export_torch(ident, model, x, kwargs, note):
    model.eval()
    buffer = io.BytesIO()
    torch.onnx.export(model, (x,), buffer, input_names=["input"], output_names=["output"], **kwargs)
    data = buffer.getvalue()
    proto = onnx.load_from_string(data)
    layers = torch_layers(model)
    nodes = [n for n in proto.graph.node if n.op_type in GATES]
    assert [n.op_type for n in nodes] == [l["op"] for l in layers], ident
    shapes = inferred_shapes(proto)
    recurrent = []
    for node, layer in zip(nodes, layers):
        row = {"node": node.name, **layer, "peepholes": False, "derivation": True, "unresolved": [],
               "fed": ["W", "R"] + (["B"] if layer["bias"] else []) if kwargs.get("export_params") is False else [],
               "shapes": weight_shapes(node, shapes)}
        check_shapes(ident, node, row["shapes"], layer["hiddenSize"], layer["directions"], layer["inputSize"])
        recurrent.append(row)
    return data, {
        "id": ident, "source": "torch.onnx.export", "framework": TORCH, "note": note,
        "opset": kwargs["opset_version"], "params": sum(p.numel() for p in model.parameters()),
        "initializers": len(proto.graph.initializer),
        "constants": sum(1 for t in proto.graph.initializer if t.data_type not in FLOATS | NARROW),
        "recurrent": recurrent,
    }


# ---------------------------------------------------------------------------------------------------------- helper graphs


def inferred_shapes(model):
    inferred = shape_inference.infer_shapes(model, strict_mode=True, data_prop=True)
    shapes = {}
    for vi in list(inferred.graph.value_info) + list(inferred.graph.input) + list(inferred.graph.output):
        t = vi.type.tensor_type
        if t.HasField("shape") and all(d.HasField("dim_value") for d in t.shape.dim):
            shapes[vi.name] = [d.dim_value for d in t.shape.dim]
    for t in inferred.graph.initializer:
        shapes[t.name] = list(t.dims)
    for n in inferred.graph.node:
        if n.op_type == "Constant" and n.attribute[0].name == "value":
            shapes[n.output[0]] = list(n.attribute[0].t.dims)
    return shapes


def weight_shapes(node, shapes):
    slots = {"W": 1, "R": 2, "B": 3, "P": 7}
    return {s: shapes.get(node.input[k]) for s, k in slots.items() if k < len(node.input) and node.input[k]}


def check_shapes(ident, node, got, hidden, dirs, input_size):
    """The shapes onnx infers for W, R, B, P must be the ones the ONNX operator defines."""
    g = GATES[node.op_type]
    expected = {"W": [dirs, g * hidden, input_size], "R": [dirs, g * hidden, hidden], "B": [dirs, 2 * g * hidden], "P": [dirs, 3 * hidden]}
    for slot, shape in got.items():
        if shape is not None:
            assert shape == expected[slot], (ident, node.name, slot, shape, expected[slot])


def floats(*shape, dtype=np.float32):
    return RNG.standard_normal(shape).astype(dtype)


def init(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def ints(name, values):
    return numpy_helper.from_array(np.asarray(values, dtype=np.int64), name)


def const(output, array, name=None):
    return helper.make_node("Constant", [], [output], name=name or output, value=numpy_helper.from_array(np.asarray(array)))


def rnn(op, name, inputs, hidden, direction="forward", output=None):
    return helper.make_node(op, inputs, [output or name + "_y"], name=name, hidden_size=hidden, direction=direction)


def x_input(name, steps, features, dtype=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, dtype, [steps, "batch", features])


def y_output(name, rank=4):
    """A graph output of symbolic shape: a recurrent node's Y is (steps, directions, batch, hidden)."""
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, ["d%d" % k for k in range(rank)])


def model(graph, opset, ir=None):
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="RecurrentParams fixtures",
                          producer_version=ONNX)
    if ir is not None:
        m.ir_version = ir
    return m


def size(*arrays):
    return int(sum(np.asarray(a).size for a in arrays))


def graph_cases():
    """(id, model, note, total, recurrent rows [(node, op, hidden, dirs, input, params, extra)], check)."""
    cases = []

    # Graph inputs with static shapes: weights the runtime feeds (a bidirectional LSTM, hidden 3, input 2).
    graph = helper.make_graph(
        [rnn("LSTM", "lstm", ["X", "W", "R", "B"], 3, "bidirectional")], "fed",
        [x_input("X", 5, 2),
         helper.make_tensor_value_info("W", TensorProto.FLOAT, [2, 12, 2]),
         helper.make_tensor_value_info("R", TensorProto.FLOAT, [2, 12, 3]),
         helper.make_tensor_value_info("B", TensorProto.FLOAT, [2, 24])],
        [y_output("lstm_y")])
    fed = 2 * 12 * 2 + 2 * 12 * 3 + 2 * 24
    cases.append(("graph-fed-inputs-lstm-bidir", model(graph, 14), "LSTM whose W, R and B are graph inputs with static shapes",
                  fed, [("lstm", "LSTM", 3, 2, 2, fed, {"fed": ["W", "R", "B"]})], True))

    # IR 3: initializers are listed among the graph inputs too; each is counted once, as an initializer.
    w, r, b = floats(1, 12, 4), floats(1, 12, 4), floats(1, 24)
    graph = helper.make_graph(
        [rnn("GRU", "gru", ["X", "W", "R", "B"], 4)], "ir3",
        [x_input("X", 3, 4)] + [helper.make_tensor_value_info(n, TensorProto.FLOAT, list(a.shape)) for n, a in (("W", w), ("R", r), ("B", b))],
        [y_output("gru_y")],
        [init("W", w), init("R", r), init("B", b)])
    cases.append(("graph-ir3-initializers-as-inputs-gru", model(graph, 7, ir=3), "IR 3 GRU: W, R, B are initializers and graph inputs",
                  size(w, r, b), [("gru", "GRU", 4, 1, 4, size(w, r, b), {})], True))

    # Constant nodes: W from value (a tensor), R from value_floats reshaped by a value_ints shape, B from sparse_value.
    w = floats(1, 9, 2)
    r_flat = floats(27)
    b_values = floats(4)
    sparse = helper.make_sparse_tensor(
        numpy_helper.from_array(b_values, "b_values"), numpy_helper.from_array(np.asarray([0, 5, 10, 17], dtype=np.int64), "b_indices"), [1, 18])
    nodes = [
        const("w_const", w),
        helper.make_node("Constant", [], ["r_floats"], name="r_floats", value_floats=r_flat.tolist()),
        helper.make_node("Constant", [], ["r_shape"], name="r_shape", value_ints=[1, 9, 3]),
        helper.make_node("Reshape", ["r_floats", "r_shape"], ["r"], name="r_reshape"),
        helper.make_node("Constant", [], ["b_sparse"], name="b_sparse", sparse_value=sparse),
        rnn("GRU", "gru", ["X", "w_const", "r", "b_sparse"], 3),
    ]
    graph = helper.make_graph(nodes, "constants", [x_input("X", 4, 2)], [y_output("gru_y")])
    total = w.size + r_flat.size + 18  # a sparse tensor counts its dense shape
    cases.append(("graph-constant-nodes-gru", model(graph, 13), "GRU whose W, R, B are Constant nodes: value, value_floats + value_ints Reshape, sparse_value",
                  total, [("gru", "GRU", 3, 1, 2, total, {"shapes": {"R": list(r_flat.reshape(1, 9, 3).shape)}})], True))

    # Shape operators, opset 9 forms (axes, starts, ends, split as attributes).
    w_t, r_both = floats(3, 16), floats(2, 16, 4)
    b_ih, b_hh = floats(16), floats(16)
    gw, gr, gb = floats(1, 1, 12, 5), floats(48), floats(2, 12)
    wr, b_half = floats(2, 3, 5), floats(2, 6, dtype=np.float16)
    nodes = [
        # LSTM, hidden 4, input 3: W = Unsqueeze(Transpose(w_t)); R = Slice(r_both)[0:1] and the other half is the
        # second LSTM's R; B = Unsqueeze(Concat(b_ih, b_hh)) through two Identity nodes.
        helper.make_node("Transpose", ["w_t"], ["w_tt"], name="w_transpose", perm=[1, 0]),
        helper.make_node("Unsqueeze", ["w_tt"], ["lstm_w"], name="w_unsqueeze", axes=[0]),
        helper.make_node("Slice", ["r_both"], ["lstm_r"], name="r_first", starts=[0], ends=[1], axes=[0]),
        helper.make_node("Slice", ["r_both"], ["lstm2_r"], name="r_second", starts=[1], ends=[9], axes=[0]),
        helper.make_node("Concat", ["b_ih", "b_hh"], ["b_cat"], name="b_concat", axis=0),
        helper.make_node("Identity", ["b_cat"], ["b_id1"], name="b_identity_1"),
        helper.make_node("Identity", ["b_id1"], ["b_id2"], name="b_identity_2"),
        helper.make_node("Unsqueeze", ["b_id2"], ["lstm_b"], name="b_unsqueeze", axes=[0]),
        rnn("LSTM", "lstm", ["X", "lstm_w", "lstm_r", "lstm_b"], 4),
        rnn("LSTM", "lstm2", ["lstm_y_seq", "lstm_w", "lstm2_r"], 4),
        # GRU, hidden 4, input 5, reverse: W = Squeeze(gw, axes=[0]); R = Reshape(gr, [1, 12, -1]); B = Flatten(gb, axis=0).
        helper.make_node("Squeeze", ["gw"], ["gru_w"], name="gw_squeeze", axes=[0]),
        helper.make_node("Reshape", ["gr", "gr_shape"], ["gru_r"], name="gr_reshape"),
        helper.make_node("Flatten", ["gb"], ["gru_b"], name="gb_flatten", axis=0),
        rnn("GRU", "gru", ["X5", "gru_w", "gru_r", "gru_b"], 4, "reverse"),
        # RNN, hidden 3, input 2, bidirectional: W and R are the two parts of one tensor Split on its last axis; B is a
        # FLOAT16 tensor Cast to FLOAT.
        helper.make_node("Split", ["wr"], ["rnn_w", "rnn_r"], name="wr_split", axis=2, split=[2, 3]),
        helper.make_node("Cast", ["b_half"], ["rnn_b"], name="b_cast", to=TensorProto.FLOAT),
        rnn("RNN", "rnn", ["X2", "rnn_w", "rnn_r", "rnn_b"], 3, "bidirectional"),
    ]
    graph = helper.make_graph(
        nodes, "shape_ops_9",
        [x_input("X", 6, 3), x_input("X5", 6, 5), x_input("X2", 6, 2), x_input("lstm_y_seq", 6, 3)],
        [y_output(n) for n in ("lstm_y", "lstm2_y", "gru_y", "rnn_y")],
        [init("w_t", w_t), init("r_both", r_both), init("b_ih", b_ih), init("b_hh", b_hh), init("gw", gw), init("gr", gr),
         ints("gr_shape", [1, 12, -1]), init("gb", gb), init("wr", wr), init("b_half", b_half)])
    lstm = size(w_t, r_both, b_ih, b_hh)
    cases.append(("graph-shape-ops-opset9", model(graph, 9),
                  "Transpose, Unsqueeze, Slice, Concat, Identity, Squeeze, Reshape, Flatten, Split, Cast in their opset 9 forms; "
                  "two LSTMs share W and one R tensor, which the first counts",
                  lstm + size(gw, gr, gb, wr, b_half),
                  [("lstm", "LSTM", 4, 1, 3, lstm, {"derivation": False}),
                   ("lstm2", "LSTM", 4, 1, 3, 0, {"shared": ["W", "R"], "derivation": False}),
                   ("gru", "GRU", 4, 1, 5, size(gw, gr, gb), {}),
                   ("rnn", "RNN", 3, 2, 2, size(wr, b_half), {})], True))

    # Shape operators, opset 13 forms (axes, starts, ends, steps, split as inputs), Gather, negative steps, Reshape's 0.
    w_all, r_f, r_b, b_dirs = floats(2, 8, 3), floats(8, 2), floats(8, 2), floats(2, 16)
    w4, r_t, b3 = floats(1, 1, 9, 4), floats(1, 3, 9), floats(1, 3, 6)
    nodes = [
        # Bidirectional LSTM, hidden 2, input 3: W = Gather(w_all, [1, 0]) swaps the directions; R = Concat of two
        # Unsqueezed matrices; B = Slice(b_dirs) reversed with step -1 from -1 to INT64_MIN.
        helper.make_node("Gather", ["w_all", "swap"], ["lstm_w"], name="w_gather", axis=0),
        helper.make_node("Unsqueeze", ["r_f", "axis0"], ["r_f3"], name="rf_unsqueeze"),
        helper.make_node("Unsqueeze", ["r_b", "axis0"], ["r_b3"], name="rb_unsqueeze"),
        helper.make_node("Concat", ["r_f3", "r_b3"], ["lstm_r"], name="r_concat", axis=0),
        helper.make_node("Slice", ["b_dirs", "start_last", "end_min", "axis0", "step_back"], ["lstm_b"], name="b_reverse"),
        rnn("LSTM", "lstm", ["X", "lstm_w", "lstm_r", "lstm_b"], 2, "bidirectional"),
        # GRU, hidden 3, input 4: W = Squeeze(w4, axes=[1]); R = Transpose(r_t, perm=[0, 2, 1]); B = Reshape(b3, [0, -1]).
        helper.make_node("Squeeze", ["w4", "axis1"], ["gru_w"], name="w_squeeze"),
        helper.make_node("Transpose", ["r_t"], ["gru_r"], name="r_transpose", perm=[0, 2, 1]),
        helper.make_node("Reshape", ["b3", "keep_first"], ["gru_b"], name="b_reshape"),
        rnn("GRU", "gru", ["X4", "gru_w", "gru_r", "gru_b"], 3),
    ]
    graph = helper.make_graph(
        nodes, "shape_ops_13", [x_input("X", 6, 3), x_input("X4", 6, 4)],
        [y_output(n) for n in ("lstm_y", "gru_y")],
        [init("w_all", w_all), ints("swap", [1, 0]), init("r_f", r_f), init("r_b", r_b), ints("axis0", [0]), init("b_dirs", b_dirs),
         ints("start_last", [-1]), ints("end_min", [np.iinfo(np.int64).min]), ints("step_back", [-1]),
         init("w4", w4), ints("axis1", [1]), init("r_t", r_t), init("b3", b3), ints("keep_first", [0, -1])])
    cases.append(("graph-shape-ops-opset13", model(graph, 13),
                  "Gather, Unsqueeze and Squeeze with axes inputs, Concat, Slice with a negative step and INT64_MIN end, Transpose, Reshape with 0 and -1",
                  size(w_all, r_f, r_b, b_dirs, w4, r_t, b3),
                  [("lstm", "LSTM", 2, 2, 3, size(w_all, r_f, r_b, b_dirs), {}),
                   ("gru", "GRU", 3, 1, 4, size(w4, r_t, b3), {})], True))

    # Peepholes: a bidirectional LSTM with P (2, 3·hidden).
    w, r, b, p = floats(2, 20, 3), floats(2, 20, 5), floats(2, 40), floats(2, 15)
    graph = helper.make_graph(
        [rnn("LSTM", "lstm", ["X", "W", "R", "B", "", "", "", "P"], 5, "bidirectional")], "peepholes",
        [x_input("X", 4, 3)], [y_output("lstm_y")],
        [init("W", w), init("R", r), init("B", b), init("P", p)])
    cases.append(("graph-peepholes-lstm-bidir", model(graph, 14), "bidirectional LSTM with peephole weights P",
                  size(w, r, b, p), [("lstm", "LSTM", 5, 2, 3, size(w, r, b, p), {"peepholes": True, "derivation": False})], True))

    # Integer constants: an INT64 Reshape shape, INT64 Slice bounds and an INT32 Gather index are not parameters.
    w, r, b = floats(1, 8, 2), floats(1, 8, 2), floats(1, 16)
    fc_w, fc_b = floats(4, 2), floats(4)
    nodes = [
        rnn("LSTM", "lstm", ["X", "W", "R", "B"], 2, output="lstm_y"),
        helper.make_node("Reshape", ["lstm_y", "flat"], ["seq"], name="to_seq"),
        helper.make_node("Slice", ["seq", "first", "second", "axis1"], ["step"], name="first_step"),
        helper.make_node("Gather", ["step", "index"], ["last"], name="pick", axis=0),
        helper.make_node("Gemm", ["last", "fc_w", "fc_b"], ["out"], name="fc", transB=1),
    ]
    graph = helper.make_graph(
        nodes, "int_constants", [helper.make_tensor_value_info("X", TensorProto.FLOAT, [3, 1, 2])],
        [y_output("out", 2)],
        [init("W", w), init("R", r), init("B", b), ints("flat", [3, 2]), ints("first", [0]), ints("second", [2]), ints("axis1", [1]),
         numpy_helper.from_array(np.asarray([2], dtype=np.int32), "index"), init("fc_w", fc_w), init("fc_b", fc_b)])
    cases.append(("graph-int-constants", model(graph, 13), "LSTM -> Reshape (INT64 shape) -> Slice (INT64 bounds) -> Gather (INT32 index) -> Gemm",
                  size(w, r, b, fc_w, fc_b), [("lstm", "LSTM", 2, 1, 2, size(w, r, b), {})], True))

    # Quantized weights: an INT8 W through DequantizeLinear (FLOAT scale, INT8 zero point).
    w_q = RNG.randint(-128, 128, size=(1, 12, 3)).astype(np.int8)
    scale, zero = np.asarray(0.02, dtype=np.float32), np.asarray(0, dtype=np.int8)
    r, b = floats(1, 12, 3), floats(1, 24)
    nodes = [
        helper.make_node("DequantizeLinear", ["w_q", "w_scale", "w_zero"], ["w"], name="w_dequantize"),
        rnn("LSTM", "lstm", ["X", "w", "R", "B"], 3),
    ]
    graph = helper.make_graph(nodes, "quantized", [x_input("X", 4, 3)], [y_output("lstm_y")],
                              [init("w_q", w_q), init("w_scale", scale), init("w_zero", zero), init("R", r), init("B", b)])
    cases.append(("graph-quantized-lstm", model(graph, 13),
                  "LSTM whose W is INT8 through DequantizeLinear: the INT8 tensor, its scale and zero point count on the LSTM row",
                  size(w_q, scale, zero, r, b), [("lstm", "LSTM", 3, 1, 3, size(w_q, scale, zero, r, b), {"derivation": False})], True))

    # Unresolvable weights: W is computed by Mul, B is a graph input without a static shape.
    w, s, r = floats(1, 16, 2), floats(1), floats(1, 16, 4)
    nodes = [
        helper.make_node("Mul", ["w_raw", "w_scale"], ["w"], name="scale_w"),
        rnn("LSTM", "lstm", ["X", "w", "R", "B"], 4),
    ]
    graph = helper.make_graph(
        nodes, "unresolvable",
        [x_input("X", 4, 2), helper.make_tensor_value_info("B", TensorProto.FLOAT, ["directions", 32])],
        [y_output("lstm_y")],
        [init("w_raw", w), init("w_scale", s), init("R", r)])
    cases.append(("graph-unresolvable-lstm", model(graph, 13),
                  "LSTM whose W is computed by a Mul node and whose B is a graph input of dynamic shape: the row counts R only",
                  size(w, s, r), [("lstm", "LSTM", 4, 1, 2, size(r), {"unresolved": ["W", "B"], "derivation": False})], True))
    return cases


def write_graph(ident, m, note, total, rows):
    onnx.checker.check_model(m, full_check=True)
    data = m.SerializeToString()
    proto = onnx.load_from_string(data)
    shapes = inferred_shapes(proto)
    nodes = [n for n in proto.graph.node if n.op_type in GATES]
    recurrent = []
    assert len(nodes) == len(rows), ident
    for node, (name, op, hidden, dirs, input_size, count, extra) in zip(nodes, rows):
        assert node.name == name and node.op_type == op, (ident, node.name)
        # onnx 1.12 does not propagate a value_ints Constant into Reshape; such a shape comes from numpy's reshape.
        got = {**weight_shapes(node, shapes), **extra.get("shapes", {})}
        check_shapes(ident, node, got, hidden, dirs, input_size)
        recurrent.append({
            "node": name, "op": op, "hiddenSize": hidden, "directions": dirs, "inputSize": input_size,
            "bias": len(node.input) > 3 and node.input[3] != "", "params": count,
            "peepholes": extra.get("peepholes", False), "derivation": extra.get("derivation", True),
            "unresolved": extra.get("unresolved", []), "fed": extra.get("fed", []), "shared": extra.get("shared", []),
            "shapes": got,
        })
    return data, {
        "id": ident, "source": "onnx.helper", "framework": ONNX, "note": note,
        "opset": proto.opset_import[0].version, "params": int(total),
        "initializers": len(proto.graph.initializer),
        "constants": sum(1 for t in proto.graph.initializer if t.data_type not in FLOATS | NARROW),
        "recurrent": recurrent,
    }


def main():
    torch.manual_seed(SEED)
    os.makedirs(ROOT, exist_ok=True)
    rows = []
    for ident, module, x, kwargs, note in torch_cases():
        data, row = export_torch(ident, module, x, kwargs, note)
        with open(os.path.join(ROOT, ident + ".onnx"), "wb") as f:
            f.write(data)
        rows.append(row)
    for ident, m, note, total, recurrent, _ in graph_cases():
        data, row = write_graph(ident, m, note, total, recurrent)
        with open(os.path.join(ROOT, ident + ".onnx"), "wb") as f:
            f.write(data)
        rows.append(row)
    with open(os.path.join(ROOT, "manifest.json"), "w") as f:
        json.dump({"framework": [TORCH, ONNX], "models": rows}, f, indent=1)
        f.write("\n")
    print("wrote %d ONNX graphs" % len(rows))


if __name__ == "__main__":
    main()
