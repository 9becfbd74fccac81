#!/usr/bin/python3
"""Oracle generator: torchinfo 1.8.0 summaries and PyTorch reprs of nested nn.Module trees on Debian's PyTorch 1.13.

    /usr/bin/python3 tools/oracles/torchinfo-trees/generate.py --torchinfo-src DIR [--check]

DIR is the source of TylerYep/torchinfo at tag v1.8.0, extracted to a folder outside the repository (or the
environment variable TORCHINFO_SRC). Nothing of it is part of this repository.

The models are data (MODELS below): a small tree language that this script turns into real nn.Modules and that the
tests turn into RecurrentParams.Torch modules (tests/RecurrentParams.Tests/Torch/TreeSpec.cs). Every string and number
written comes from PyTorch or torchinfo: str(summary(...)) in the settings of SETTINGS, str(model), named_parameters(),
named_buffers(), named_modules() and the state dict. The script never computes a count. Output (relative to the
repository root):

    tests/RecurrentParams.Tests/Vectors/torchinfo-trees.jsonl                 one row per model
    tests/RecurrentParams.Import.Tests/Fixtures/torch-trees/<id>.safetensors  each model's state dict
    tests/RecurrentParams.Import.Tests/Fixtures/torch-trees/manifest.json     what PyTorch says of each state dict

Every file is byte-identical on every run. --check writes them into a temporary folder, compares them with the
committed files and exits with 1 on any difference (0 when they all match).
"""
import argparse
import contextlib
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import warnings

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

TORCHINFO_VERSION = "1.8.0"
TORCH_RELEASE = "1.13.1"
SEED = 20261127
ALL_COLUMNS = ["input_size", "output_size", "num_params", "params_percent", "kernel_size", "mult_adds", "trainable"]

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
VECTORS = os.path.join("tests", "RecurrentParams.Tests", "Vectors", "torchinfo-trees.jsonl")
FIXTURES = os.path.join("tests", "RecurrentParams.Import.Tests", "Fixtures", "torch-trees")

# The summaries each model gets: name -> torchinfo keyword arguments. "input": false summarizes without an input
# (torchinfo then walks the modules without a forward pass). Models without an input get only those.
SETTINGS = [
    ("default", {}),
    ("depth1", {"depth": 1, "col_names": ALL_COLUMNS}),
    ("depth2", {"depth": 2, "col_names": ALL_COLUMNS}),
    ("depth3", {"depth": 3, "col_names": ALL_COLUMNS}),
    ("depth4", {"depth": 4, "col_names": ALL_COLUMNS}),
    ("depth5", {"depth": 5, "col_names": ALL_COLUMNS}),
    ("verbose2", {"verbose": 2, "col_names": ALL_COLUMNS}),
    ("verbose2-depth1", {"verbose": 2, "depth": 1}),
    ("var-names", {"row_settings": ["var_names"]}),
    ("var-names-depth", {"row_settings": ["depth", "var_names"], "depth": 5,
                         "col_names": ["input_size", "output_size", "num_params", "trainable"]}),
    ("ascii", {"row_settings": ["ascii_only", "depth"], "verbose": 2}),
    ("hide-recursive", {"row_settings": ["depth", "hide_recursive_layers"], "col_names": ["num_params", "mult_adds"]}),
    ("no-input", {"input": False}),
    ("no-input-names", {"input": False, "row_settings": ["depth", "var_names"], "depth": 2, "verbose": 2,
                        "col_names": ["num_params", "params_percent", "trainable"]}),
]

DTYPES = {"float32": torch.float32, "float64": torch.float64, "float16": torch.float16, "bfloat16": torch.bfloat16,
          "int64": torch.int64, "int32": torch.int32}
SAFETENSORS_DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16",
                      torch.int64: "I64", torch.int32: "I32"}


# --------------------------------------------------------------------------------------------------------------------
# The tree language.
#   module   {"type": <torch.nn class>, "args": {...}}                      a torch.nn module with its constructor kwargs
#            {"type": "Sequential" | "ModuleList", "children": [module...]}  children named 0, 1, ...
#            {"type": "Sequential" | "ModuleDict", "named": [[name, module]...]}
#            {"type": "Custom", "class": C, "named": [[name, module]...], "params": [[name, shape]...],
#             "buffers": [[name, shape, dtype]...], "forward": [step...]}    a user module class C (no forward: not callable)
#            {"ref": "a.b"}                                                  the module already built at that path (shared)
#   step     {"call": path, "in": [var...], "out": var}                      run a submodule (path from this module)
#            {"op": name, "in": var | [var...], "out": var, ...}             a tensor operation, see Custom.run
#            {"return": var | [var...]}
#            "in" defaults to "x" and "out" to "x"; "x" holds the first forward argument.
#   ops      {"op": "to", "path": p, "dtype": d}                             model.get_submodule(p).to(dtype)
#            {"op": "requires_grad", "path": p, "value": false}              a parameter's or a module's requires_grad_
# --------------------------------------------------------------------------------------------------------------------
def leaf(kind, **args):
    return {"type": kind, "args": args}


def seq(*children):
    return {"type": "Sequential", "children": list(children)}


def custom(cls, named=(), forward=None, params=(), buffers=()):
    spec = {"type": "Custom", "class": cls, "named": [list(p) for p in named]}
    if params:
        spec["params"] = [list(p) for p in params]
    if buffers:
        spec["buffers"] = [list(b) for b in buffers]
    if forward is not None:
        spec["forward"] = forward
    return spec


def call(path, out="x", *inputs):
    return {"call": path, "in": list(inputs) if inputs else ["x"], "out": out}


def op(name, **kw):
    return {"op": name, **kw}


def ret(var="x"):
    return {"return": var}


def model(id_, tree, size=None, dtype="float32", ops=(), note=None):
    entry = {"id": id_, "model": tree}
    if ops:
        entry["ops"] = list(ops)
    if size is not None:
        entry["input"] = {"size": size, "dtype": dtype}
    if note:
        entry["note"] = note
    return entry


SELECT0 = custom("SelectItem", forward=[op("item", index=0), ret()])
FIRST = [op("item", index=0)]
LAST_STEP = [op("select", dim=1, index=-1)]

MODELS = [
    model("nested-sequential",
          seq(seq(leaf("Embedding", num_embeddings=40, embedding_dim=8),
                  leaf("LSTM", input_size=8, hidden_size=12, batch_first=True, num_layers=2),
                  SELECT0),
              seq(leaf("Dropout", p=0.1), leaf("Linear", in_features=12, out_features=4))),
          [2, 10], "int64", note="Sequential of Sequentials; SelectItem keeps the LSTM's output"),
    model("sequential-3-deep",
          seq(seq(seq(leaf("Linear", in_features=6, out_features=8), leaf("ReLU")),
                  leaf("Linear", in_features=8, out_features=8)),
              leaf("Tanh"), leaf("Linear", in_features=8, out_features=2)),
          [3, 6]),
    model("sequential-5-deep",
          seq(seq(seq(seq(seq(leaf("Linear", in_features=4, out_features=5)), leaf("ReLU")),
                      leaf("Linear", in_features=5, out_features=6)), leaf("Tanh")),
              leaf("Linear", in_features=6, out_features=3)),
          [2, 4]),
    model("bare-lstm", leaf("LSTM", input_size=5, hidden_size=4, num_layers=2, batch_first=True), [1, 7, 5],
          note="a bare module is the depth-0 row itself"),
    model("bare-gru-bidirectional", leaf("GRU", input_size=6, hidden_size=5, bidirectional=True), [9, 2, 6]),
    model("bare-sequential",
          seq(leaf("Conv1d", in_channels=3, out_channels=6, kernel_size=3), leaf("ReLU"),
              leaf("Conv1d", in_channels=6, out_channels=4, kernel_size=2, stride=2)),
          [2, 3, 17]),
    model("modulelist-loop",
          custom("StackedLSTM",
                 [("layers", {"type": "ModuleList", "children": [
                     leaf("LSTM", input_size=6, hidden_size=8, batch_first=True),
                     leaf("LSTM", input_size=8, hidden_size=8, batch_first=True),
                     leaf("LSTM", input_size=8, hidden_size=8, batch_first=True)]}),
                  ("head", leaf("Linear", in_features=8, out_features=3))],
                 [op("each", module="layers", item=0), *LAST_STEP, call("head"), ret()]),
          [4, 5, 6], note="for layer in self.layers: x = layer(x)[0]"),
    model("modulelist-interleaved",
          custom("NormedStack",
                 [("lstms", {"type": "ModuleList", "children": [
                     leaf("LSTM", input_size=4, hidden_size=4, batch_first=True),
                     leaf("LSTM", input_size=4, hidden_size=4, batch_first=True)]}),
                  ("norms", {"type": "ModuleList", "children": [leaf("LayerNorm", normalized_shape=[4]),
                                                                 leaf("LayerNorm", normalized_shape=[4])]}),
                  ("head", seq(leaf("Linear", in_features=4, out_features=4), leaf("ReLU")))],
                 [call("lstms.0"), *FIRST, call("norms.0"), call("lstms.1"), *FIRST, call("norms.1"),
                  call("head"), call("head.0"), ret()]),
          [2, 3, 4], note="two ModuleLists walked in turn: torchinfo repeats their rows as (recursive)"),
    model("wide-modulelist",
          custom("MLP",
                 [("blocks", {"type": "ModuleList",
                              "children": [leaf("Linear", in_features=6, out_features=6) for _ in range(12)]}),
                  ("out", leaf("Linear", in_features=6, out_features=1, bias=False))],
                 [op("each", module="blocks"), call("out"), ret()]),
          [2, 6], note="twelve children: depth indices up to 2-12"),
    model("gru-called-twice",
          custom("SharedGRU", [("gru", leaf("GRU", input_size=8, hidden_size=8, batch_first=True)),
                               ("fc", leaf("Linear", in_features=8, out_features=3))],
                 [call("gru"), *FIRST, call("gru"), *FIRST, call("fc"), ret()]),
          [3, 6, 8], note="one GRU called twice: parameters once, mult-adds twice"),
    model("module-registered-twice",
          custom("TiedCoder", [("encoder", leaf("LSTM", input_size=5, hidden_size=5, batch_first=True)),
                               ("decoder", {"ref": "encoder"}),
                               ("fc", leaf("Linear", in_features=5, out_features=2))],
                 [call("encoder"), *FIRST, call("decoder"), *FIRST, *LAST_STEP, call("fc"), ret()]),
          [2, 4, 5], note="self.decoder = self.encoder: one LSTM under two names"),
    model("linear-shared-by-two-sequentials",
          custom("TwoPaths",
                 [("left", seq(leaf("Linear", in_features=4, out_features=4), leaf("Tanh"))),
                  ("right", seq({"ref": "left.0"}, leaf("ReLU")))],
                 [call("left", "a"), call("right", "b"), op("add", **{"in": ["a", "b"]}), ret()]),
          [2, 4], note="one Linear inside two Sequentials"),
    model("sequential-called-twice",
          custom("Twice", [("block", seq(leaf("Linear", in_features=5, out_features=5), leaf("Tanh"))),
                           ("fc", leaf("Linear", in_features=5, out_features=2))],
                 [call("block"), call("block"), call("fc"), ret()]),
          [3, 5], note="a container called twice: its second row and its children's are (recursive)"),
    model("child-called-after-container",
          custom("Revisit", [("body", seq(leaf("Linear", in_features=4, out_features=4), leaf("ReLU"),
                                          leaf("Linear", in_features=4, out_features=4))),
                             ("norm", leaf("LayerNorm", normalized_shape=[4]))],
                 [call("body"), call("norm"), call("body.2"), ret()]),
          [2, 4], note="self.body[2] called again after another module: torchinfo re-inserts the container"),
    model("user-hierarchy-4-deep",
          custom("Tagger",
                 [("embed", leaf("Embedding", num_embeddings=30, embedding_dim=8)),
                  ("encoder", custom("Encoder",
                                     [("block", custom("Block",
                                                       [("cell", custom("RecurrentLayer",
                                                                        [("lstm", leaf("LSTM", input_size=8, hidden_size=8, batch_first=True)),
                                                                         ("norm", leaf("LayerNorm", normalized_shape=[8]))],
                                                                        [call("lstm"), *FIRST, call("norm"), ret()])),
                                                        ("drop", leaf("Dropout", p=0.2))],
                                                       [call("cell"), call("drop"), ret()])),
                                      ("proj", leaf("Linear", in_features=8, out_features=6))],
                                     [call("block"), call("proj"), ret()])),
                  ("classifier", leaf("Linear", in_features=6, out_features=5))],
                 [call("embed"), call("encoder"), call("classifier"), ret()]),
          [2, 7], "int64", note="Tagger > Encoder > Block > RecurrentLayer > LSTM: depth 3 folds the LSTM"),
    model("user-hierarchy-moduledict",
          custom("Router",
                 [("stem", custom("Stem", [("conv", leaf("Conv1d", in_channels=4, out_channels=8, kernel_size=3, padding=1)),
                                           ("act", leaf("ReLU"))],
                                  [call("conv"), call("act"), op("transpose", dim0=1, dim1=2), ret()])),
                  ("heads", {"type": "ModuleDict", "named": [
                      ["intent", custom("Head", [("rnn", leaf("GRU", input_size=8, hidden_size=6, batch_first=True)),
                                                 ("out", leaf("Linear", in_features=6, out_features=3))],
                                        [call("rnn"), *FIRST, *LAST_STEP, call("out"), ret()])],
                      ["slots", custom("Head", [("rnn", leaf("LSTM", input_size=8, hidden_size=6, batch_first=True,
                                                                   bidirectional=True)),
                                                ("out", leaf("Linear", in_features=12, out_features=3))],
                                       [call("rnn"), *FIRST, *LAST_STEP, call("out"), ret()])]]})],
                 [call("stem"), call("heads.intent", "a"), call("heads.slots", "b"),
                  op("cat", **{"in": ["a", "b"]}, dim=1), ret()]),
          [2, 4, 10], note="a ModuleDict of two heads; their outputs concatenated"),
    model("double-model",
          custom("DoubleNet", [("lstm", leaf("LSTM", input_size=32, hidden_size=32, batch_first=True)),
                               ("fc", leaf("Linear", in_features=32, out_features=4))],
                 [call("lstm"), *FIRST, *LAST_STEP, call("fc"), ret()]),
          [8, 20, 32], "float64", ops=[{"op": "to", "path": "", "dtype": "float64"}], note="model.double()"),
    model("double-subtree",
          custom("MixedPrecision",
                 [("encoder", seq(leaf("Linear", in_features=64, out_features=96), leaf("Tanh"))),
                  ("decoder", leaf("Linear", in_features=96, out_features=8))],
                 [op("to", dtype="float64"), call("encoder"), op("to", dtype="float32"), call("decoder"), ret()]),
          [32, 64], ops=[{"op": "to", "path": "encoder", "dtype": "float64"}], note="encoder.double()"),
    model("bfloat16-subtree",
          custom("BFloatEncoder",
                 [("embedding", leaf("Embedding", num_embeddings=500, embedding_dim=16)),
                  ("encoder", custom("Encoder", [("gru", leaf("GRU", input_size=16, hidden_size=32, batch_first=True)),
                                                 ("norm", leaf("LayerNorm", normalized_shape=[32]))],
                                     [call("gru"), *FIRST, call("norm"), ret()])),
                  ("fc", leaf("Linear", in_features=32, out_features=4))],
                 [call("embedding"), op("to", dtype="bfloat16"), call("encoder"), op("to", dtype="float32"),
                  call("fc"), ret()]),
          [4, 30], "int64", ops=[{"op": "to", "path": "encoder", "dtype": "bfloat16"}],
          note="encoder.to(torch.bfloat16)"),
    model("bfloat16-model",
          seq(leaf("Linear", in_features=64, out_features=64), leaf("ReLU"), leaf("Linear", in_features=64, out_features=16)),
          [16, 64], "bfloat16", ops=[{"op": "to", "path": "", "dtype": "bfloat16"}]),
    model("half-embedding",
          custom("HalfEmbedding",
                 [("embedding", leaf("Embedding", num_embeddings=4000, embedding_dim=8)),
                  ("lstm", leaf("LSTM", input_size=8, hidden_size=8, batch_first=True)),
                  ("fc", leaf("Linear", in_features=8, out_features=2))],
                 [call("embedding"), op("to", dtype="float32"), call("lstm"), *FIRST, *LAST_STEP, call("fc"), ret()]),
          [4, 10], "int64", ops=[{"op": "to", "path": "embedding", "dtype": "float16"}],
          note="embedding.half() (CPU runs half only for the look-up)"),
    model("half-unused-head",
          custom("TwoHeads", [("body", leaf("Linear", in_features=64, out_features=64)),
                              ("head", leaf("Linear", in_features=64, out_features=2)),
                              ("aux", leaf("Linear", in_features=64, out_features=128))],
                 [call("body"), call("head"), ret()]),
          [16, 64], ops=[{"op": "to", "path": "aux", "dtype": "float16"}],
          note="an fp16 head never called: counted in the model's own row, never summarized"),
    model("frozen-one-tensor",
          custom("PartlyFrozen", [("lstm", leaf("LSTM", input_size=5, hidden_size=6, batch_first=True)),
                                  ("fc", leaf("Linear", in_features=6, out_features=2))],
                 [call("lstm"), *FIRST, *LAST_STEP, call("fc"), ret()]),
          [2, 4, 5], ops=[{"op": "requires_grad", "path": "lstm.weight_ih_l0", "value": False}],
          note="one tensor frozen: the LSTM is Partial"),
    model("frozen-module",
          custom("FrozenEncoder",
                 [("encoder", seq(leaf("Embedding", num_embeddings=20, embedding_dim=6), leaf("LSTM", input_size=6, hidden_size=6, batch_first=True))),
                  ("fc", leaf("Linear", in_features=6, out_features=3))],
                 [call("encoder"), *FIRST, *LAST_STEP, call("fc"), ret()]),
          [2, 5], "int64", ops=[{"op": "requires_grad", "path": "encoder", "value": False}]),
    model("frozen-mixed-subtree",
          custom("MixedFreeze",
                 [("body", seq(leaf("Linear", in_features=4, out_features=8), leaf("ReLU"),
                               seq(leaf("Linear", in_features=8, out_features=8), leaf("LayerNorm", normalized_shape=[8])))),
                  ("fc", leaf("Linear", in_features=8, out_features=2))],
                 [call("body"), call("fc"), ret()]),
          [3, 4], ops=[{"op": "requires_grad", "path": "body.2", "value": False},
                       {"op": "requires_grad", "path": "body.0.bias", "value": False}]),
    model("packed-lstm",
          custom("PackedLSTM",
                 [("embedding", leaf("Embedding", num_embeddings=50, embedding_dim=8)),
                  ("lstm", leaf("LSTM", input_size=8, hidden_size=10, batch_first=True)),
                  ("fc", leaf("Linear", in_features=10, out_features=3))],
                 [call("embedding"), op("pack", lengths=[6, 4, 4, 1], batch_first=True, enforce_sorted=False),
                  call("lstm"), op("item", index=1), op("item", index=0), op("select", dim=0, index=-1),
                  call("fc"), ret()]),
          [4, 6], "int64", note="pack_padded_sequence -> LSTM -> h_n[-1]"),
    model("packed-bigru-unpacked",
          custom("PackedTagger",
                 [("gru", leaf("GRU", input_size=5, hidden_size=4, num_layers=2, bidirectional=True)),
                  ("fc", leaf("Linear", in_features=8, out_features=3))],
                 [op("pack", lengths=[7, 5, 2], batch_first=False, enforce_sorted=True), call("gru"),
                  op("item", index=0), op("unpack", batch_first=False), op("item", index=0), call("fc"), ret()]),
          [7, 3, 5], note="packed sequence through a 2-layer bidirectional GRU, then pad_packed_sequence"),
    model("packed-rnn-cat-hidden",
          custom("PackedClassifier",
                 [("rnn", leaf("RNN", input_size=4, hidden_size=5, bidirectional=True, batch_first=True)),
                  ("fc", leaf("Linear", in_features=10, out_features=2))],
                 [op("pack", lengths=[3, 5], batch_first=True, enforce_sorted=False), call("rnn"),
                  op("item", index=1, out="h"), op("select", **{"in": "h"}, dim=0, index=-2, out="f"),
                  op("select", **{"in": "h"}, dim=0, index=-1, out="b"), op("cat", **{"in": ["f", "b"]}, dim=1),
                  call("fc"), ret()]),
          [2, 5, 4], note="torch.cat((h_n[-2], h_n[-1]), dim=1)"),
    model("view-in-forward",
          custom("LanguageModel",
                 [("embedding", leaf("Embedding", num_embeddings=20, embedding_dim=6)),
                  ("lstm", leaf("LSTM", input_size=6, hidden_size=8, num_layers=2, batch_first=True)),
                  ("decoder", leaf("Linear", in_features=8, out_features=20))],
                 [call("embedding"), call("lstm"), op("item", index=0, out="out"), op("item", index=1, out="hidden"),
                  call("decoder", "out", "out"), op("view", **{"in": "out"}, shape=[-1, 20], out="out"),
                  {"return": ["out", "hidden"]}]),
          [2, 9], "int64", note="returns (out.view(-1, vocab), hidden), as torchinfo's LSTMNet"),
    model("reshape-permute-flatten",
          custom("ConvClassifier",
                 [("conv", leaf("Conv1d", in_channels=5, out_channels=4, kernel_size=3)),
                  ("fc", leaf("Linear", in_features=24, out_features=3))],
                 [op("permute", dims=[0, 2, 1]), call("conv"), op("reshape", shape=[2, 4, 6]),
                  op("flatten", start_dim=1), call("fc"), ret()]),
          [2, 8, 5]),
    model("bilstm-proj-3-layer",
          custom("ProjectedEncoder",
                 [("lstm", leaf("LSTM", input_size=10, hidden_size=12, num_layers=3, proj_size=4,
                                bidirectional=True, dropout=0.25)),
                  ("norm", leaf("LayerNorm", normalized_shape=[8])),
                  ("fc", leaf("Linear", in_features=8, out_features=5))],
                 [call("lstm"), *FIRST, call("norm"), call("fc"), ret()]),
          [6, 2, 10]),
    model("conv1d-frontend",
          custom("SpeechEncoder",
                 [("frontend", seq(leaf("Conv1d", in_channels=4, out_channels=8, kernel_size=5, padding=2),
                                   leaf("BatchNorm1d", num_features=8), leaf("ReLU"),
                                   leaf("Conv1d", in_channels=8, out_channels=8, kernel_size=3, stride=2))),
                  ("rnn", leaf("GRU", input_size=8, hidden_size=10, batch_first=True)),
                  ("fc", leaf("Linear", in_features=10, out_features=6))],
                 [call("frontend"), op("transpose", dim0=1, dim1=2), call("rnn"), *FIRST, call("fc"), ret()]),
          [2, 4, 20]),
    model("conv1d-groups-dilation",
          seq(leaf("Conv1d", in_channels=6, out_channels=6, kernel_size=3, groups=3, dilation=2, bias=False),
              leaf("Tanh"), leaf("Conv1d", in_channels=6, out_channels=2, kernel_size=1)),
          [1, 6, 12]),
    model("lstm-cell-unrolled",
          custom("CellLoop",
                 [("cell", leaf("LSTMCell", input_size=4, hidden_size=6)),
                  ("fc", leaf("Linear", in_features=6, out_features=2))],
                 [op("select", dim=1, index=0, out="s0"), call("cell", "hc", "s0"),
                  op("select", dim=1, index=1, out="s1"), call("cell", "hc", "s1", "hc"),
                  op("select", dim=1, index=2, out="s2"), call("cell", "hc", "s2", "hc"),
                  op("item", **{"in": "hc"}, index=0), call("fc"), ret()]),
          [3, 3, 4], note="an LSTMCell run over three steps with its state"),
    model("gru-rnn-cells",
          custom("CellPair",
                 [("gru", leaf("GRUCell", input_size=5, hidden_size=5)),
                  ("rnn", leaf("RNNCell", input_size=5, hidden_size=3, bias=False, nonlinearity="relu"))],
                 [call("gru"), call("rnn"), ret()]),
          [4, 5]),
    model("seq2seq-state",
          custom("Seq2Seq",
                 [("encoder", custom("Encoder", [("embedding", leaf("Embedding", num_embeddings=30, embedding_dim=6)),
                                                 ("lstm", leaf("LSTM", input_size=6, hidden_size=8, batch_first=True))],
                                     [call("embedding"), call("lstm"), op("item", index=1), ret()])),
                  ("decoder", custom("Decoder", [("lstm", leaf("LSTM", input_size=6, hidden_size=8, batch_first=True)),
                                                 ("out", leaf("Linear", in_features=8, out_features=30))],
                                     [op("zeros", shape=[2, 4, 6], out="y"), call("lstm", "y", "y", "x"),
                                      op("item", **{"in": "y"}, index=0), call("out"), ret()]))],
                 [call("encoder"), call("decoder"), ret()]),
          [2, 5], "int64", note="the decoder LSTM starts from the encoder's (h_n, c_n)"),
    model("residual-layernorm",
          custom("ResidualRNN",
                 [("rnn", leaf("RNN", input_size=6, hidden_size=6, batch_first=True, nonlinearity="relu")),
                  ("norm", leaf("LayerNorm", normalized_shape=[6], eps=1e-6)),
                  ("drop", leaf("Dropout", p=0.3))],
                 [call("rnn", "h"), op("item", **{"in": "h"}, index=0, out="h"), op("add", **{"in": ["x", "h"]}),
                  call("norm"), call("drop"), ret()]),
          [2, 5, 6]),
    model("custom-parameters",
          custom("AttentionPool",
                 [("encoder", leaf("GRU", input_size=4, hidden_size=6, batch_first=True)),
                  ("scorer", custom("Scorer", params=[("v", [6])], forward=[op("mean", dim=1), ret()])),
                  ("fc", leaf("Linear", in_features=6, out_features=2))],
                 [call("encoder"), *FIRST, call("scorer"), call("fc"), ret()],
                 params=[("query", [6]), ("scale", [1])], buffers=[("positions", [5, 6], "float32")]),
          [2, 5, 4], note="a module's own nn.Parameters and a buffer: torchinfo shows them on its row"),
    model("batchnorm-transposed",
          custom("NormedLSTM",
                 [("lstm", leaf("LSTM", input_size=4, hidden_size=6, batch_first=True)),
                  ("bn", leaf("BatchNorm1d", num_features=6)),
                  ("fc", leaf("Linear", in_features=6, out_features=2))],
                 [call("lstm"), *FIRST, op("transpose", dim0=1, dim1=2), call("bn"), op("transpose", dim0=1, dim1=2),
                  call("fc"), ret()]),
          [3, 5, 4], ops=[{"op": "requires_grad", "path": "bn", "value": False}]),
    model("unbatched-gru",
          custom("Unbatched", [("gru", leaf("GRU", input_size=3, hidden_size=4, num_layers=2)),
                               ("fc", leaf("Linear", in_features=4, out_features=2))],
                 [call("gru"), *FIRST, call("fc"), ret()]),
          [8, 3], note="(T, F) input without a batch"),
    model("long-names",
          custom("AttentionFreeBidirectionalSequenceLabellerWithAVeryLongName",
                 [("a_rather_long_embedding_attribute", leaf("Embedding", num_embeddings=10, embedding_dim=4)),
                  ("recurrent_encoder_with_long_name", custom("RecurrentEncoderModuleWithLongName",
                      [("bidirectional_long_short_term_memory", leaf("LSTM", input_size=4, hidden_size=3, bidirectional=True, batch_first=True))],
                      [call("bidirectional_long_short_term_memory"), *FIRST, ret()]))],
                 [call("a_rather_long_embedding_attribute"), call("recurrent_encoder_with_long_name"), ret()]),
          [1, 3], "int64", note="long class and attribute names widen the first column"),
    model("embedding-padding-idx",
          seq(leaf("Embedding", num_embeddings=12, embedding_dim=4, padding_idx=0), leaf("Flatten"),
              leaf("Linear", in_features=20, out_features=2)),
          [3, 5], "int64"),
    model("layernorm-2d",
          custom("TimeNorm", [("rnn", leaf("RNN", input_size=3, hidden_size=4, batch_first=True, dropout=0.0)),
                              ("norm", leaf("LayerNorm", normalized_shape=[6, 4], elementwise_affine=True))],
                 [call("rnn"), *FIRST, call("norm"), ret()]),
          [2, 6, 3]),
    model("layernorm-no-affine",
          seq(leaf("Linear", in_features=3, out_features=5), leaf("LayerNorm", normalized_shape=[5], elementwise_affine=False),
              leaf("BatchNorm1d", num_features=5, affine=False), leaf("BatchNorm1d", num_features=5, track_running_stats=False)),
          [4, 3]),
    model("unused-module",
          custom("WithUnused", [("used", leaf("Linear", in_features=3, out_features=3)),
                                ("unused", seq(leaf("Linear", in_features=3, out_features=9), leaf("ReLU")))],
                 [call("used"), ret()]),
          [2, 3], note="a Sequential never called: its parameters count in the model's own row"),
    model("stack-mean-unsqueeze",
          custom("Ensemble", [("a", leaf("Linear", in_features=4, out_features=3)),
                              ("b", leaf("Linear", in_features=4, out_features=3))],
                 [call("a", "p"), call("b", "q"), op("stack", **{"in": ["p", "q"]}, dim=0), op("mean", dim=0),
                  op("unsqueeze", dim=1), op("squeeze", dim=1), op("narrow", dim=1, start=0, length=2), ret()]),
          [5, 4]),
    model("moduledict-unused-entries",
          custom("Experts", [("experts", {"type": "ModuleDict", "named": [
                                 ["small", leaf("Linear", in_features=4, out_features=4)],
                                 ["large", seq(leaf("Linear", in_features=4, out_features=16), leaf("ReLU"),
                                               leaf("Linear", in_features=16, out_features=4))]]})],
                 [call("experts.large"), call("experts.small"), call("experts.large.0", "y"), ret()]),
          [2, 4]),
    model("readme-tagger",
          custom("Tagger",
                 [("encoder", custom("Encoder",
                                     [("embedding", leaf("Embedding", num_embeddings=1000, embedding_dim=16)),
                                      ("lstm", leaf("LSTM", input_size=16, hidden_size=32, batch_first=True,
                                                    bidirectional=True))],
                                     [call("embedding"), call("lstm"), *FIRST, ret()])),
                  ("head", seq(leaf("Linear", in_features=64, out_features=32), leaf("ReLU"),
                               leaf("Linear", in_features=32, out_features=9)))],
                 [call("encoder"), call("head"), ret()]),
          [2, 20], "int64", ops=[{"op": "requires_grad", "path": "encoder.embedding", "value": False}],
          note="the README's example"),
    model("structure-only",
          custom("Untraced", [("encoder", seq(leaf("LSTM", input_size=3, hidden_size=4), leaf("Dropout", p=0.5))),
                              ("shared", {"ref": "encoder.0"}),
                              ("heads", {"type": "ModuleList", "children": [leaf("Linear", in_features=4, out_features=2),
                                                                             leaf("Linear", in_features=4, out_features=3)]})],
                 params=[("bias", [2])]),
          note="no forward: summarized without an input only"),
]


# --------------------------------------------------------------------------------------------------------------------
# Building the modules.
# --------------------------------------------------------------------------------------------------------------------
class Custom(nn.Module):
    """A user module: named children, own parameters and buffers, and a forward read from the spec's steps."""

    def __init__(self, steps):
        super().__init__()
        self._steps = steps

    def _submodule(self, path):
        return self.get_submodule(path) if path else self

    def forward(self, *inputs):
        if self._steps is None:
            raise NotImplementedError("no forward")
        env = {"x": inputs[0]}
        for step in self._steps:
            if "return" in step:
                r = step["return"]
                return tuple(env[v] for v in r) if isinstance(r, list) else env[r]
            out = step.get("out", "x")
            if "call" in step:
                env[out] = self._submodule(step["call"])(*[tuple_of(env, v) for v in step["in"]])
            else:
                env[out] = run(env, step, self)
        raise ValueError("forward without return")


def tuple_of(env, v):
    return env[v]


def run(env, s, module):
    name = s["op"]
    source = s.get("in", "x")
    x = env[source] if isinstance(source, str) else [env[v] for v in source]
    if name == "item":
        return x[s["index"]]
    if name == "select":
        return x.select(s["dim"], s["index"])
    if name == "view":
        return x.view(*s["shape"])
    if name == "reshape":
        return x.reshape(*s["shape"])
    if name == "permute":
        return x.permute(*s["dims"])
    if name == "transpose":
        return x.transpose(s["dim0"], s["dim1"])
    if name == "flatten":
        return torch.flatten(x, s.get("start_dim", 0), s.get("end_dim", -1))
    if name == "unsqueeze":
        return x.unsqueeze(s["dim"])
    if name == "squeeze":
        return x.squeeze(s["dim"])
    if name == "narrow":
        return x.narrow(s["dim"], s["start"], s["length"])
    if name == "mean":
        return x.mean(s["dim"])
    if name == "sum":
        return x.sum(s["dim"])
    if name == "cat":
        return torch.cat(x, s.get("dim", 0))
    if name == "stack":
        return torch.stack(x, s.get("dim", 0))
    if name == "add":
        return x[0] + x[1]
    if name == "to":
        return x.to(DTYPES[s["dtype"]])
    if name == "pack":
        return pack_padded_sequence(x, torch.tensor(s["lengths"]), batch_first=s["batch_first"],
                                    enforce_sorted=s["enforce_sorted"])
    if name == "unpack":
        return pad_packed_sequence(x, batch_first=s["batch_first"])
    if name == "zeros":
        return torch.zeros(*s["shape"], dtype=DTYPES[s.get("dtype", "float32")])
    if name == "tuple":
        return tuple(x)
    if name == "each":
        for child in module.get_submodule(s["module"]).children():
            x = child(x)
            if "item" in s:
                x = x[s["item"]]
        return x
    raise ValueError(name)


def build_module(spec, path, built):
    if "ref" in spec:
        return built[spec["ref"]]
    kind = spec["type"]
    if kind == "Custom":
        cls = type(spec["class"], (Custom,), {})
        module = cls(spec.get("forward"))
        for name, shape in spec.get("params", []):
            module.register_parameter(name, nn.Parameter(torch.rand(*shape)))
        for name, shape, dtype in spec.get("buffers", []):
            module.register_buffer(name, torch.zeros(*shape, dtype=DTYPES[dtype]))
        children = spec.get("named", [])
    elif kind in ("Sequential", "ModuleList", "ModuleDict"):
        module = getattr(nn, kind)()
        children = spec.get("named") or [[str(i), c] for i, c in enumerate(spec.get("children", []))]
    else:
        module = getattr(nn, kind)(**spec["args"])
        children = []
    built[path] = module
    for name, child in children:
        module.add_module(name, build_module(child, f"{path}.{name}" if path else name, built))
    return module


def build(entry):
    torch.manual_seed(SEED)
    root = build_module(entry["model"], "", {})
    for o in entry.get("ops", []):
        if o["op"] == "to":
            (root.get_submodule(o["path"]) if o["path"] else root).to(DTYPES[o["dtype"]])
        elif o["op"] == "requires_grad":
            try:
                target = root.get_submodule(o["path"])
            except AttributeError:
                target = root.get_parameter(o["path"])
            target.requires_grad_(o["value"])
        else:
            raise ValueError(o["op"])
    return root


# --------------------------------------------------------------------------------------------------------------------
# torchinfo, repr and state dicts.
# --------------------------------------------------------------------------------------------------------------------
def load_torchinfo(src):
    if not src or not os.path.isdir(os.path.join(src, "torchinfo")):
        sys.exit(f"generate.py: --torchinfo-src / TORCHINFO_SRC must name the torchinfo source folder (got {src!r}); "
                 "see tools/oracles/torchinfo-trees/README.md")
    sys.path.insert(0, os.path.abspath(src))
    import torchinfo
    if torchinfo.__version__ != TORCHINFO_VERSION:
        sys.exit(f"generate.py: needs torchinfo {TORCHINFO_VERSION}, found {torchinfo.__version__} in {src}")
    return torchinfo


def torch_release():
    try:
        version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"], check=True,
                                 capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        version = ""
    release = version.split("+")[0]
    if release != TORCH_RELEASE or not torch.__version__.startswith("1.13."):
        sys.exit(f"generate.py: needs Debian's python3-torch {TORCH_RELEASE} (found package {version or 'none'}, "
                 f"torch {torch.__version__}); run it with /usr/bin/python3")
    return release


def summaries(ti, entry, model):
    out = {}
    for name, settings in SETTINGS:
        kwargs = {k: v for k, v in settings.items() if k != "input"}
        with_input = settings.get("input", True) and "input" in entry
        if settings.get("input", True) and "input" not in entry:
            continue
        if with_input:
            kwargs.update(input_size=entry["input"]["size"], dtypes=[DTYPES[entry["input"]["dtype"]]], device="cpu")
        torch.manual_seed(SEED)
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            stats = ti.summary(model, verbose=kwargs.pop("verbose", 0), **kwargs)
        out[name] = {"args": {k: v for k, v in settings.items()}, "text": str(stats)}
    return out


def write_safetensors(path, tensors):
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        if t.dtype == torch.bfloat16:
            data = t.view(torch.int16).numpy().astype("<i2").tobytes()
        else:
            data = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": SAFETENSORS_DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


# The modules a state dict determines from its names and shapes, and the constructor arguments it determines.
DETERMINED = {
    nn.LSTM: ("input_size", "hidden_size", "num_layers", "bias", "bidirectional", "proj_size"),
    nn.GRU: ("input_size", "hidden_size", "num_layers", "bias", "bidirectional"),
    nn.RNN: ("input_size", "hidden_size", "num_layers", "bias", "bidirectional"),
    nn.LSTMCell: ("input_size", "hidden_size", "bias"),
    nn.GRUCell: ("input_size", "hidden_size", "bias"),
    nn.RNNCell: ("input_size", "hidden_size", "bias"),
    nn.Linear: ("in_features", "out_features"),
    nn.Embedding: ("num_embeddings", "embedding_dim"),
    nn.LayerNorm: ("normalized_shape",),
    nn.BatchNorm1d: ("num_features", "affine", "track_running_stats"),
    nn.Conv1d: ("in_channels", "out_channels", "kernel_size"),
}


def rebuilt_repr(module):
    """repr() of the module PyTorch builds from the arguments its state dict determines (the others at their defaults)."""
    kind = type(module)
    args = {a: getattr(module, a) for a in DETERMINED[kind]}
    if kind is nn.Linear:
        args["bias"] = module.bias is not None
    if kind is nn.Conv1d:
        args["kernel_size"] = args["kernel_size"][0]
        args["bias"] = module.bias is not None
    if kind is nn.LayerNorm:
        args["elementwise_affine"] = module.elementwise_affine
    return repr(kind(**args))


def state_dict_entry(entry, model):
    state = model.state_dict()
    modules = []
    for path, m in model.named_modules(remove_duplicate=False):
        params = [(n, p) for n, p in m._parameters.items() if p is not None]
        buffers = [(n, b) for n, b in m._buffers.items() if b is not None and n not in m._non_persistent_buffers_set]
        if not params and not buffers:
            continue
        row = {"path": path, "class": type(m).__name__,
               "parameters": [[n, list(p.shape), str(p.dtype).replace("torch.", "")] for n, p in params],
               "buffers": [[n, list(b.shape), str(b.dtype).replace("torch.", "")] for n, b in buffers]}
        if type(m) in DETERMINED:
            row["rebuilt"] = rebuilt_repr(m)
        modules.append(row)
    return {
        "id": entry["id"],
        "tensors": [[n, SAFETENSORS_DTYPES[t.dtype], list(t.shape)] for n, t in state.items()],
        "params": sum(p.numel() for p in model.parameters()),
        "stateDictElements": sum(t.numel() for t in state.values()),
        "modules": modules,
    }


def generate(ti, root):
    framework = f"torchinfo-{ti.__version__}/torch-{torch_release()}"
    written = [VECTORS]
    os.makedirs(os.path.dirname(os.path.join(root, VECTORS)), exist_ok=True)
    os.makedirs(os.path.join(root, FIXTURES), exist_ok=True)
    manifest = []
    with open(os.path.join(root, VECTORS), "w", encoding="utf-8", newline="\n") as f:
        for entry in MODELS:
            model = build(entry)
            row = {"id": entry["id"], "framework": framework, "spec": entry, "modelClass": type(model).__name__,
                   "params": sum(p.numel() for p in model.parameters()),
                   "trainable": sum(p.numel() for p in model.parameters() if p.requires_grad),
                   "repr": repr(model), "summaries": summaries(ti, entry, model)}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            rel = os.path.join(FIXTURES, entry["id"] + ".safetensors")
            write_safetensors(os.path.join(root, rel), model.state_dict())
            written.append(rel)
            manifest.append(state_dict_entry(entry, model))
    rel = os.path.join(FIXTURES, "manifest.json")
    with open(os.path.join(root, rel), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps({"framework": framework, "models": manifest}, indent=1, ensure_ascii=False) + "\n")
    written.append(rel)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--torchinfo-src", default=os.environ.get("TORCHINFO_SRC"),
                        help="TylerYep/torchinfo source at tag v1.8.0 (or TORCHINFO_SRC)")
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temporary folder and compare with the committed files")
    args = parser.parse_args()
    started = time.monotonic()
    ti = load_torchinfo(args.torchinfo_src)
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory(prefix="torchinfo-trees-oracle-") as tmp:
        written = generate(ti, tmp)
        failed = 0
        for rel in written:
            new, old = os.path.join(tmp, rel), os.path.join(REPO, rel)
            with open(new, "rb") as f:
                a = f.read()
            b = open(old, "rb").read() if os.path.exists(old) else None
            if args.check:
                if a != b:
                    print(f"DIFFERS: {rel}")
                    failed += 1
            elif a != b:
                os.makedirs(os.path.dirname(old), exist_ok=True)
                shutil.copyfile(new, old)
                print(f"wrote {rel}")
        elapsed = time.monotonic() - started
        if args.check:
            print(f"{len(written) - failed} of {len(written)} files match ({elapsed:.1f} s)")
            return 1 if failed else 0
        print(f"{len(written)} files generated, {len(MODELS)} models ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
