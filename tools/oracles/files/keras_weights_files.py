"""Weights-only Keras HDF5 fixtures (files written by save_weights(), which hold no model_config).

    /usr/bin/python3 tools/oracles/files/keras_weights_files.py

Needs Debian's python3-h5py (apt-get install -y python3-h5py) and the standard zipfile. Writes:

  Fixtures/keras3-weights/<id>.weights.h5   the model.weights.h5 entry of the real Keras 3.16 archives
                                            Fixtures/keras3/<id>.keras, extracted byte for byte: what Keras 3's
                                            model.save_weights("x.weights.h5") writes (groups layers/<layer>/vars/<i>
                                            and layers/<layer>/cell/vars/<i>, unnamed variables)
  Fixtures/h5/weights-<name>.h5             the legacy layout of Keras 2 / tf.keras model.save_weights("x.h5"),
                                            WRITTEN BY THIS SCRIPT: no Keras 2 or TensorFlow is available here. Root
                                            attributes layer_names, backend, keras_version; one group per layer with
                                            attribute weight_names; one zero-filled float32 dataset per weight at the
                                            path its weight name gives. Where a file mirrors a real Keras 3.16 run of
                                            tests/RecurrentParams.Tests/Vectors/keras3-models.jsonl, the shapes are
                                            that model's; the weight names follow standalone Keras 2.2 (lstm_1/kernel:0)
                                            or tf.keras 2 (gru/gru_cell/kernel:0). Object timestamps are off, so
                                            reruns are byte-identical.
"""
import io
import os
import zipfile

import h5py
import numpy as np

HERE = os.path.dirname(__file__)
FIX = os.path.join(HERE, "..", "..", "..", "tests", "RecurrentParams.Import.Tests", "Fixtures")

KERAS3_IDS = ["blog-simplernn", "seq-emb-bilstm"]


# (file, keras_version, [(layer group, [(weight name, shape)])])
LEGACY = [
    # seq-emb-gru0 (Keras 3.16: Embedding 800, GRU(16) reset_after=False 1200, Dense 51), Keras 2.2 names.
    ("weights-keras2-seq-emb-gru0.h5", "2.2.4", [
        ("embedding_1", [("embedding_1/embeddings:0", (100, 8))]),
        ("gru_1", [("gru_1/kernel:0", (8, 48)), ("gru_1/recurrent_kernel:0", (16, 48)), ("gru_1/bias:0", (48,))]),
        ("dense_1", [("dense_1/kernel:0", (16, 3)), ("dense_1/bias:0", (3,))]),
    ]),
    # seq-gru1 (GRU(16) reset_after=True on 6 features 1152, Dense 51), tf.keras 2 names with the cell.
    ("weights-tfkeras-seq-gru1.h5", "2.9.0", [
        ("gru", [("gru/gru_cell/kernel:0", (6, 48)), ("gru/gru_cell/recurrent_kernel:0", (16, 48)), ("gru/gru_cell/bias:0", (2, 48))]),
        ("dense", [("dense/kernel:0", (16, 3)), ("dense/bias:0", (3,))]),
    ]),
    # seq-gru0-bilstm-bn (GRU(16) reset_after=False 1104, Bidirectional(LSTM(8)) 1600, BatchNormalization 64, Dense 51).
    ("weights-keras2-seq-gru0-bilstm-bn.h5", "2.2.4", [
        ("gru_1", [("gru_1/kernel:0", (6, 48)), ("gru_1/recurrent_kernel:0", (16, 48)), ("gru_1/bias:0", (48,))]),
        ("bidirectional_1", [("bidirectional_1/forward_lstm_1/kernel:0", (16, 32)), ("bidirectional_1/forward_lstm_1/recurrent_kernel:0", (8, 32)),
                             ("bidirectional_1/forward_lstm_1/bias:0", (32,)), ("bidirectional_1/backward_lstm_1/kernel:0", (16, 32)),
                             ("bidirectional_1/backward_lstm_1/recurrent_kernel:0", (8, 32)), ("bidirectional_1/backward_lstm_1/bias:0", (32,))]),
        ("batch_normalization_1", [("batch_normalization_1/" + n + ":0", (16,)) for n in ("gamma", "beta", "moving_mean", "moving_variance")]),
        ("dense_1", [("dense_1/kernel:0", (16, 3)), ("dense_1/bias:0", (3,))]),
    ]),
    # blog-lstm-seq's LSTM(4) on 5 features with use_bias=False (no bias dataset), tf.keras 2 names.
    ("weights-tfkeras-lstm-nobias.h5", "2.9.0", [
        ("lstm", [("lstm/lstm_cell/kernel:0", (5, 16)), ("lstm/lstm_cell/recurrent_kernel:0", (4, 16))]),
    ]),
    # Keras 2's CuDNNLSTM(4) on 5 features: one flat (8u) bias.
    ("weights-keras2-cudnnlstm.h5", "2.2.4", [
        ("cu_dnnlstm_1", [("cu_dnnlstm_1/kernel:0", (5, 16)), ("cu_dnnlstm_1/recurrent_kernel:0", (4, 16)), ("cu_dnnlstm_1/bias:0", (32,))]),
    ]),
    # Deliberately inconsistent: a recurrent_kernel of 10 columns over 4 rows fits no Keras cell; then a valid Dense.
    ("weights-inconsistent.h5", "2.2.4", [
        ("simple_rnn_1", [("simple_rnn_1/kernel:0", (5, 10)), ("simple_rnn_1/recurrent_kernel:0", (4, 10)), ("simple_rnn_1/bias:0", (10,))]),
        ("dense_1", [("dense_1/kernel:0", (4, 2)), ("dense_1/bias:0", (2,))]),
    ]),
]


def untimed():
    gcpl = h5py.h5p.create(h5py.h5p.GROUP_CREATE)
    gcpl.set_obj_track_times(False)
    return gcpl


def group(parent, name):
    return parent[name] if name in parent else h5py.Group(h5py.h5g.create(parent.id, name.encode("utf-8"), gcpl=untimed()))


def write_legacy(path, keras_version, layers):
    fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
    fcpl.set_obj_track_times(False)
    with h5py.File(h5py.h5f.create(path.encode("utf-8"), h5py.h5f.ACC_TRUNC, fcpl=fcpl)) as f:
        f.attrs["layer_names"] = np.array([name.encode("utf-8") for name, _ in layers])
        f.attrs["backend"] = "tensorflow"
        f.attrs["keras_version"] = keras_version
        total = 0
        for layer, weights in layers:
            g = group(f, layer)
            g.attrs["weight_names"] = np.array([w.encode("utf-8") for w, _ in weights], dtype="S")
            for name, shape in weights:
                parent = g
                for part in name.split("/")[:-1]:
                    parent = group(parent, part)
                parent.create_dataset(name.split("/")[-1], shape=shape, dtype="float32", fillvalue=0.0, track_times=False)
                total += int(np.prod(shape))
        return total


def main():
    out = os.path.join(FIX, "keras3-weights")
    os.makedirs(out, exist_ok=True)
    for ident in KERAS3_IDS:
        with zipfile.ZipFile(os.path.join(FIX, "keras3", ident + ".keras")) as z:
            data = z.read("model.weights.h5")
        with h5py.File(io.BytesIO(data), "r") as f:
            assert "model_config" not in f.attrs and "layers" in f
        with open(os.path.join(out, ident + ".weights.h5"), "wb") as target:
            target.write(data)
        print("extracted", ident, len(data), "bytes")
    for name, version, layers in LEGACY:
        total = write_legacy(os.path.join(FIX, "h5", name), version, layers)
        print("wrote", name, total, "elements")


if __name__ == "__main__":
    main()
