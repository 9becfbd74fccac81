"""Model-file fixtures from REAL PyTorch runs, for the ONNX and safetensors readers.

    /usr/bin/python3 tools/oracles/files/torch_files.py

Needs Debian's python3-torch (torch 1.13) and python3-onnx (only to read back, as a second opinion, the element
count of every initializer of the exported file). Writes into tests/RecurrentParams.Import.Tests/Fixtures/:

  onnx/<id>.onnx               torch.onnx.export of a module (opset 14, constant folding on, so weights are initializers)
  safetensors/<id>.safetensors the module's state_dict, written by the small writer below (8-byte little-endian header
                               size + JSON header {name: {dtype, shape, data_offsets}} + raw little-endian bytes)
  onnx/manifest.json, safetensors/manifest.json
                               what torch reports: sum(p.numel() for p in m.parameters()), the state-dict element count,
                               and for every recurrent module its constructor arguments (input_size, hidden_size,
                               num_layers, bias, bidirectional, proj_size) and its own parameter count; for ONNX also
                               the per-layer counts (one ONNX LSTM/GRU/RNN node per layer) and onnx's initializer total.

Weights are drawn from torch.manual_seed(20261127); the files are byte-identical from run to run (the ONNX exporter is
deterministic for a fixed module, and the safetensors writer sorts nothing and writes in state_dict order).
"""
import io
import json
import os
import struct

import numpy as np
import onnx
import torch
from torch import nn

SEED = 20261127
ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "RecurrentParams.Import.Tests", "Fixtures")
FRAMEWORK = "torch-" + torch.__version__

DTYPES = {
    torch.float32: "F32",
    torch.float16: "F16",
    torch.bfloat16: "BF16",
    torch.float64: "F64",
    torch.int64: "I64",
    torch.int32: "I32",
    torch.uint8: "U8",
    torch.int8: "I8",
    torch.bool: "BOOL",
}


def write_safetensors(path, tensors, metadata=None):
    """The safetensors layout, written by hand: header size (u64 LE), JSON header, then the tensors' bytes."""
    header = {}
    blobs = []
    offset = 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        if t.dtype == torch.bfloat16:
            data = t.view(torch.int16).numpy().astype("<i2").tobytes()
        else:
            data = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)  # the reference writer pads the header to 8 bytes with spaces
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def recurrent_modules(model):
    rows = []
    for name, m in model.named_modules():
        if isinstance(m, (nn.LSTM, nn.GRU, nn.RNN)):
            kind = "LSTM" if isinstance(m, nn.LSTM) else "GRU" if isinstance(m, nn.GRU) else "RNN"
            rows.append({
                "prefix": name, "type": kind, "inputSize": m.input_size, "hiddenSize": m.hidden_size,
                "numLayers": m.num_layers, "bias": m.bias, "bidirectional": m.bidirectional,
                "projSize": getattr(m, "proj_size", 0), "params": sum(p.numel() for p in m.parameters()),
                "layerParams": [
                    sum(p.numel() for n, p in m.named_parameters() if n.endswith("_l%d" % k) or n.endswith("_l%d_reverse" % k))
                    for k in range(m.num_layers)
                ],
            })
        elif isinstance(m, (nn.LSTMCell, nn.GRUCell, nn.RNNCell)):
            kind = "LSTMCell" if isinstance(m, nn.LSTMCell) else "GRUCell" if isinstance(m, nn.GRUCell) else "RNNCell"
            rows.append({
                "prefix": name, "type": kind, "inputSize": m.input_size, "hiddenSize": m.hidden_size,
                "numLayers": 1, "bias": m.bias, "bidirectional": False, "projSize": 0,
                "params": sum(p.numel() for p in m.parameters()), "layerParams": [sum(p.numel() for p in m.parameters())],
            })
    return rows


def counts(model):
    return {
        "params": sum(p.numel() for p in model.parameters()),
        "stateDictElements": sum(t.numel() for t in model.state_dict().values()),
        "stateDictTensors": len(model.state_dict()),
        "recurrent": recurrent_modules(model),
    }


class Seq(nn.Module):
    """Runs its children one after another, passing only the first output of a recurrent module on."""

    def __init__(self, *layers, last_step=False):
        super().__init__()
        self.layers = nn.ModuleList(layers)
        self.last_step = last_step

    def forward(self, x):
        for layer in self.layers:
            if isinstance(layer, nn.Linear) and self.last_step and x.dim() == 3:
                x = x[:, -1]
            x = layer(x)
            if isinstance(x, tuple):
                x = x[0]
        return x


class Wrap(nn.Module):
    """A bare recurrent module as a model: forward returns the output sequence only."""

    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def forward(self, x):
        return self.rnn(x)[0]


class Seq2Seq(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(40, 12)
        self.encoder = nn.Module()
        self.encoder.lstm = nn.LSTM(12, 16, num_layers=2, batch_first=True)
        self.decoder = nn.Module()
        self.decoder.gru = nn.GRU(12, 16, batch_first=True)
        self.fc = nn.Linear(16, 40)


class Cells(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm_cell = nn.LSTMCell(6, 5)
        self.gru_cell = nn.GRUCell(5, 4, bias=False)
        self.rnn_cell = nn.RNNCell(4, 3)


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(25, 6)
        self.rnn = nn.LSTM(6, 10, bidirectional=True, batch_first=True)
        self.norm = nn.BatchNorm1d(20)
        self.head = nn.Linear(20, 7)


def onnx_cases():
    return [
        ("lstm-5-4", Wrap(nn.LSTM(5, 4)), (7, 2, 5), torch.float32, "nn.LSTM(5, 4)"),
        ("gru-6-8-2layers", Wrap(nn.GRU(6, 8, num_layers=2)), (5, 3, 6), torch.float32, "nn.GRU(6, 8, num_layers=2)"),
        ("rnn-relu-3-7-bidir", Wrap(nn.RNN(3, 7, nonlinearity="relu", bidirectional=True)), (4, 1, 3), torch.float32,
         "nn.RNN(3, 7, nonlinearity='relu', bidirectional=True)"),
        ("lstm-bidir-2layers-bf", Wrap(nn.LSTM(4, 6, num_layers=2, bidirectional=True, batch_first=True)), (2, 9, 4), torch.float32,
         "nn.LSTM(4, 6, num_layers=2, bidirectional=True, batch_first=True)"),
        ("gru-nobias", Wrap(nn.GRU(4, 5, bias=False)), (3, 2, 4), torch.float32, "nn.GRU(4, 5, bias=False)"),
        ("rnn-tanh-3layers", Wrap(nn.RNN(2, 3, num_layers=3)), (6, 2, 2), torch.float32, "nn.RNN(2, 3, num_layers=3)"),
        ("emb-lstm-linear", Seq(nn.Embedding(50, 8), nn.LSTM(8, 16, batch_first=True), nn.Linear(16, 3), last_step=True),
         (2, 7), torch.long, "Embedding(50, 8) -> LSTM(8, 16, batch_first) -> Linear(16, 3) on the last step"),
        ("gru-linear-bf", Seq(nn.GRU(10, 12, batch_first=True), nn.Linear(12, 2)), (3, 5, 10), torch.float32,
         "GRU(10, 12, batch_first) -> Linear(12, 2) on every step"),
        ("mlp", Seq(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 4)), (3, 8), torch.float32, "Linear(8, 16) -> ReLU -> Linear(16, 4)"),
    ]


def safetensors_cases():
    plain = {
        "lstm-5-4": (nn.LSTM(5, 4), None, "nn.LSTM(5, 4)"),
        "lstm-proj-bidir-2layers": (nn.LSTM(10, 8, num_layers=2, proj_size=3, bidirectional=True), None,
                                    "nn.LSTM(10, 8, num_layers=2, proj_size=3, bidirectional=True)"),
        "gru-bidir-2layers-nobias": (nn.GRU(7, 5, num_layers=2, bidirectional=True, bias=False), None,
                                     "nn.GRU(7, 5, num_layers=2, bidirectional=True, bias=False)"),
        "rnn-relu-3layers": (nn.RNN(3, 4, num_layers=3, nonlinearity="relu"), None, "nn.RNN(3, 4, num_layers=3, nonlinearity='relu')"),
        "seq2seq": (Seq2Seq(), {"format": "pt", "note": "encoder.lstm, decoder.gru, embedding, fc"},
                    "Embedding, encoder.lstm (2 layers), decoder.gru, fc"),
        "cells": (Cells(), None, "nn.LSTMCell(6, 5), nn.GRUCell(5, 4, bias=False), nn.RNNCell(4, 3)"),
        "tagger-bn": (Tagger(), {"format": "pt"}, "Embedding, bidirectional LSTM, BatchNorm1d (buffers in the state dict), Linear"),
        "lstm-fp16": (nn.LSTM(6, 4, num_layers=2).half(), None, "nn.LSTM(6, 4, num_layers=2).half(): F16 tensors"),
        "gru-bf16": (nn.GRU(3, 2).to(torch.bfloat16), None, "nn.GRU(3, 2) in bfloat16: BF16 tensors"),
        "lstm-gate-multiple-3": (nn.LSTM(2, 3), None, "nn.LSTM(2, 3): weight_hh is (12, 3); a GRU of hidden 4 would have (12, 4)"),
        "gru-named-lstm": (None, None, "an nn.GRU(4, 6) registered under the name 'lstm': the shapes, not the name, decide"),
    }
    return plain


def main():
    torch.manual_seed(SEED)
    os.makedirs(os.path.join(ROOT, "onnx"), exist_ok=True)
    os.makedirs(os.path.join(ROOT, "safetensors"), exist_ok=True)

    # ------------------------------------------------------------------ ONNX
    onnx_rows = []
    for ident, model, shape, dtype, note in onnx_cases():
        model.eval()
        x = torch.zeros(shape, dtype=dtype)
        buffer = io.BytesIO()
        torch.onnx.export(model, (x,), buffer, opset_version=14, input_names=["input"], output_names=["output"],
                          do_constant_folding=True)
        data = buffer.getvalue()
        proto = onnx.load_from_string(data)
        row = {"id": ident, "framework": FRAMEWORK, "note": note, **counts(model),
               "onnxInitializerElements": int(sum(int(np.prod(t.dims)) for t in proto.graph.initializer)),
               "onnxInitializers": len(proto.graph.initializer),
               "onnxRecurrentNodes": [n.op_type for n in proto.graph.node if n.op_type in ("LSTM", "GRU", "RNN")],
               "bytes": len(data)}
        with open(os.path.join(ROOT, "onnx", ident + ".onnx"), "wb") as f:
            f.write(data)
        onnx_rows.append(row)

    # ------------------------------------------------------------------ safetensors
    st_rows = []
    for ident, (model, metadata, note) in safetensors_cases().items():
        if ident == "gru-named-lstm":
            holder = nn.Module()
            holder.lstm = nn.GRU(4, 6)
            model = holder
        state = model.state_dict()
        write_safetensors(os.path.join(ROOT, "safetensors", ident + ".safetensors"), state, metadata)
        st_rows.append({"id": ident, "framework": FRAMEWORK, "note": note, **counts(model),
                        "dtypes": sorted({DTYPES[t.dtype] for t in state.values()}), "metadata": metadata})

    # Partial state dicts: weight_hh removed from a real nn.LSTM's state dict, so the gate multiple cannot be read
    # from the shapes. Under the prefix 'lstm' the name resolves it; under 'rnn' it stays ambiguous.
    for ident, prefix in (("partial-named-lstm", "lstm"), ("partial-named-rnn", "rnn")):
        holder = nn.Module()
        setattr(holder, prefix, nn.LSTM(3, 5))
        state = {k: v for k, v in holder.state_dict().items() if "weight_hh" not in k}
        write_safetensors(os.path.join(ROOT, "safetensors", ident + ".safetensors"), state)
        st_rows.append({"id": ident, "framework": FRAMEWORK,
                        "note": "nn.LSTM(3, 5) under '%s' with weight_hh_l0 removed by this script" % prefix,
                        "params": sum(v.numel() for v in state.values()),
                        "stateDictElements": sum(v.numel() for v in state.values()),
                        "stateDictTensors": len(state),
                        "recurrent": recurrent_modules(holder), "dtypes": ["F32"], "metadata": None,
                        "ambiguous": prefix == "rnn"})

    with open(os.path.join(ROOT, "onnx", "manifest.json"), "w") as f:
        json.dump({"framework": FRAMEWORK, "models": onnx_rows}, f, indent=1)
        f.write("\n")
    with open(os.path.join(ROOT, "safetensors", "manifest.json"), "w") as f:
        json.dump({"framework": FRAMEWORK, "models": st_rows}, f, indent=1)
        f.write("\n")
    print("wrote %d ONNX and %d safetensors rows" % (len(onnx_rows), len(st_rows)))


if __name__ == "__main__":
    main()
