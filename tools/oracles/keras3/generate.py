#!/usr/bin/python3
"""Oracle generator: Keras 3.16 golden vectors and model files from REAL Keras runs (numpy backend).

    /usr/bin/python3 tools/oracles/keras3/generate.py --keras-src DIR --shims DIR [--check]

DIR for --keras-src is the keras-team/keras source at the 3.16.0 version commit, extracted to a folder outside the
repository; DIR for --shims is the folder of the four small stand-ins (k3boot.py, ml_dtypes.py, tree/, jax/) that let
that source run on Debian's Python without optree, ml-dtypes or jax (see README.md). Both can also be given as the
environment variables KERAS3_SRC and KERAS3_SHIMS. Neither is part of this repository.

Every number and string written comes from Keras objects: layer.count_params(), the trainable / non-trainable
weights, symbolic output shapes, model.summary(print_fn=...), model.to_json(indent=1, sort_keys=True),
model.save(). The script only holds the configurations (the lists LAYERS and MODELS below) and never computes a
count. Output (paths relative to the repository root):

    tests/RecurrentParams.Tests/Vectors/keras3-layers.jsonl       101 single layers
    tests/RecurrentParams.Tests/Vectors/keras3-models.jsonl       20 models with their summary texts
    tests/RecurrentParams.Import.Tests/Fixtures/keras3/<id>.json  model.to_json(indent=1, sort_keys=True) of each model
    tests/RecurrentParams.Import.Tests/Fixtures/keras3/{blog-simplernn,seq-emb-bilstm}.keras   model.save()
    tests/RecurrentParams.Import.Tests/Fixtures/h5/keras3-blog-simplernn.h5                      model.save() (legacy)

The text files are byte-identical on every run. A .keras archive carries three fields that change on every run
whatever the seed (the save time in metadata.json, the same time as the zip date of model.weights.h5, and the
Python object ids that config.json uses as shared_object_id). A .keras file is therefore rewritten only when
something else differs; --check compares archives with those three fields set aside and everything else byte for byte.

--check writes everything into a temporary folder, compares it with the committed files and exits with 1 on any
difference (0 when all match).
"""
import argparse
import contextlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import families  # noqa: E402  (the configurations of the layer families and the frozen / nested models)

KERAS_VERSION = "3.16.0"
# keras.utils.set_random_seed(SEED) right before each model is built: it fixes the initial weight values
# that model.save() writes. Nothing written depends on it otherwise (counts and shapes do not depend on values).
SEED = 0

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
VECTORS = os.path.join("tests", "RecurrentParams.Tests", "Vectors")
FIXTURES = os.path.join("tests", "RecurrentParams.Import.Tests", "Fixtures")
LAYERS_FILE = os.path.join(VECTORS, "keras3-layers.jsonl")
MODELS_FILE = os.path.join(VECTORS, "keras3-models.jsonl")
MODEL_DIR = os.path.join(FIXTURES, "keras3")
H5_DIR = os.path.join(FIXTURES, "h5")
FAMILIES_FILE = os.path.join(VECTORS, "keras3-layer-families.jsonl")
MORE_MODELS_FILE = os.path.join(VECTORS, "keras3-models-more.jsonl")
MORE_MODEL_DIR = os.path.join(FIXTURES, "keras3-more")

NONE = None  # an unknown dimension (batch or time steps) in an input shape


# --------------------------------------------------------------------------------------------------------------------
# Configurations. Each layer: (id, layer class, config, inner or None, input batch shape). A wrapper
# (Bidirectional, TimeDistributed) wraps inner = {"layer": class, "config": config}. config holds only the keyword
# arguments that are set, in the order they are passed; everything else is Keras' default.
# --------------------------------------------------------------------------------------------------------------------
def _layers():
    rows = []
    sizes = [(u, i) for u in (1, 4, 8, 32) for i in (1, 5, 16)]
    # The three recurrent layers over a grid of units x input features (all with a bias).
    for cls, prefix in (("SimpleRNN", "simplernn"), ("LSTM", "lstm")):
        for u, i in sizes:
            rows.append((f"{prefix}-u{u}-i{i}-bias1", cls, {"units": u, "use_bias": True}, None, [NONE, NONE, i]))
    for ra in (True, False):
        for u, i in sizes:
            rows.append((f"gru-u{u}-i{i}-bias1-ra{int(ra)}", "GRU", {"units": u, "use_bias": True, "reset_after": ra},
                         None, [NONE, NONE, i]))
    # return_sequences on a fixed number of time steps.
    for cls, prefix, extra in (("SimpleRNN", "simplernn", {}), ("LSTM", "lstm", {}),
                               ("GRU", "gru-ra1", {"reset_after": True}), ("GRU", "gru-ra0", {"reset_after": False})):
        for seq in (False, True):
            config = {"units": 4, "return_sequences": seq, "return_state": False, **extra}
            rows.append((f"{prefix}-u4-i5-t7-seq{int(seq)}-state0", cls, config, None, [NONE, 7, 5]))
    # Bidirectional in every merge mode, plus return_state for two of the inner layers.
    for cls, prefix, extra, seq, state in (("SimpleRNN", "simplernn", {}, False, True),
                                           ("LSTM", "lstm", {}, True, False),
                                           ("GRU", "gru-ra1", {"reset_after": True}, False, True),
                                           ("GRU", "gru-ra0", {"reset_after": False}, True, False)):
        for mode in ("concat", "sum", "mul", "ave", None):
            inner = {"layer": cls, "config": {"units": 4, **extra, "return_sequences": seq}}
            rows.append((f"bidi-{prefix}-u4-i5-{mode}-seq{int(seq)}", "Bidirectional", {"merge_mode": mode}, inner,
                         [NONE, NONE, 5]))
        if state:
            inner = {"layer": cls, "config": {"units": 4, **extra, "return_state": True}}
            rows.append((f"bidi-{prefix}-u4-i5-concat-state1", "Bidirectional", {"merge_mode": "concat"}, inner,
                         [NONE, NONE, 5]))
    rows += [
        ("bidi-lstm-u8-i3-concat-nobias", "Bidirectional", {}, {"layer": "LSTM", "config": {"units": 8, "use_bias": False}},
         [NONE, NONE, 3]),
        ("td-dense-k1-i4-bias1", "TimeDistributed", {}, {"layer": "Dense", "config": {"units": 1, "use_bias": True}},
         [NONE, NONE, 4]),
        ("td-dense-k3-i8-bias0", "TimeDistributed", {}, {"layer": "Dense", "config": {"units": 3, "use_bias": False}},
         [NONE, NONE, 8]),
        ("dense-u1-i1-bias1", "Dense", {"units": 1, "use_bias": True}, None, [NONE, 1]),
        ("dense-u10-i4-bias1", "Dense", {"units": 10, "use_bias": True}, None, [NONE, 4]),
        ("dense-u64-i128-bias1", "Dense", {"units": 64, "use_bias": True}, None, [NONE, 128]),
        ("dense-u5-3d-in", "Dense", {"units": 5}, None, [NONE, 7, 3]),
        ("embedding-v1000-d64-mask0", "Embedding", {"input_dim": 1000, "output_dim": 64, "mask_zero": False}, None,
         [NONE, NONE]),
        ("embedding-v50-d8-mask1", "Embedding", {"input_dim": 50, "output_dim": 8, "mask_zero": True}, None,
         [NONE, NONE]),
        ("conv1d-f4-k3-i5-bias1-valid-t20", "Conv1D", {"filters": 4, "kernel_size": 3, "use_bias": True, "padding": "valid"},
         None, [NONE, 20, 5]),
        ("conv1d-f16-k5-i8-bias1-same-t20", "Conv1D", {"filters": 16, "kernel_size": 5, "use_bias": True, "padding": "same"},
         None, [NONE, 20, 8]),
        ("conv1d-f2-k7-i3-bias1-causal-t30", "Conv1D",
         {"filters": 2, "kernel_size": 7, "use_bias": True, "padding": "causal"}, None, [NONE, 30, 3]),
        ("convlstm2d-f4-k3-c2-bias1", "ConvLSTM2D", {"filters": 4, "kernel_size": 3, "use_bias": True}, None,
         [NONE, 6, 10, 10, 2]),
        ("convlstm2d-f4-k3-c2-bias0", "ConvLSTM2D", {"filters": 4, "kernel_size": 3, "use_bias": False}, None,
         [NONE, 6, 10, 10, 2]),
        ("convlstm2d-f8-k5-c1-bias1", "ConvLSTM2D", {"filters": 8, "kernel_size": 5, "use_bias": True}, None,
         [NONE, 6, 10, 10, 1]),
        ("batchnorm-c1-s1-i4", "BatchNormalization", {"center": True, "scale": True}, None, [NONE, 4]),
        ("batchnorm-c0-s1-i4", "BatchNormalization", {"center": False, "scale": True}, None, [NONE, 4]),
        ("batchnorm-c1-s0-i4", "BatchNormalization", {"center": True, "scale": False}, None, [NONE, 4]),
        ("batchnorm-c0-s0-i4", "BatchNormalization", {"center": False, "scale": False}, None, [NONE, 4]),
        ("batchnorm-c1-s1-i64", "BatchNormalization", {"center": True, "scale": True}, None, [NONE, 64]),
        ("batchnorm-3d-i8", "BatchNormalization", {}, None, [NONE, NONE, 8]),
        # MultiHeadAttention is called as self-attention: query = value = the input.
        ("mha-h2-k4-d8-bias1", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4, "use_bias": True}, None,
         [NONE, 10, 8]),
        ("mha-h4-k16-d16-bias1", "MultiHeadAttention", {"num_heads": 4, "key_dim": 16, "use_bias": True}, None,
         [NONE, 10, 16]),
    ]
    return rows


LAYERS = _layers()


def _l(cls, **config):
    return {"layer": cls, "config": config}


def _wrap(cls, inner, **config):
    return {"layer": cls, "config": config, "inner": inner}


SOFTMAX3 = _l("Dense", units=3, activation="softmax")

# Each model: (id, kind, input batch shape, input dtype, spec, saved as). kind "functional" is
# keras.Model(Input(name="inputs") -> layers in turn); "sequential" is keras.Sequential([Input, *layers]);
# "branching" is Input(name="inputs") -> spec[0] and spec[1] side by side -> Concatenate() -> spec[2].
# "saved as" lists the model.save() files written besides <id>.json: ".keras" (Fixtures/keras3/<id>.keras) and
# ".h5" (Fixtures/h5/keras3-<id>.h5, the legacy format).
MODELS = [
    # The reference blog post's two models, as Functional and as Sequential.
    ("blog-simplernn", "functional", [NONE, NONE, 5], "float32", [_l("SimpleRNN", units=4)], (".keras", ".h5")),
    ("blog-lstm-seq", "functional", [NONE, NONE, 5], "float32", [_l("LSTM", units=4, return_sequences=True)], ()),
    ("blog-simplernn-seqmodel", "sequential", [NONE, NONE, 5], "float32", [_l("SimpleRNN", units=4)], ()),
    ("blog-lstm-seq-seqmodel", "sequential", [NONE, NONE, 5], "float32", [_l("LSTM", units=4, return_sequences=True)],
     ()),
    # Sequential recurrent stacks.
    ("seq-emb-lstm", "sequential", [NONE, NONE], "int32",
     [_l("Embedding", input_dim=100, output_dim=8), _l("LSTM", units=16, return_sequences=False), SOFTMAX3], ()),
    ("seq-gru1", "sequential", [NONE, NONE, 6], "float32",
     [_l("GRU", units=16, return_sequences=False, reset_after=True), SOFTMAX3], ()),
    ("seq-emb-gru0", "sequential", [NONE, NONE], "int32",
     [_l("Embedding", input_dim=100, output_dim=8), _l("GRU", units=16, return_sequences=False, reset_after=False),
      SOFTMAX3], ()),
    ("seq-srnn-bn", "sequential", [NONE, NONE, 6], "float32",
     [_l("SimpleRNN", units=16, return_sequences=False), _l("BatchNormalization"), SOFTMAX3], ()),
    ("seq-emb-bilstm", "sequential", [NONE, NONE], "int32",
     [_l("Embedding", input_dim=100, output_dim=8),
      _wrap("Bidirectional", _l("LSTM", units=16, return_sequences=False)), SOFTMAX3], (".keras",)),
    ("seq-lstm-lstm", "sequential", [NONE, NONE, 6], "float32",
     [_l("LSTM", units=16, return_sequences=True), _l("LSTM", units=8, return_sequences=False), SOFTMAX3], ()),
    ("seq-emb-gru1-gru1", "sequential", [NONE, NONE], "int32",
     [_l("Embedding", input_dim=100, output_dim=8), _l("GRU", units=16, return_sequences=True, reset_after=True),
      _l("GRU", units=8, return_sequences=False, reset_after=True), SOFTMAX3], ()),
    ("seq-bilstm-gru1", "sequential", [NONE, NONE, 6], "float32",
     [_wrap("Bidirectional", _l("LSTM", units=16, return_sequences=True)),
      _l("GRU", units=8, return_sequences=False, reset_after=True), SOFTMAX3], ()),
    ("seq-emb-srnn-bigru1sum-bn", "sequential", [NONE, NONE], "int32",
     [_l("Embedding", input_dim=100, output_dim=8), _l("SimpleRNN", units=16, return_sequences=True),
      _wrap("Bidirectional", _l("GRU", units=8, return_sequences=False, reset_after=True), merge_mode="sum"),
      _l("BatchNormalization"), SOFTMAX3], ()),
    ("seq-lstm-bisrnnave-gru0", "sequential", [NONE, NONE, 6], "float32",
     [_l("LSTM", units=16, return_sequences=True),
      _wrap("Bidirectional", _l("SimpleRNN", units=8, return_sequences=True), merge_mode="ave"),
      _l("GRU", units=4, return_sequences=False, reset_after=False), SOFTMAX3], ()),
    ("seq-emb-bilstm-bilstm-lstm", "sequential", [NONE, NONE], "int32",
     [_l("Embedding", input_dim=100, output_dim=8), _wrap("Bidirectional", _l("LSTM", units=16, return_sequences=True)),
      _wrap("Bidirectional", _l("LSTM", units=8, return_sequences=True)), _l("LSTM", units=4, return_sequences=False),
      SOFTMAX3], ()),
    ("seq-gru1-lstm-srnn", "sequential", [NONE, NONE, 6], "float32",
     [_l("GRU", units=16, return_sequences=True, reset_after=True), _l("LSTM", units=8, return_sequences=True),
      _l("SimpleRNN", units=4, return_sequences=False), SOFTMAX3], ()),
    ("seq-emb-bigru1sum", "sequential", [NONE, NONE], "int32",
     [_l("Embedding", input_dim=100, output_dim=8),
      _wrap("Bidirectional", _l("GRU", units=16, return_sequences=False, reset_after=True), merge_mode="sum"),
      SOFTMAX3], ()),
    ("seq-gru0-bilstm-bn", "sequential", [NONE, NONE, 6], "float32",
     [_l("GRU", units=16, return_sequences=True, reset_after=False),
      _wrap("Bidirectional", _l("LSTM", units=8, return_sequences=False)), _l("BatchNormalization"), SOFTMAX3], ()),
    ("seq-td-dense-bilstm", "sequential", [NONE, 12, 4], "float32",
     [_wrap("Bidirectional", _l("LSTM", units=5, return_sequences=True)), _wrap("TimeDistributed", _l("Dense", units=1))],
     ()),
    # One branching Functional graph (gets the "Connected to" column).
    ("branch-lstm-gru1-concat", "branching", [NONE, NONE, 5], "float32",
     [_l("LSTM", units=4), _l("GRU", units=4, reset_after=True), _l("Dense", units=2)], ()),
]


# --------------------------------------------------------------------------------------------------------------------
# Keras
# --------------------------------------------------------------------------------------------------------------------
def load_keras(keras_src, shims):
    """Imports Keras from its source tree on the numpy backend, with the stand-ins of the runner."""
    for name, path in (("--keras-src / KERAS3_SRC", keras_src), ("--shims / KERAS3_SHIMS", shims)):
        if not path or not os.path.isdir(path):
            sys.exit(f"generate.py: {name} must name an existing folder (got {path!r}); see tools/oracles/keras3/README.md")
    os.environ["KERAS_BACKEND"] = "numpy"
    # The summary's default width is min(88 or 108, terminal columns - 4), and rich wraps at the console width.
    os.environ["COLUMNS"] = "200"
    sys.path.insert(0, os.path.abspath(keras_src))
    sys.path.insert(0, os.path.abspath(shims))
    import k3boot  # noqa: F401  (stub modules the numpy backend imports but never uses here)
    import keras
    if keras.__version__ != KERAS_VERSION:
        sys.exit(f"generate.py: needs Keras {KERAS_VERSION}, found {keras.__version__} in {keras_src}")
    # model.save('x.h5') logs a "legacy format" warning through absl; it says nothing about the data.
    import absl.logging
    absl.logging.set_verbosity(absl.logging.ERROR)
    return keras


def shape_of(t):
    return list(t.shape)


def output_shapes(y):
    return [shape_of(t) for t in y] if isinstance(y, (list, tuple)) else shape_of(y)


def weight_count(weights):
    total = 0
    for w in weights:
        n = 1
        for d in w.shape:
            n *= d
        total += n
    return total


def make_layer(keras, spec):
    if "inner" in spec:
        return getattr(keras.layers, spec["layer"])(make_layer(keras, spec["inner"]), **spec["config"])
    return getattr(keras.layers, spec["layer"])(**spec["config"])


def layer_row(keras, framework, ident, cls, config, inner, input_shape):
    keras.utils.clear_session()
    spec = {"layer": cls, "config": config}
    if inner is not None:
        spec["inner"] = inner
    layer = make_layer(keras, spec)
    x = keras.Input(batch_shape=input_shape, dtype="int32" if cls == "Embedding" else "float32")
    y = layer(x, x) if cls == "MultiHeadAttention" else layer(x)
    row = {"id": ident, "framework": framework, "layer": cls, "config": config}
    if inner is not None:
        row["inner"] = inner
    row.update({
        "inputShape": input_shape,
        "outputShape": output_shapes(y),
        "params": layer.count_params(),
        "trainable": weight_count(layer.trainable_weights),
        "nonTrainable": weight_count(layer.non_trainable_weights),
        "weights": [{"name": w.name, "path": w.path, "shape": shape_of(w), "trainable": w.trainable}
                    for w in layer.weights],
    })
    return row


def build_model(keras, ident, kind, input_shape, dtype, spec):
    keras.utils.clear_session()
    keras.utils.set_random_seed(SEED)
    if kind == "sequential":
        return keras.Sequential([keras.Input(batch_shape=input_shape, dtype=dtype)]
                                + [make_layer(keras, s) for s in spec], name=ident)
    inputs = keras.Input(batch_shape=input_shape, dtype=dtype, name="inputs")
    if kind == "functional":
        x = inputs
        for s in spec:
            x = make_layer(keras, s)(x)
        return keras.Model(inputs, x, name=ident)
    if kind == "branching":
        left = make_layer(keras, spec[0])(inputs)
        right = make_layer(keras, spec[1])(inputs)
        joined = keras.layers.Concatenate()([left, right])
        return keras.Model(inputs, make_layer(keras, spec[2])(joined), name=ident)
    raise ValueError(kind)


def summary_text(model, **kwargs):
    captured = []
    model.summary(print_fn=captured.append, **kwargs)
    if len(captured) != 1:
        raise RuntimeError(f"model.summary printed {len(captured)} times, expected once")
    return captured[0]


def model_row(keras, framework, ident, kind, input_shape, dtype, spec, model):
    layers = [{"name": l.name, "class": l.__class__.__name__, "outputShape": output_shapes(l.output),
               "params": l.count_params(), "trainable": weight_count(l.trainable_weights),
               "nonTrainable": weight_count(l.non_trainable_weights)} for l in model.layers]
    return {
        "id": ident, "framework": framework, "kind": kind, "inputShape": input_shape, "inputDtype": dtype,
        "spec": spec, "layers": layers, "params": model.count_params(),
        "trainable": weight_count(model.trainable_weights), "nonTrainable": weight_count(model.non_trainable_weights),
        "summary": summary_text(model),
        "summaryLineLength80": summary_text(model, line_length=80),
        "summaryShowTrainable": summary_text(model, show_trainable=True),
    }


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def generate(keras, root):
    """Writes every file under root (a repository root or a temporary folder). Returns the relative paths."""
    framework = "keras-" + keras.__version__
    for d in (VECTORS, MODEL_DIR, H5_DIR):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    written = [LAYERS_FILE, MODELS_FILE]
    write_jsonl(os.path.join(root, LAYERS_FILE), [layer_row(keras, framework, *spec) for spec in LAYERS])
    rows = []
    for ident, kind, input_shape, dtype, spec, saves in MODELS:
        model = build_model(keras, ident, kind, input_shape, dtype, spec)
        rows.append(model_row(keras, framework, ident, kind, input_shape, dtype, spec, model))
        json_path = os.path.join(MODEL_DIR, ident + ".json")
        with open(os.path.join(root, json_path), "w", encoding="utf-8", newline="\n") as f:
            f.write(model.to_json(indent=1, sort_keys=True))
        written.append(json_path)
        for ext in saves:
            rel = os.path.join(MODEL_DIR, ident + ".keras") if ext == ".keras" else os.path.join(H5_DIR, "keras3-" + ident + ".h5")
            model.save(os.path.join(root, rel))
            written.append(rel)
    write_jsonl(os.path.join(root, MODELS_FILE), rows)
    written += generate_families(keras, framework, root)
    return written


# --------------------------------------------------------------------------------------------------------------------
# Layer families, frozen and nested models (configurations in families.py)
# --------------------------------------------------------------------------------------------------------------------
def family_row(keras, framework, ident, family, cls, config, inner, input_shape, call):
    keras.utils.clear_session()
    spec = {"layer": cls, "config": config}
    if inner is not None:
        spec["inner"] = inner
    layer = make_layer(keras, spec)
    several = call != "one"
    shapes = input_shape if several else [input_shape]
    xs = [keras.Input(batch_shape=s, dtype="int32" if cls == "Embedding" else "float32") for s in shapes]
    if call == "list":
        y = layer(xs)
    elif call == "args":
        y = layer(*xs)
    else:
        y = layer(xs[0])
    row = {"id": ident, "framework": framework, "family": family, "layer": cls, "config": config}
    if inner is not None:
        row["inner"] = inner
    row.update({
        "call": call,
        "inputShape": input_shape,
        "outputShape": output_shapes(y),
        "params": layer.count_params(),
        "trainable": weight_count(layer.trainable_weights),
        "nonTrainable": weight_count(layer.non_trainable_weights),
        "weights": [{"name": w.name, "path": w.path, "shape": shape_of(w), "trainable": w.trainable}
                    for w in layer.weights],
    })
    return row


def rnn_row(keras, framework, ident, cells, config, input_shape):
    keras.utils.clear_session()
    built = [getattr(keras.layers, c)(**cc) for c, cc in cells]
    layer = keras.layers.RNN(built if len(built) > 1 else built[0], **config)
    y = keras.tree.flatten(layer(keras.Input(batch_shape=input_shape)))
    return {
        "id": ident, "framework": framework, "family": "recurrent", "layer": "RNN", "config": config,
        "cells": [{"layer": c, "config": cc} for c, cc in cells], "call": "one", "inputShape": input_shape,
        "outputShape": output_shapes(y if len(y) > 1 else y[0]), "params": layer.count_params(),
        "trainable": weight_count(layer.trainable_weights), "nonTrainable": weight_count(layer.non_trainable_weights),
        "weights": [{"name": w.name, "path": w.path, "shape": shape_of(w), "trainable": w.trainable}
                    for w in layer.weights],
    }


def counts(model):
    return {"params": model.count_params(), "trainable": weight_count(model.trainable_weights),
            "nonTrainable": weight_count(model.non_trainable_weights)}


def more_model_row(keras, framework, ident, model):
    layers = [{"name": l.name, "class": l.__class__.__name__, "outputShape": output_shapes(l.output),
               "params": l.count_params(), "trainable": weight_count(l.trainable_weights),
               "nonTrainable": weight_count(l.non_trainable_weights), "layerTrainable": l.trainable}
              for l in model.layers]
    # The readers read the JSON: the truth is what Keras counts for the model it loads from that JSON. One model holds
    # a Lambda layer, whose reloading runs Python bytecode that this script itself wrote (clear_session resets the flag).
    keras.config.enable_unsafe_deserialization()
    reloaded = keras.models.model_from_json(model.to_json(), custom_objects=families.CUSTOM_OBJECTS)
    return {
        "id": ident, "framework": framework, "layers": layers, **counts(model), "reloaded": counts(reloaded),
        "summary": summary_text(model), "summaryShowTrainable": summary_text(model, show_trainable=True),
    }


def generate_families(keras, framework, root):
    families.register(keras)
    os.makedirs(os.path.join(root, MORE_MODEL_DIR), exist_ok=True)
    rows = [family_row(keras, framework, *spec) for spec in families.LAYERS]
    rows += [rnn_row(keras, framework, *spec) for spec in families.RNN_LAYERS]
    write_jsonl(os.path.join(root, FAMILIES_FILE), rows)
    written = [FAMILIES_FILE, MORE_MODELS_FILE]
    model_rows = []
    for ident, build, saves in families.MODELS:
        keras.utils.clear_session()
        keras.utils.set_random_seed(SEED)
        model = build(keras)
        model_rows.append(more_model_row(keras, framework, ident, model))
        json_path = os.path.join(MORE_MODEL_DIR, ident + ".json")
        with open(os.path.join(root, json_path), "w", encoding="utf-8", newline="\n") as f:
            f.write(model.to_json(indent=1, sort_keys=True))
        written.append(json_path)
        if ".keras" in saves:
            rel = os.path.join(MORE_MODEL_DIR, ident + ".keras")
            model.save(os.path.join(root, rel))
            written.append(rel)
    write_jsonl(os.path.join(root, MORE_MODELS_FILE), model_rows)
    return written


# --------------------------------------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------------------------------------
VOLATILE_DATE = re.compile(rb'"date_saved": "[0-9]{4}-[0-9]{2}-[0-9]{2}@[0-9]{2}:[0-9]{2}:[0-9]{2}"')
SHARED_ID = re.compile(rb'"shared_object_id": ([0-9]+)')


def _normalize_config(data):
    """shared_object_id values are id() of Python objects: keep which entries share an object, drop the numbers."""
    order = {}
    return SHARED_ID.sub(lambda m: b'"shared_object_id": #%d' % order.setdefault(m.group(1), len(order)), data)


def archive_differences(new_path, old_path):
    """Differences between two .keras archives other than the save time and the object ids (a list of strings)."""
    with zipfile.ZipFile(new_path) as new, zipfile.ZipFile(old_path) as old:
        a, b = new.infolist(), old.infolist()
        if [i.filename for i in a] != [i.filename for i in b]:
            return [f"entries {[i.filename for i in a]} != {[i.filename for i in b]}"]
        found = []
        for x, y in zip(a, b):
            for field in ("compress_type", "create_system", "create_version", "extract_version", "external_attr",
                          "flag_bits", "extra", "comment", "file_size"):
                if getattr(x, field) != getattr(y, field):
                    found.append(f"{x.filename}: zip {field} {getattr(x, field)!r} != {getattr(y, field)!r}")
            if x.date_time != y.date_time and x.filename != "model.weights.h5":
                found.append(f"{x.filename}: zip date {x.date_time} != {y.date_time}")
            p, q = new.read(x), old.read(y)
            if x.filename == "metadata.json":
                p, q = VOLATILE_DATE.sub(b'"date_saved": ?', p), VOLATILE_DATE.sub(b'"date_saved": ?', q)
            elif x.filename == "config.json":
                p, q = _normalize_config(p), _normalize_config(q)
            if p != q:
                found.append(f"{x.filename}: content differs")
        # The local headers and the central directory hold nothing else; sizes and offsets follow from the above.
        if os.path.getsize(new_path) != os.path.getsize(old_path):
            found.append(f"archive size {os.path.getsize(new_path)} != {os.path.getsize(old_path)}")
        return found


def differences(new_path, old_path, rel):
    if not os.path.exists(old_path):
        return ["missing from the repository"]
    if rel.endswith(".keras"):
        return archive_differences(new_path, old_path)
    with open(new_path, "rb") as f, open(old_path, "rb") as g:
        a, b = f.read(), g.read()
    if a == b:
        return []
    at = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
    return [f"differs from byte {at} ({len(a)} bytes generated, {len(b)} committed)"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keras-src", default=os.environ.get("KERAS3_SRC"),
                        help="keras-team/keras source at the 3.16.0 version commit (or KERAS3_SRC)")
    parser.add_argument("--shims", default=os.environ.get("KERAS3_SHIMS"),
                        help="folder with k3boot.py, ml_dtypes.py, tree/ and jax/ (or KERAS3_SHIMS)")
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temporary folder and compare with the committed files")
    args = parser.parse_args()
    started = time.monotonic()
    keras = load_keras(args.keras_src, args.shims)
    with tempfile.TemporaryDirectory(prefix="keras3-oracle-") as tmp:
        with contextlib.redirect_stdout(io.StringIO()):
            written = generate(keras, tmp)
        failed = rewritten = 0
        for rel in written:
            found = differences(os.path.join(tmp, rel), os.path.join(REPO, rel), rel)
            volatile = " (apart from the save time and object ids)" if rel.endswith(".keras") else ""
            if args.check:
                status = "DIFFERS: " + "; ".join(found) if found else "identical" + volatile
                print(f"{status:<60} {rel}")
                failed += bool(found)
            elif found:
                os.makedirs(os.path.dirname(os.path.join(REPO, rel)), exist_ok=True)
                shutil.copyfile(os.path.join(tmp, rel), os.path.join(REPO, rel))
                print(f"wrote {rel}")
                rewritten += 1
        elapsed = time.monotonic() - started
        if args.check:
            print(f"{len(written) - failed} of {len(written)} files match ({elapsed:.1f} s)")
            return 1 if failed else 0
        print(f"{len(written)} files generated, {rewritten} of them differed and were written ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
