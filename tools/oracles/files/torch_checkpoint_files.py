"""PyTorch checkpoint fixtures from REAL torch.save / torch.jit.save runs, for RecurrentParams.Import.Torch.

    /usr/bin/python3 tools/oracles/files/torch_checkpoint_files.py [--large PATH]

Needs Debian's python3-torch (torch 1.13). Writes into tests/RecurrentParams.Import.Tests/Fixtures/torch/:

  <id>.pt / <id>.ckpt   torch.save of a state dict, a wrapped checkpoint or a whole module (zip format, or the legacy
                        format with _use_new_zipfile_serialization=False), or torch.jit.save of a scripted or traced module
  hostile-*.pt          zips in the torch layout whose data.pkl is a hostile pickle (os.system via GLOBAL/REDUCE, a global
                        outside the reader's allow-list) written by Python's own pickle module: never to be loaded
  manifest.json         what torch reports for every file: sum(p.numel() for p in model.parameters()) (shared parameters
                        once), the trainable part, buffers apart, the state dict's tensors and elements, dtypes, the
                        recurrent modules' constructor arguments, and which key of a wrapped checkpoint holds the model

--large PATH writes one more, larger checkpoint (about 67 MB) outside the fixtures, for trying the reader by hand; the
benchmark makes its 1 GB file itself.

Weights are drawn from torch.manual_seed(20261127). torch.save writes no timestamps and names records after the file
(the archive's root folder), so the files are byte-identical from run to run; the hostile zips carry a fixed date.
"""
import argparse
import collections
import json
import os
import pickle
import sys
import zipfile

import torch
from torch import nn

SEED = 20261127
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tests", "RecurrentParams.Import.Tests",
                    "Fixtures", "torch")
FRAMEWORK = "torch-" + torch.__version__
DTYPES = {
    torch.float32: "float32", torch.float16: "float16", torch.bfloat16: "bfloat16", torch.float64: "float64",
    torch.int64: "int64", torch.int32: "int32", torch.uint8: "uint8", torch.int8: "int8", torch.bool: "bool",
}


class Seq2Seq(nn.Module):
    """Nested user modules: an encoder and a decoder that hold recurrent modules, with an embedding and a head."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(40, 12)
        self.encoder = Encoder()
        self.decoder = Decoder()
        self.fc = nn.Linear(16, 40)

    def forward(self, x):
        e = self.embedding(x)
        h = self.encoder(e)
        return self.fc(self.decoder(h))


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(12, 16, num_layers=2, batch_first=True)

    def forward(self, x):
        return self.lstm(x)[0]


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(16, 16, batch_first=True)

    def forward(self, x):
        return self.gru(x)[0]


class Tagger(nn.Module):
    """A bidirectional LSTM tagger with BatchNorm1d buffers, one frozen parameter and a tied output projection."""

    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(25, 20)
        self.rnn = nn.LSTM(20, 10, bidirectional=True, batch_first=True)
        self.norm = nn.BatchNorm1d(20)
        self.head = nn.Linear(20, 7)
        self.out = nn.Linear(20, 25, bias=False)
        self.out.weight = self.emb.weight  # tied: one parameter, one storage, two state-dict entries

    def forward(self, x):
        y = self.rnn(self.emb(x))[0]
        y = self.norm(y.transpose(1, 2)).transpose(1, 2)
        return self.head(y), self.out(y)


class Zoo(nn.Module):
    """Every recurrent module kind and option the recovery must read from names and shapes."""

    def __init__(self):
        super().__init__()
        self.lstm_proj = nn.LSTM(10, 8, num_layers=2, proj_size=3, bidirectional=True)
        self.gru_nobias = nn.GRU(7, 5, num_layers=2, bidirectional=True, bias=False)
        self.rnn_relu = nn.RNN(3, 4, num_layers=3, nonlinearity="relu")
        self.cells = nn.ModuleList([nn.LSTMCell(6, 5), nn.GRUCell(5, 4, bias=False), nn.RNNCell(4, 3)])


class GruHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(6, 8, num_layers=2, batch_first=True)
        self.head = nn.Linear(8, 3)
        self.register_buffer("scale", torch.ones(3))

    def forward(self, x):
        return self.head(self.gru(x)[0]) * self.scale


class SharedGru(nn.Module):
    """One nn.GRU registered twice (a module reused): model.parameters() and named_modules() list it once."""

    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(3, 4)
        self.again = self.gru
        self.head = nn.Linear(4, 2)


def recurrent_modules(model):
    rows = []
    for name, m in model.named_modules():
        if isinstance(m, (nn.LSTM, nn.GRU, nn.RNN)):
            kind = "LSTM" if isinstance(m, nn.LSTM) else "GRU" if isinstance(m, nn.GRU) else "RNN"
            rows.append({"prefix": name, "type": kind, "inputSize": m.input_size, "hiddenSize": m.hidden_size,
                         "numLayers": m.num_layers, "bias": m.bias, "bidirectional": m.bidirectional,
                         "projSize": getattr(m, "proj_size", 0), "params": sum(p.numel() for p in m.parameters())})
        elif isinstance(m, (nn.LSTMCell, nn.GRUCell, nn.RNNCell)):
            kind = type(m).__name__
            rows.append({"prefix": name, "type": kind, "inputSize": m.input_size, "hiddenSize": m.hidden_size,
                         "numLayers": 1, "bias": m.bias, "bidirectional": False, "projSize": 0,
                         "params": sum(p.numel() for p in m.parameters())})
    return rows


def model_counts(model):
    state = model.state_dict()
    return {
        "params": sum(p.numel() for p in model.parameters()),
        "trainable": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "parameterTensors": len(list(model.parameters())),
        "buffers": sum(b.numel() for b in model.buffers()),
        "bufferTensors": len(list(model.buffers())),
        "stateDictElements": sum(t.numel() for t in state.values()),
        "stateDictTensors": len(state),
        "dtypes": sorted({DTYPES[t.dtype] for t in state.values()}),
        "bytesByDtype": bytes_by_dtype(state.values()),
        "modules": [name for name, _ in model.named_modules() if name],
        "recurrent": recurrent_modules(model),
    }


def bytes_by_dtype(tensors):
    out = collections.OrderedDict()
    for t in tensors:
        key = DTYPES[t.dtype]
        out[key] = out.get(key, 0) + t.numel() * t.element_size()
    return dict(sorted(out.items()))


def optimizer_elements(opt_state):
    return sum(v.numel() for s in opt_state["state"].values() for v in s.values() if torch.is_tensor(v))


def trained_adam(model):
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-3)
    loss = sum((p.float() ** 2).sum() for p in model.parameters() if p.requires_grad)
    loss.backward()
    opt.step()
    opt.zero_grad()
    return opt


class StableKeys:
    """A pickle_module for torch.save's legacy format that renames storage keys in order of first use.

    The legacy format names each storage after its memory address (str(storage._cdata)), so two runs differ. This
    module wraps the persistent_id torch installs on the Pickler and renames every key to '0', '1', ... in order of first
    use; after the save, reorder_legacy_storages() puts the key list and the raw storages after it in torch's own order
    (sorted key strings) for the new names. Everything else is torch's own _legacy_save.
    """

    HIGHEST_PROTOCOL = pickle.HIGHEST_PROTOCOL
    names = {}
    element_sizes = {}

    class Pickler(pickle.Pickler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            StableKeys.names.clear()
            StableKeys.element_sizes.clear()

        def __setattr__(self, name, value):
            if name == "persistent_id":
                def renamed(obj, inner=value):
                    pid = inner(obj)
                    if isinstance(pid, tuple) and pid and pid[0] == "storage":
                        pid = list(pid)
                        key = StableKeys.names.setdefault(pid[2], str(len(StableKeys.names)))
                        StableKeys.element_sizes[key] = obj.element_size()
                        pid[2] = key
                        if pid[5] is not None:
                            view = list(pid[5])
                            view[0] = StableKeys.names.setdefault(view[0], str(len(StableKeys.names)))
                            pid[5] = tuple(view)
                        pid = tuple(pid)
                    return pid
                value = renamed
            super().__setattr__(name, value)

    @staticmethod
    def dump(obj, f, protocol=2):
        if isinstance(obj, list) and obj and all(isinstance(k, str) and k in StableKeys.names for k in obj):
            obj = [StableKeys.names[k] for k in obj]
        pickle.dump(obj, f, protocol=protocol)


def reorder_legacy_storages(path):
    """Rewrites the key list and the raw storages after it in sorted order of the renamed keys (see StableKeys)."""
    import io
    import pickletools
    data = open(path, "rb").read()
    stream = io.BytesIO(data)
    for _ in range(4):  # magic number, protocol version, sys info, the object
        for _op, _arg, _pos in pickletools.genops(stream):
            pass
    keys_at = stream.tell()
    keys = pickle.load(stream)
    at = stream.tell()
    chunks = {}
    for key in keys:
        numel = int.from_bytes(data[at:at + 8], "little")
        end = at + 8 + numel * StableKeys.element_sizes[key]
        chunks[key] = data[at:end]
        at = end
    assert at == len(data)
    ordered = sorted(keys)
    with open(path, "wb") as f:
        f.write(data[:keys_at])
        pickle.dump(ordered, f, protocol=2)
        for key in ordered:
            f.write(chunks[key])


def write_hostile(path, root, payload):
    """A zip in torch's layout (root/data.pkl, root/version) around a pickle that must never be loaded."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, data in ((root + "/data.pkl", payload), (root + "/version", b"3\n")):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            z.writestr(info, data)


class OsSystem:
    """Pickles as a call of os.system: what a malicious checkpoint does. Only pickled here, never unpickled."""

    def __reduce__(self):
        return (os.system, ("echo this file ran code",))


class Outside:
    """Pickles as a call of a global no torch file names (webbrowser.open): outside any allow-list."""

    def __reduce__(self):
        import webbrowser
        return (webbrowser.open, ("http://127.0.0.1/",))


def main():
    if os.environ.get("PYTHONHASHSEED") != "0":
        # TorchScript writes a class's constants in set order: a fixed hash seed keeps the code files identical.
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", help="also write a ~67 MB checkpoint to this path (not a fixture)")
    args = parser.parse_args()
    torch.manual_seed(SEED)
    os.makedirs(ROOT, exist_ok=True)
    rows = []

    def save(ident, obj, model, content, note, key=None, legacy=False, protocol=2, ext=".pt", extra=None):
        path = os.path.join(ROOT, ident + ext)
        if legacy:
            torch.save(obj, path, pickle_module=StableKeys, _use_new_zipfile_serialization=False, pickle_protocol=protocol)
            reorder_legacy_storages(path)
            torch.load(path)  # the renamed keys still load
        else:
            torch.save(obj, path, pickle_protocol=protocol)
        row = {"id": ident, "file": ident + ext, "framework": FRAMEWORK, "note": note, "kind": "legacy" if legacy else "zip",
               "content": content, "stateDictKey": key, **model_counts(model), "bytes": os.path.getsize(path)}
        if extra:
            row.update(extra)
        rows.append(row)

    # ---------------------------------------------------------------- state dicts
    lstm = nn.LSTM(5, 4)
    save("state-dict-lstm", lstm.state_dict(), lstm, "state_dict", "nn.LSTM(5, 4).state_dict()", "(root)")
    seq = Seq2Seq()
    save("state-dict-seq2seq", seq.state_dict(), seq, "state_dict",
         "nested user modules: embedding, encoder.lstm (2 layers), decoder.gru, fc", "(root)")
    zoo = Zoo()
    save("state-dict-zoo", zoo.state_dict(), zoo, "state_dict",
         "LSTM(proj_size=3, bidirectional, 2 layers), GRU(bias=False, bidirectional, 2 layers), RNN(relu, 3 layers), "
         "LSTMCell, GRUCell(bias=False), RNNCell in a ModuleList", "(root)")
    half = nn.LSTM(6, 4, num_layers=2).half()
    save("state-dict-fp16", half.state_dict(), half, "state_dict", "nn.LSTM(6, 4, num_layers=2).half()", "(root)")
    bf16 = nn.GRU(3, 2).to(torch.bfloat16)
    save("state-dict-bf16", bf16.state_dict(), bf16, "state_dict", "nn.GRU(3, 2).to(torch.bfloat16)", "(root)")
    f64 = nn.RNN(4, 3, bidirectional=True).double()
    save("state-dict-f64", f64.state_dict(), f64, "state_dict", "nn.RNN(4, 3, bidirectional=True).double()", "(root)")
    tagger = Tagger()
    tagger.head.bias.requires_grad_(False)
    save("state-dict-tied", tagger.state_dict(), tagger, "state_dict",
         "Tagger: emb.weight and out.weight are one parameter (one storage, two entries), BatchNorm1d buffers",
         "(root)")
    gh = GruHead()
    save("state-dict-protocol4", gh.state_dict(), gh, "state_dict", "GruHead state dict pickled with protocol 4 "
         "(FRAME, SHORT_BINUNICODE, MEMOIZE, STACK_GLOBAL)", "(root)", protocol=4)

    # ---------------------------------------------------------------- wrapped checkpoints
    opt = trained_adam(tagger)
    opt_state = opt.state_dict()
    save("checkpoint-wrapped", {"epoch": 12, "model_state_dict": tagger.state_dict(), "optimizer_state_dict": opt_state,
                                "loss": 0.25}, tagger, "checkpoint",
         "{'epoch': 12, 'model_state_dict': ..., 'optimizer_state_dict': Adam after one step, 'loss': 0.25}",
         "model_state_dict", extra={"optimizerElements": optimizer_elements(opt_state), "epoch": 12})
    seq_opt = trained_adam(seq)
    lightning = {
        "epoch": 3, "global_step": 120, "pytorch-lightning_version": "1.9.0",
        "state_dict": collections.OrderedDict(("model." + k, v) for k, v in seq.state_dict().items()),
        "loops": {"fit_loop": {"epoch_progress": {"current": {"completed": 3}}}},
        "callbacks": {"ModelCheckpoint": {"best_model_score": torch.tensor(0.5), "dirpath": "checkpoints"}},
        "optimizer_states": [seq_opt.state_dict()], "lr_schedulers": [], "hparams_name": "kwargs",
        "hyper_parameters": {"hidden": 16, "layers": 2},
    }
    save("lightning", lightning, seq, "checkpoint",
         "a Lightning-style .ckpt: state_dict with the 'model.' prefix of a LightningModule attribute, optimizer_states, "
         "callbacks holding a scalar tensor", "state_dict", ext=".ckpt",
         extra={"optimizerElements": optimizer_elements(seq_opt.state_dict()), "epoch": 3})

    sparse = torch.sparse_coo_tensor([[0, 2], [1, 0]], [1.5, -2.0], (3, 3))
    save("checkpoint-sparse", {"model_state_dict": lstm.state_dict(), "grad_hint": sparse}, lstm, "checkpoint",
         "{'model_state_dict': nn.LSTM(5, 4).state_dict(), 'grad_hint': a sparse COO tensor (names "
         "torch.serialization._get_layout)}", "model_state_dict")

    # ---------------------------------------------------------------- whole modules
    save("module-tagger", tagger, tagger, "module",
         "torch.save(model) of Tagger: module tree, BatchNorm1d buffers, head.bias frozen, out.weight tied to emb.weight")
    save("module-seq2seq", seq, seq, "module", "torch.save(model) of Seq2Seq: user classes Encoder and Decoder")
    save("module-lstm", lstm, lstm, "module", "torch.save(nn.LSTM(5, 4)): the bare module")
    shared = SharedGru()
    save("module-shared", shared, shared, "module", "torch.save(model) with one nn.GRU registered as 'gru' and 'again'")

    # ---------------------------------------------------------------- TorchScript
    script_model = GruHead()
    scripted = torch.jit.script(script_model)
    scripted.save(os.path.join(ROOT, "torchscript-scripted.pt"))
    rows.append({"id": "torchscript-scripted", "file": "torchscript-scripted.pt", "framework": FRAMEWORK,
                 "note": "torch.jit.script(GruHead()).save(...): GRU(6, 8, 2 layers), Linear, buffer 'scale'",
                 "kind": "torchscript", "content": "torchscript", "stateDictKey": None, **model_counts(script_model),
                 "bytes": os.path.getsize(os.path.join(ROOT, "torchscript-scripted.pt"))})
    traced_model = Seq2Seq()
    traced = torch.jit.trace(traced_model, torch.zeros(2, 5, dtype=torch.long))
    traced.save(os.path.join(ROOT, "torchscript-traced.pt"))
    rows.append({"id": "torchscript-traced", "file": "torchscript-traced.pt", "framework": FRAMEWORK,
                 "note": "torch.jit.trace(Seq2Seq(), tokens).save(...)", "kind": "torchscript",
                 "content": "torchscript", "stateDictKey": None, **model_counts(traced_model),
                 "bytes": os.path.getsize(os.path.join(ROOT, "torchscript-traced.pt"))})

    # ---------------------------------------------------------------- legacy format
    save("legacy-state-dict", f64.state_dict(), f64, "state_dict",
         "_use_new_zipfile_serialization=False: nn.RNN(4, 3, bidirectional=True).double() state dict", "(root)",
         legacy=True)
    save("legacy-protocol1", lstm.state_dict(), lstm, "state_dict",
         "_use_new_zipfile_serialization=False, pickle_protocol=1: the magic number is a text LONG opcode", "(root)",
         legacy=True, protocol=1)
    save("legacy-module", seq, seq, "module", "_use_new_zipfile_serialization=False: torch.save(Seq2Seq())",
         legacy=True)
    save("legacy-checkpoint", {"epoch": 7, "model_state_dict": zoo.state_dict()}, zoo, "checkpoint",
         "_use_new_zipfile_serialization=False: {'epoch': 7, 'model_state_dict': Zoo().state_dict()}",
         "model_state_dict", legacy=True, extra={"epoch": 7})

    # ---------------------------------------------------------------- hostile pickles (never loaded)
    write_hostile(os.path.join(ROOT, "hostile-os-system.pt"), "hostile-os-system", pickle.dumps(OsSystem(), protocol=2))
    write_hostile(os.path.join(ROOT, "hostile-outside-global.pt"), "hostile-outside-global",
                  pickle.dumps({"w": Outside()}, protocol=2))
    rows.append({"id": "hostile-os-system", "file": "hostile-os-system.pt", "framework": "python-" + sys.version.split()[0],
                 "note": "data.pkl is pickle.dumps of an object whose __reduce__ returns (os.system, (...)): "
                         "GLOBAL 'posix system' + REDUCE", "kind": "hostile"})
    rows.append({"id": "hostile-outside-global", "file": "hostile-outside-global.pt",
                 "framework": "python-" + sys.version.split()[0],
                 "note": "data.pkl is {'w': webbrowser.open('http://127.0.0.1/')} as GLOBAL + REDUCE: a global outside "
                         "the allow-list", "kind": "hostile"})

    with open(os.path.join(ROOT, "manifest.json"), "w") as f:
        json.dump({"framework": FRAMEWORK, "models": rows}, f, indent=1)
        f.write("\n")
    print("wrote %d torch fixtures" % len(rows))

    if args.large:
        big = nn.LSTM(1024, 1024, num_layers=2)
        torch.save(big.state_dict(), args.large)
        print("wrote", args.large, os.path.getsize(args.large), "bytes")


if __name__ == "__main__":
    main()
