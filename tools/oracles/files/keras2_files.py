"""HAND-WRITTEN Keras 2 topology JSON (no Keras 2 or TensorFlow is available on this machine).

    python3 tools/oracles/files/keras2_files.py

Writes tests/RecurrentParams.Import.Tests/Fixtures/keras2/<id>.json and manifest.json. Each file is written in the
format `model.to_json()` of the named Keras version produces (standalone Keras 2.0 / 2.3, tf.keras 2.x), but by hand:
every file carries a top-level "_note" saying so. Each model mirrors, layer for layer, a model whose counts come from a
real framework run: the manifest names that run (a row of tests/RecurrentParams.Tests/Vectors/keras3-models.jsonl, made
by Keras 3.16) and copies its per-layer counts and output shapes from there, so no count here comes from a formula.
GRU reset_after is written the way each Keras version writes it: explicitly false in standalone Keras 2.3, true in
tf.keras 2.x, absent in Keras 2.0 (which had no such option and behaved as reset_after=False).
"""
import json
import os

HERE = os.path.dirname(__file__)
OUT = os.path.join(HERE, "..", "..", "..", "tests", "RecurrentParams.Import.Tests", "Fixtures", "keras2")
VECTORS = os.path.join(HERE, "..", "..", "..", "tests", "RecurrentParams.Tests", "Vectors", "keras3-models.jsonl")
NOTE = "Hand-written in the format of {0} (no Keras 2 available); counts mirror the Keras 3.16 run '{1}'."

GLOROT = {"class_name": "GlorotUniform", "config": {"seed": None}}
ORTHO = {"class_name": "Orthogonal", "config": {"gain": 1.0, "seed": None}}
ZEROS = {"class_name": "Zeros", "config": {}}


def rnn(kind, name, units, return_sequences=False, reset_after=None, extra=None):
    config = {"name": name, "trainable": True, "dtype": "float32", "return_sequences": return_sequences,
              "return_state": False, "go_backwards": False, "stateful": False, "unroll": False, "units": units,
              "activation": "tanh", "use_bias": True, "kernel_initializer": GLOROT, "recurrent_initializer": ORTHO,
              "bias_initializer": ZEROS, "kernel_regularizer": None, "recurrent_regularizer": None,
              "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None,
              "recurrent_constraint": None, "bias_constraint": None, "dropout": 0.0, "recurrent_dropout": 0.0}
    if kind != "SimpleRNN":
        config["recurrent_activation"] = "sigmoid"
        config["implementation"] = 2
    if kind == "LSTM":
        config["unit_forget_bias"] = True
    if reset_after is not None:
        config["reset_after"] = reset_after
    config.update(extra or {})
    return {"class_name": kind, "config": config}


def dense(name, units, extra=None):
    config = {"name": name, "trainable": True, "dtype": "float32", "units": units, "activation": "linear",
              "use_bias": True, "kernel_initializer": GLOROT, "bias_initializer": ZEROS, "kernel_regularizer": None,
              "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}
    config.update(extra or {})
    return {"class_name": "Dense", "config": config}


def embedding(name, input_dim, output_dim, extra=None):
    config = {"name": name, "trainable": True, "dtype": "float32", "input_dim": input_dim, "output_dim": output_dim,
              "embeddings_initializer": {"class_name": "RandomUniform", "config": {"minval": -0.05, "maxval": 0.05, "seed": None}},
              "embeddings_regularizer": None, "activity_regularizer": None, "embeddings_constraint": None,
              "mask_zero": False, "input_length": None}
    config.update(extra or {})
    return {"class_name": "Embedding", "config": config}


def node(layer, inbound):
    layer = dict(layer)
    layer["name"] = layer["config"]["name"]
    layer["inbound_nodes"] = [[[src, 0, index, {}] for src, index in inbound]] if inbound is not None else []
    return layer


def models():
    yield ("keras2.3-seq-emb-gru0", "seq-emb-gru0", "standalone Keras 2.3.1 Sequential",
           {"class_name": "Sequential", "config": {"name": "sequential_1", "layers": [
               embedding("embedding_1", 100, 8, {"batch_input_shape": [None, None]}),
               rnn("GRU", "gru_1", 16, reset_after=False),
               dense("dense_1", 3)]}, "keras_version": "2.3.1", "backend": "tensorflow"}, [])

    yield ("keras2.0-seq-lstm-lstm-list", "seq-lstm-lstm", "Keras 2.0.8 Sequential (config is the list of layers)",
           {"class_name": "Sequential", "config": [
               rnn("LSTM", "lstm_1", 16, True, extra={"batch_input_shape": [None, None, 6]}),
               rnn("LSTM", "lstm_2", 8),
               dense("dense_1", 3)], "keras_version": "2.0.8", "backend": "tensorflow"}, [])

    yield ("tfkeras2-functional-branch", "branch-lstm-gru1-concat", "tf.keras 2.9 Functional (nested-list inbound_nodes)",
           {"class_name": "Functional", "config": {"name": "model", "layers": [
               node({"class_name": "InputLayer", "config": {"batch_input_shape": [None, None, 5], "dtype": "float32",
                                                            "sparse": False, "ragged": False, "name": "inputs"}}, None),
               node(rnn("LSTM", "lstm", 4), [("inputs", 0)]),
               node(rnn("GRU", "gru", 4, reset_after=True), [("inputs", 0)]),
               node({"class_name": "Concatenate", "config": {"name": "concatenate", "trainable": True, "dtype": "float32", "axis": -1}},
                    [("lstm", 0), ("gru", 0)]),
               node(dense("dense", 2), [("concatenate", 0)])],
               "input_layers": [["inputs", 0, 0]], "output_layers": [["dense", 0, 0]]},
            "keras_version": "2.9.0", "backend": "tensorflow"}, [])

    yield ("tfkeras2-seq-inputlayer-srnn-bn", "seq-srnn-bn", "tf.keras 2.9 Sequential with an InputLayer entry",
           {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
               {"class_name": "InputLayer", "config": {"batch_input_shape": [None, None, 6], "dtype": "float32",
                                                       "sparse": False, "ragged": False, "name": "simple_rnn_input"}},
               rnn("SimpleRNN", "simple_rnn", 16),
               {"class_name": "BatchNormalization", "config": {
                   "name": "batch_normalization", "trainable": True, "dtype": "float32", "axis": [1], "momentum": 0.99,
                   "epsilon": 0.001, "center": True, "scale": True, "beta_initializer": ZEROS,
                   "gamma_initializer": {"class_name": "Ones", "config": {}}, "moving_mean_initializer": ZEROS,
                   "moving_variance_initializer": {"class_name": "Ones", "config": {}}, "beta_regularizer": None,
                   "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None}},
               dense("dense", 3)]}, "keras_version": "2.9.0", "backend": "tensorflow"}, [])

    yield ("keras2.3-seq-bilstm-td", "seq-td-dense-bilstm", "standalone Keras 2.3.1 Sequential with wrappers",
           {"class_name": "Sequential", "config": {"name": "sequential_2", "layers": [
               {"class_name": "Bidirectional", "config": {"name": "bidirectional_1", "trainable": True,
                                                          "batch_input_shape": [None, 12, 4], "dtype": "float32",
                                                          "layer": rnn("LSTM", "lstm_1", 5, True), "merge_mode": "concat"}},
               {"class_name": "TimeDistributed", "config": {"name": "time_distributed_1", "trainable": True,
                                                            "layer": dense("dense_1", 1)}}]},
            "keras_version": "2.3.1", "backend": "tensorflow"}, [])

    yield ("keras2.2-seq-cudnnlstm", None, "Keras 2.2.4 Sequential with CuDNNLSTM (two bias vectors per gate)",
           {"class_name": "Sequential", "config": {"name": "sequential_1", "layers": [
               {"class_name": "CuDNNLSTM", "config": {"name": "cu_dnnlstm_1", "trainable": True,
                                                      "batch_input_shape": [None, None, 6], "dtype": "float32",
                                                      "units": 16, "return_sequences": False, "return_state": False,
                                                      "stateful": False, "go_backwards": False}},
               dense("dense_1", 3)]}, "keras_version": "2.2.4", "backend": "tensorflow"}, [])


def main():
    os.makedirs(OUT, exist_ok=True)
    vectors = {}
    with open(VECTORS, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            vectors[row["id"]] = row
    manifest = []
    for ident, mirror, fmt, model, unsupported in models():
        model = {"_note": NOTE.format(fmt, mirror) if mirror else "Hand-written in the format of " + fmt + " (no Keras 2 available).", **model}
        with open(os.path.join(OUT, ident + ".json"), "w", encoding="utf-8") as f:
            json.dump(model, f, indent=1)
            f.write("\n")
        entry = {"id": ident, "format": fmt, "mirrors": mirror, "unsupported": unsupported}
        if mirror:
            truth = vectors[mirror]
            layers = [l for l in truth["layers"] if l["class"] != "InputLayer" or model["class_name"] != "Sequential"]
            entry.update({"framework": truth["framework"], "params": truth["params"], "trainable": truth["trainable"],
                          "nonTrainable": truth["nonTrainable"], "layers": layers})
        manifest.append(entry)
    with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"note": "Hand-written Keras 2 JSON; expected counts copied from the Keras 3.16 runs they mirror.",
                   "models": manifest}, f, indent=1)
        f.write("\n")
    print("wrote %d files" % len(manifest))


if __name__ == "__main__":
    main()
