#!/usr/bin/python3
"""Oracle generator: torchinfo 1.8.0 summaries of real nn.Modules on Debian's PyTorch 1.13.

    /usr/bin/python3 tools/oracles/torchinfo/generate.py --torchinfo-src DIR [--check]

DIR is the source of TylerYep/torchinfo at tag v1.8.0, extracted to a folder outside the repository (or the
environment variable TORCHINFO_SRC); it is imported from there, with its own test model LSTMNet
(tests/fixtures/models.py). Nothing of it is part of this repository.

Every string and number written comes from torchinfo: str(summary(...)) in four variants, the LayerInfo objects of
its summary_list and the totals of its ModelStatistics. The script holds the models (the list MODELS below, whose
entries are written to each row as `spec`, and the module classes that build them) and never computes a count.
Output (relative to the repository root):

    tests/RecurrentParams.Tests/Vectors/torchinfo-models.jsonl    26 models

The file is byte-identical on every run. --check writes it into a temporary folder, compares it with the committed
file and exits with 1 on any difference (0 when it matches).
"""
import argparse
import contextlib
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import types

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

TORCHINFO_VERSION = "1.8.0"
# Debian's python3-torch 1.13.1+dfsg reports torch.__version__ "1.13.0a0"; the row names the package's release.
TORCH_RELEASE = "1.13.1"
# torch.manual_seed(SEED) before each summary. torchinfo feeds torch.rand() inputs (cast to the dtype); no value
# reaches the output, which holds only shapes, counts and sizes.
SEED = 20261127
COLUMNS = ("input_size", "output_size", "num_params", "params_percent", "kernel_size", "mult_adds", "trainable")
DEPTH = 3

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
OUTPUT = os.path.join("tests", "RecurrentParams.Tests", "Vectors", "torchinfo-models.jsonl")

# --------------------------------------------------------------------------------------------------------------------
# The models. `kind` says how a spec is built (see build()):
#   bare               the single layer itself is the model
#   recurrent-only     a module `class` holding the layer; forward returns output[:, -1]
#   module             a module `class` holding `layers` (registered under `name`, in order) applied in turn; a
#                      recurrent layer passes its first output on, then `head` "last" keeps the last time step
#                      (x[:, -1] if batch_first, else x[-1]) and "all" keeps every step; `freeze` lists parameters
#                      with requires_grad=False
#   sequential         nn.Sequential(*layers); SelectItem(index) picks one element of a recurrent layer's tuple
#   sequential-nested  nn.Sequential of one nn.Sequential per group
#   LSTMNet            torchinfo's own test model (tests/fixtures/models.py of its source), with `args`
#   SharedGRU, PackedLSTM   the classes below, with `args`
# --------------------------------------------------------------------------------------------------------------------
MODELS = [
    {'id': 'blog-lstm',
     'kind': 'recurrent-only',
     'class': 'LSTMModel',
     'layers': [{'type': 'LSTM', 'args': {'input_size': 5, 'hidden_size': 4, 'batch_first': True}, 'name': 'lstm'}],
     'input': {'size': [1, 7, 5], 'dtype': 'float32'},
     'note': 'nn.Module wrapping nn.LSTM(5, 4, batch_first=True); forward returns output[:, -1]'},
    {'id': 'blog-lstm-bare',
     'kind': 'bare',
     'layers': [{'type': 'LSTM', 'args': {'input_size': 5, 'hidden_size': 4, 'batch_first': True}, 'name': 'lstm'}],
     'input': {'size': [1, 7, 5], 'dtype': 'float32'},
     'note': 'summary(nn.LSTM(5, 4, batch_first=True))'},
    {'id': 'blog-rnn',
     'kind': 'recurrent-only',
     'class': 'RNNModel',
     'layers': [{'type': 'RNN', 'args': {'input_size': 5, 'hidden_size': 4, 'batch_first': True}, 'name': 'rnn'}],
     'input': {'size': [1, 7, 5], 'dtype': 'float32'},
     'note': 'nn.Module wrapping nn.RNN(5, 4, batch_first=True); forward returns output[:, -1]'},
    {'id': 'blog-rnn-bare',
     'kind': 'bare',
     'layers': [{'type': 'RNN', 'args': {'input_size': 5, 'hidden_size': 4, 'batch_first': True}, 'name': 'rnn'}],
     'input': {'size': [1, 7, 5], 'dtype': 'float32'},
     'note': 'summary(nn.RNN(5, 4, batch_first=True))'},
    {'id': 'upstream-lstmnet',
     'kind': 'LSTMNet',
     'class': 'LSTMNet',
     'args': {'vocab_size': 20, 'embed_dim': 300, 'hidden_dim': 512, 'num_layers': 2},
     'input': {'size': [1, 100], 'dtype': 'int64'},
     'note': 'Embedding(20,300) -> LSTM(300,512,num_layers=2) -> Linear(512,20); returns (out.view(-1,20), hidden)'},
    {'id': 'frozen-embedding-lstm',
     'kind': 'module',
     'class': 'FrozenEmbeddingLSTM',
     'head': 'last',
     'layers': [{'type': 'Embedding', 'args': {'num_embeddings': 1000, 'embedding_dim': 50}, 'name': 'embedding'},
                {'type': 'LSTM', 'args': {'input_size': 50, 'hidden_size': 64, 'batch_first': True}, 'name': 'lstm'},
                {'type': 'Linear', 'args': {'in_features': 64, 'out_features': 3}, 'name': 'fc'}],
     'freeze': ['embedding.weight'],
     'input': {'size': [4, 12], 'dtype': 'int64'}},
    {'id': 'unbatched-gru',
     'kind': 'module',
     'class': 'UnbatchedGRU',
     'head': 'all',
     'layers': [{'type': 'GRU',
                 'args': {'input_size': 7, 'hidden_size': 12, 'num_layers': 2, 'bidirectional': True},
                 'name': 'gru'},
                {'type': 'Linear', 'args': {'in_features': 24, 'out_features': 3}, 'name': 'fc'}],
     'input': {'size': [9, 7], 'dtype': 'float32'},
     'note': '2-D (T, F) input, no batch dimension'},
    {'id': 'proj-bilstm-3layer',
     'kind': 'module',
     'class': 'ProjectedBiLSTM',
     'head': 'all',
     'layers': [{'type': 'LSTM',
                 'args': {'input_size': 40,
                          'hidden_size': 96,
                          'num_layers': 3,
                          'proj_size': 24,
                          'bidirectional': True},
                 'name': 'lstm'},
                {'type': 'LayerNorm', 'args': {'normalized_shape': [48]}, 'name': 'norm'},
                {'type': 'Linear', 'args': {'in_features': 48, 'out_features': 10}, 'name': 'fc'}],
     'input': {'size': [25, 3, 40], 'dtype': 'float32'}},
    {'id': 'seq-lstm-linear',
     'kind': 'sequential',
     'layers': [{'type': 'LSTM', 'args': {'input_size': 5, 'hidden_size': 4, 'batch_first': True}},
                {'type': 'SelectItem', 'args': {'index': 0}},
                {'type': 'Linear', 'args': {'in_features': 4, 'out_features': 1}}],
     'input': {'size': [1, 7, 5], 'dtype': 'float32'}},
    {'id': 'seq-nested',
     'kind': 'sequential-nested',
     'groups': [[{'type': 'Embedding', 'args': {'num_embeddings': 64, 'embedding_dim': 16}},
                 {'type': 'LSTM',
                  'args': {'input_size': 16, 'hidden_size': 32, 'batch_first': True, 'num_layers': 2}},
                 {'type': 'SelectItem', 'args': {'index': 0}}],
                [{'type': 'Dropout', 'args': {'p': 0.1}},
                 {'type': 'Linear', 'args': {'in_features': 32, 'out_features': 8}}]],
     'input': {'size': [2, 10], 'dtype': 'int64'}},
    {'id': 'shared-gru',
     'kind': 'SharedGRU',
     'class': 'SharedGRU',
     'args': {'size': 16, 'out_features': 4},
     'input': {'size': [3, 8, 16], 'dtype': 'float32'},
     'note': 'one GRU called twice'},
    {'id': 'packed-lstm',
     'kind': 'PackedLSTM',
     'class': 'PackedLSTM',
     'args': {'vocab': 100, 'embed_dim': 16, 'hidden_size': 32, 'out_features': 5, 'lengths': [10, 7, 7, 3]},
     'input': {'size': [4, 10], 'dtype': 'int64'},
     'note': 'pack_padded_sequence(batch_first, enforce_sorted=False) with fixed lengths; LSTM output is a '
             'PackedSequence'},
    {'id': 'long-class-name',
     'kind': 'module',
     'class': 'AttentionFreeBidirectionalSequenceLabellerModel',
     'head': 'all',
     'layers': [{'type': 'Embedding', 'args': {'num_embeddings': 200, 'embedding_dim': 24}, 'name': 'embedding'},
                {'type': 'LSTM',
                 'args': {'input_size': 24, 'hidden_size': 32, 'bidirectional': True, 'batch_first': True},
                 'name': 'lstm'},
                {'type': 'Linear', 'args': {'in_features': 64, 'out_features': 9}, 'name': 'fc'}],
     'input': {'size': [2, 6], 'dtype': 'int64'},
     'note': '47-character class name widens the first column'},
    {'id': 'rand-00-lstm',
     'kind': 'module',
     'class': 'LSTMClassifier',
     'layers': [{'type': 'Embedding', 'args': {'num_embeddings': 20, 'embedding_dim': 8}, 'name': 'embedding'},
                {'type': 'LSTM',
                 'args': {'input_size': 8,
                          'hidden_size': 20,
                          'num_layers': 2,
                          'bias': False,
                          'batch_first': True,
                          'bidirectional': False,
                          'dropout': 0.25},
                 'name': 'lstm'},
                {'type': 'Dropout', 'args': {'p': 0.2}, 'name': 'dropout'},
                {'type': 'Linear', 'args': {'in_features': 20, 'out_features': 100, 'bias': True}, 'name': 'fc'}],
     'head': 'last',
     'input': {'size': [4, 10], 'dtype': 'int64'}},
    {'id': 'rand-02-rnn',
     'kind': 'module',
     'class': 'RNNClassifier',
     'layers': [{'type': 'RNN',
                 'args': {'input_size': 16,
                          'hidden_size': 16,
                          'num_layers': 2,
                          'bias': True,
                          'batch_first': False,
                          'bidirectional': True,
                          'dropout': 0.25,
                          'nonlinearity': 'relu'},
                 'name': 'rnn'},
                {'type': 'Linear', 'args': {'in_features': 32, 'out_features': 1, 'bias': True}, 'name': 'fc'}],
     'head': 'all',
     'input': {'size': [1, 4, 16], 'dtype': 'float32'}},
    {'id': 'rand-04-gru',
     'kind': 'module',
     'class': 'GRUClassifier',
     'layers': [{'type': 'Embedding', 'args': {'num_embeddings': 100, 'embedding_dim': 16}, 'name': 'embedding'},
                {'type': 'GRU',
                 'args': {'input_size': 16,
                          'hidden_size': 100,
                          'num_layers': 3,
                          'bias': True,
                          'batch_first': True,
                          'bidirectional': True},
                 'name': 'gru'},
                {'type': 'LayerNorm', 'args': {'normalized_shape': [200]}, 'name': 'norm'},
                {'type': 'Linear', 'args': {'in_features': 200, 'out_features': 5, 'bias': True}, 'name': 'fc'}],
     'head': 'last',
     'input': {'size': [16, 1], 'dtype': 'int64'}},
    {'id': 'rand-06-lstm',
     'kind': 'module',
     'class': 'SeqLSTM',
     'layers': [{'type': 'LSTM',
                 'args': {'input_size': 64,
                          'hidden_size': 64,
                          'num_layers': 2,
                          'bias': True,
                          'batch_first': False,
                          'bidirectional': False,
                          'dropout': 0.25,
                          'proj_size': 32},
                 'name': 'lstm'},
                {'type': 'Linear', 'args': {'in_features': 32, 'out_features': 5, 'bias': True}, 'name': 'fc'}],
     'head': 'all',
     'input': {'size': [50, 8, 64], 'dtype': 'float32'}},
    {'id': 'rand-08-rnn',
     'kind': 'module',
     'class': 'ElmanTagger',
     'layers': [{'type': 'RNN',
                 'args': {'input_size': 5,
                          'hidden_size': 4,
                          'num_layers': 1,
                          'bias': True,
                          'batch_first': True,
                          'bidirectional': True},
                 'name': 'rnn'},
                {'type': 'Dropout', 'args': {'p': 0.2}, 'name': 'dropout'},
                {'type': 'Linear', 'args': {'in_features': 8, 'out_features': 5, 'bias': True}, 'name': 'fc'}],
     'head': 'all',
     'input': {'size': [8, 1, 5], 'dtype': 'float32'}},
    {'id': 'rand-10-gru',
     'kind': 'module',
     'class': 'SeqGRU',
     'layers': [{'type': 'Embedding', 'args': {'num_embeddings': 5000, 'embedding_dim': 100}, 'name': 'embedding'},
                {'type': 'GRU',
                 'args': {'input_size': 100,
                          'hidden_size': 64,
                          'num_layers': 2,
                          'bias': False,
                          'batch_first': True,
                          'bidirectional': True,
                          'dropout': 0.25},
                 'name': 'gru'},
                {'type': 'LayerNorm', 'args': {'normalized_shape': [128]}, 'name': 'norm'},
                {'type': 'Linear', 'args': {'in_features': 128, 'out_features': 100, 'bias': True}, 'name': 'fc'}],
     'head': 'last',
     'input': {'size': [32, 5], 'dtype': 'int64'}},
    {'id': 'rand-12-lstm',
     'kind': 'module',
     'class': 'SeqLSTM',
     'layers': [{'type': 'Embedding', 'args': {'num_embeddings': 20, 'embedding_dim': 100}, 'name': 'embedding'},
                {'type': 'LSTM',
                 'args': {'input_size': 100,
                          'hidden_size': 8,
                          'num_layers': 2,
                          'bias': True,
                          'batch_first': False,
                          'bidirectional': False,
                          'dropout': 0.25,
                          'proj_size': 2},
                 'name': 'lstm'},
                {'type': 'LayerNorm', 'args': {'normalized_shape': [2]}, 'name': 'norm'},
                {'type': 'Dropout', 'args': {'p': 0.1}, 'name': 'dropout'},
                {'type': 'Linear', 'args': {'in_features': 2, 'out_features': 1, 'bias': True}, 'name': 'fc'}],
     'head': 'all',
     'input': {'size': [10, 2], 'dtype': 'int64'}},
    {'id': 'rand-14-rnn',
     'kind': 'module',
     'class': 'RNNClassifier',
     'layers': [{'type': 'Embedding', 'args': {'num_embeddings': 20, 'embedding_dim': 300}, 'name': 'embedding'},
                {'type': 'RNN',
                 'args': {'input_size': 300,
                          'hidden_size': 16,
                          'num_layers': 2,
                          'bias': True,
                          'batch_first': False,
                          'bidirectional': False,
                          'dropout': 0.25},
                 'name': 'rnn'},
                {'type': 'Linear', 'args': {'in_features': 16, 'out_features': 5, 'bias': True}, 'name': 'fc'}],
     'head': 'all',
     'input': {'size': [1, 2], 'dtype': 'int64'}},
    {'id': 'rand-16-gru',
     'kind': 'module',
     'class': 'GRUClassifier',
     'layers': [{'type': 'Embedding', 'args': {'num_embeddings': 5000, 'embedding_dim': 16}, 'name': 'embedding'},
                {'type': 'GRU',
                 'args': {'input_size': 16,
                          'hidden_size': 8,
                          'num_layers': 2,
                          'bias': False,
                          'batch_first': True,
                          'bidirectional': True,
                          'dropout': 0.25},
                 'name': 'gru'},
                {'type': 'LayerNorm', 'args': {'normalized_shape': [16]}, 'name': 'norm'},
                {'type': 'Dropout', 'args': {'p': 0.5}, 'name': 'dropout'},
                {'type': 'Linear', 'args': {'in_features': 16, 'out_features': 5, 'bias': True}, 'name': 'fc'}],
     'head': 'last',
     'input': {'size': [16, 7], 'dtype': 'int64'}},
    {'id': 'rand-18-lstm',
     'kind': 'module',
     'class': 'LSTMClassifier',
     'layers': [{'type': 'LSTM',
                 'args': {'input_size': 16,
                          'hidden_size': 50,
                          'num_layers': 1,
                          'bias': True,
                          'batch_first': True,
                          'bidirectional': False,
                          'proj_size': 3},
                 'name': 'lstm'},
                {'type': 'LayerNorm', 'args': {'normalized_shape': [3]}, 'name': 'norm'},
                {'type': 'Linear', 'args': {'in_features': 3, 'out_features': 1, 'bias': True}, 'name': 'fc'}],
     'head': 'last',
     'input': {'size': [32, 50, 16], 'dtype': 'float32'}},
    {'id': 'rand-20-rnn',
     'kind': 'module',
     'class': 'SimpleRNNNet',
     'layers': [{'type': 'Embedding', 'args': {'num_embeddings': 20, 'embedding_dim': 8}, 'name': 'embedding'},
                {'type': 'RNN',
                 'args': {'input_size': 8,
                          'hidden_size': 16,
                          'num_layers': 3,
                          'bias': True,
                          'batch_first': True,
                          'bidirectional': False,
                          'dropout': 0.25},
                 'name': 'rnn'},
                {'type': 'Dropout', 'args': {'p': 0.1}, 'name': 'dropout'},
                {'type': 'Linear', 'args': {'in_features': 16, 'out_features': 10, 'bias': False}, 'name': 'fc'}],
     'head': 'last',
     'input': {'size': [2, 50], 'dtype': 'int64'}},
    {'id': 'rand-22-gru',
     'kind': 'module',
     'class': 'SeqGRU',
     'layers': [{'type': 'GRU',
                 'args': {'input_size': 16,
                          'hidden_size': 128,
                          'num_layers': 2,
                          'bias': True,
                          'batch_first': True,
                          'bidirectional': False},
                 'name': 'gru'},
                {'type': 'LayerNorm', 'args': {'normalized_shape': [128]}, 'name': 'norm'},
                {'type': 'Linear', 'args': {'in_features': 128, 'out_features': 100, 'bias': True}, 'name': 'fc'}],
     'head': 'last',
     'input': {'size': [4, 3, 16], 'dtype': 'float32'}},
    {'id': 'rand-24-lstm',
     'kind': 'module',
     'class': 'LSTMTagger',
     'layers': [{'type': 'Embedding', 'args': {'num_embeddings': 5000, 'embedding_dim': 128}, 'name': 'embedding'},
                {'type': 'LSTM',
                 'args': {'input_size': 128,
                          'hidden_size': 256,
                          'num_layers': 2,
                          'bias': True,
                          'batch_first': False,
                          'bidirectional': False,
                          'dropout': 0.25},
                 'name': 'lstm'},
                {'type': 'Dropout', 'args': {'p': 0.1}, 'name': 'dropout'},
                {'type': 'Linear', 'args': {'in_features': 256, 'out_features': 10, 'bias': True}, 'name': 'fc'}],
     'head': 'last',
     'input': {'size': [5, 16], 'dtype': 'int64'}},
]

RECURRENT = (nn.RNN, nn.LSTM, nn.GRU)


class SelectItem(nn.Module):
    """Picks one element of a tuple (the output of a recurrent layer) inside an nn.Sequential."""

    def __init__(self, index):
        super().__init__()
        self.index = index

    def forward(self, x):
        return x[self.index]


class RecurrentOnly(nn.Module):
    """One recurrent layer; forward returns the last time step of its output (batch_first)."""

    def __init__(self, name, layer):
        super().__init__()
        self.layer_name = name
        self.add_module(name, layer)

    def forward(self, x):
        out, _ = getattr(self, self.layer_name)(x)
        return out[:, -1]


class Stack(nn.Module):
    """The `module` kind: named layers applied in turn, with a head after the recurrent layer."""

    def __init__(self, layers, head):
        super().__init__()
        self.names = [name for name, _ in layers]
        self.head = head
        for name, layer in layers:
            self.add_module(name, layer)

    def forward(self, x):
        for name in self.names:
            layer = getattr(self, name)
            x = layer(x)
            if isinstance(layer, RECURRENT):
                x = x[0]
                if self.head == "last":
                    x = x[:, -1] if layer.batch_first else x[-1]
        return x


class SharedGRU(nn.Module):
    """One GRU called twice (torchinfo marks the second call as recursive), then a Linear."""

    def __init__(self, size, out_features):
        super().__init__()
        self.gru = nn.GRU(size, size, batch_first=True)
        self.fc = nn.Linear(size, out_features)

    def forward(self, x):
        x, _ = self.gru(x)
        x, _ = self.gru(x)
        return self.fc(x)


class PackedLSTM(nn.Module):
    """Embedding, then an LSTM over a PackedSequence of fixed lengths; the Linear reads the last layer's h_n."""

    def __init__(self, vocab, embed_dim, hidden_size, out_features, lengths):
        super().__init__()
        self.lengths = lengths
        self.embedding = nn.Embedding(vocab, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, out_features)

    def forward(self, x):
        packed = pack_padded_sequence(self.embedding(x), torch.tensor(self.lengths), batch_first=True,
                                      enforce_sorted=False)
        _, (h, _) = self.lstm(packed)
        return self.fc(h[-1])


def named_class(base, name):
    """A subclass of base called name: torchinfo prints a module's class name."""
    return type(name, (base,), {})


def make(spec):
    return SelectItem(**spec["args"]) if spec["type"] == "SelectItem" else getattr(nn, spec["type"])(**spec["args"])


def build(spec, ti):
    kind = spec["kind"]
    if kind == "bare":
        return make(spec["layers"][0])
    if kind == "recurrent-only":
        (layer,) = spec["layers"]
        return named_class(RecurrentOnly, spec["class"])(layer["name"], make(layer))
    if kind == "module":
        model = named_class(Stack, spec["class"])([(l["name"], make(l)) for l in spec["layers"]], spec["head"])
        for name in spec.get("freeze", []):
            model.get_parameter(name).requires_grad_(False)
        return model
    if kind == "sequential":
        return nn.Sequential(*[make(l) for l in spec["layers"]])
    if kind == "sequential-nested":
        return nn.Sequential(*[nn.Sequential(*[make(l) for l in group]) for group in spec["groups"]])
    if kind == "LSTMNet":
        return ti.fixtures.LSTMNet(**spec["args"])
    if kind == "SharedGRU":
        return SharedGRU(**spec["args"])
    if kind == "PackedLSTM":
        return PackedLSTM(**spec["args"])
    raise ValueError(kind)


# --------------------------------------------------------------------------------------------------------------------
# torchinfo
# --------------------------------------------------------------------------------------------------------------------
def load_torchinfo(src):
    if not src or not os.path.isdir(os.path.join(src, "torchinfo")):
        sys.exit(f"generate.py: --torchinfo-src / TORCHINFO_SRC must name the torchinfo source folder (got {src!r}); "
                 "see tools/oracles/torchinfo/README.md")
    sys.path.insert(0, os.path.abspath(src))
    import torchinfo
    if torchinfo.__version__ != TORCHINFO_VERSION:
        sys.exit(f"generate.py: needs torchinfo {TORCHINFO_VERSION}, found {torchinfo.__version__} in {src}")
    from torchinfo.enums import ColumnSettings
    from torchinfo.model_statistics import ModelStatistics
    from torchinfo.torchinfo import process_input
    loader = importlib.util.spec_from_file_location("torchinfo_fixture_models",
                                                    os.path.join(src, "tests", "fixtures", "models.py"))
    fixtures = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(fixtures)
    return types.SimpleNamespace(version=torchinfo.__version__, summary=torchinfo.summary, fixtures=fixtures,
                                 ColumnSettings=ColumnSettings, ModelStatistics=ModelStatistics,
                                 process_input=process_input)


def torch_release():
    """The release of Debian's python3-torch (torch.__version__ there is 1.13.0a0 for 1.13.1)."""
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


def footer(text):
    """The `name: value` lines under the table of a summary, in order."""
    divider = text.split("\n", 1)[0]
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if line == divider]
    printed = {}
    for line in lines[body[2] + 1:]:
        if line != divider:
            name, value = line.split(": ", 1)
            printed[name] = value
    return printed


def per_layer(ti, info):
    row = {
        "depth": info.depth,
        "depthIdx": f"{info.depth}-{info.depth_index}" if info.depth > 0 else "",
        "class": info.class_name,
        "varName": info.var_name,
        "isLeaf": info.is_leaf_layer,
        "isRecursive": info.is_recursive,
        "inputShape": info.input_size,
        "outputShape": info.output_size,
        "params": info.num_params,
        "trainable": info.trainable_params,
        "paramBytes": info.param_bytes,
        "outputBytes": info.output_bytes,
        "macs": info.macs,
        "kernelSize": info.kernel_size,
        "trainableLabel": info.trainable,
        "shownAtDepth3": info.depth <= DEPTH,
    }
    if info.inner_layers:
        row["innerRows"] = [{"name": name, "kernelShape": cells[ti.ColumnSettings.KERNEL_SIZE],
                             "paramsCell": cells[ti.ColumnSettings.NUM_PARAMS]}
                            for name, cells in info.inner_layers.items()]
    return row


def model_row(ti, framework, spec):
    size, dtype = spec["input"]["size"], spec["input"]["dtype"]
    model = build(spec, ti)
    settings = {"input_size": size, "dtypes": [getattr(torch, dtype)], "depth": DEPTH, "device": "cpu"}

    def run(**extra):
        torch.manual_seed(SEED)
        with contextlib.redirect_stdout(io.StringIO()):  # verbose=2 also prints the table
            return ti.summary(model, **settings, **extra)

    stats = run(verbose=0)
    texts = {"summaryDefault": str(stats),
             "summaryColumns": str(run(verbose=0, col_names=COLUMNS)),
             "summaryVerbose2": str(run(verbose=2)),
             "summaryVerbose2Columns": str(run(verbose=2, col_names=COLUMNS))}
    inputs, _ = ti.process_input(None, size, None, torch.device("cpu"), [getattr(torch, dtype)])
    printed = footer(texts["summaryDefault"])
    units, _ = ti.ModelStatistics.to_readable(stats.total_mult_adds, stats.formatting.macs_units)
    macs_line = next(f"{k}: {v}" for k, v in printed.items() if k.startswith("Total mult-adds"))
    row = {
        "id": spec["id"],
        "framework": framework,
        "spec": spec,
        "modelClass": model.__class__.__name__,
        "params": sum(p.numel() for p in model.parameters()),
        "trainable": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "perLayer": [per_layer(ti, info) for info in stats.summary_list],
        **texts,
        "summaryArgs": {"input_size": size, "dtypes": [dtype], "depth": DEPTH, "device": "cpu",
                        "row_settings": "default (depth)", "col_width": stats.formatting.col_width,
                        "col_names(summaryColumns, summaryVerbose2Columns)": list(COLUMNS)},
        "totals": {
            "totalParams": stats.total_params,
            "trainableParams": stats.trainable_params,
            "nonTrainableParams": stats.total_params - stats.trainable_params,
            "totalMultAdds": stats.total_mult_adds,
            "inputBytes": stats.total_input,
            "inputTensorNbytes": sum(t.element_size() * t.nelement() for t in inputs),
            "forwardBackwardBytes": stats.total_output_bytes,
            "paramBytes": stats.total_param_bytes,
            "estimatedTotalBytes": stats.total_input + stats.total_output_bytes + stats.total_param_bytes,
            "inputSizeMB": ti.ModelStatistics.to_megabytes(stats.total_input),
            "forwardBackwardMB": ti.ModelStatistics.to_megabytes(stats.total_output_bytes),
            "paramsMB": ti.ModelStatistics.to_megabytes(stats.total_param_bytes),
            "estimatedTotalMB": ti.ModelStatistics.to_megabytes(
                stats.total_input + stats.total_output_bytes + stats.total_param_bytes),
            "printed": printed,
        },
        # On Python 3.11 torchinfo prints the unit enum's name ("(Units.MEGABYTES)"); the intended text is its value.
        "multAddsLineCanonical": macs_line.replace(f"({units})", f"({units.value})"),
    }
    return row


def generate(ti, root):
    framework = f"torchinfo-{ti.version}/torch-{torch_release()}"
    os.makedirs(os.path.dirname(os.path.join(root, OUTPUT)), exist_ok=True)
    with open(os.path.join(root, OUTPUT), "w", encoding="utf-8", newline="\n") as f:
        for spec in MODELS:
            f.write(json.dumps(model_row(ti, framework, spec), ensure_ascii=False) + "\n")
    return [OUTPUT]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--torchinfo-src", default=os.environ.get("TORCHINFO_SRC"),
                        help="TylerYep/torchinfo source at tag v1.8.0 (or TORCHINFO_SRC)")
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temporary folder and compare with the committed file")
    args = parser.parse_args()
    started = time.monotonic()
    ti = load_torchinfo(args.torchinfo_src)
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory(prefix="torchinfo-oracle-") as tmp:
        written = generate(ti, tmp)
        failed = 0
        for rel in written:
            new, old = os.path.join(tmp, rel), os.path.join(REPO, rel)
            with open(new, "rb") as f:
                a = f.read()
            b = open(old, "rb").read() if os.path.exists(old) else None
            same = a == b
            if args.check:
                if same:
                    print(f"identical {rel}")
                else:
                    at = next((i for i in range(min(len(a), len(b or b""))) if a[i] != b[i]), min(len(a), len(b or b"")))
                    print(f"DIFFERS from byte {at} ({len(a)} bytes generated, {len(b or b'')} committed): {rel}")
                failed += not same
            elif not same:
                shutil.copyfile(new, old)
                print(f"wrote {rel}")
        elapsed = time.monotonic() - started
        if args.check:
            print(f"{len(written) - failed} of {len(written)} files match ({elapsed:.1f} s)")
            return 1 if failed else 0
        print(f"{len(written)} file generated ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
