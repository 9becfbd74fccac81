"""Legacy Keras HDF5 (.h5) fixtures written with h5py, from topologies made by real framework runs.

    /usr/bin/python3 tools/oracles/files/h5_files.py      (after tfjs_files.mjs, keras2_files.py and keras3/generate.py)

Needs Debian's python3-h5py (apt-get install -y python3-h5py). Writes tests/RecurrentParams.Import.Tests/Fixtures/h5/:

  keras3-blog-simplernn.h5   not written here: the Keras 3.16 legacy save (model.save('x.h5')) that
                             tools/oracles/keras3/generate.py writes; this script only adds its manifest row
  tfjs-<id>.h5               the layout Keras 2's model.save('x.h5') writes: root attributes model_config (the JSON),
                             keras_version and backend; group model_weights with attribute layer_names, one group per
                             layer with attribute weight_names, one dataset per weight. The topology is TensorFlow.js
                             4.22's model.toJSON() and the weight shapes are its weightSpecs (Fixtures/tfjs/*.model.json);
                             datasets are zero-filled float32
  keras2-<id>.h5             the hand-written Keras 2 JSON of Fixtures/keras2 as model_config, without weights
  manifest.json              the expected counts, copied from the tfjs manifest (model.countParams()) and the Keras 2
                             manifest (Keras 3.16 runs), and the element count of the datasets written here
"""
import json
import os

import h5py
import numpy as np

HERE = os.path.dirname(__file__)
FIX = os.path.join(HERE, "..", "..", "..", "tests", "RecurrentParams.Import.Tests", "Fixtures")
OUT = os.path.join(FIX, "h5")

TFJS_IDS = ["seq-gru-bisum-dense", "fn-branch-concat", "seq-lstm-bn-ln-gap", "seq-emb-lstm-dense"]
KERAS2_IDS = ["keras2.3-seq-emb-gru0", "tfkeras2-functional-branch"]


def untimed():
    gcpl = h5py.h5p.create(h5py.h5p.GROUP_CREATE)
    gcpl.set_obj_track_times(False)
    return gcpl


def write(path, model_config, keras_version, backend, weights):
    """weights: [(layer name, [(weight path, shape)])] in model order; None for a config-only file."""
    # No object timestamps (HDF5 writes creation and modification times by default), so reruns give identical bytes.
    fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
    fcpl.set_obj_track_times(False)
    with h5py.File(h5py.h5f.create(path.encode("utf-8"), h5py.h5f.ACC_TRUNC, fcpl=fcpl)) as f:
        f.attrs["model_config"] = json.dumps(model_config)
        f.attrs["keras_version"] = keras_version
        f.attrs["backend"] = backend
        if weights is None:
            return 0
        group = h5py.Group(h5py.h5g.create(f.id, b"model_weights", gcpl=untimed()))
        group.attrs["layer_names"] = np.array([name.encode("utf-8") for name, _ in weights])
        group.attrs["keras_version"] = keras_version
        group.attrs["backend"] = backend
        total = 0
        for layer, tensors in weights:
            g = h5py.Group(h5py.h5g.create(group.id, layer.encode("utf-8"), gcpl=untimed()))
            g.attrs["weight_names"] = np.array([p.encode("utf-8") for p, _ in tensors], dtype="S")
            for path_in_layer, shape in tensors:
                g.create_dataset(path_in_layer, shape=tuple(shape), dtype="float32", fillvalue=0.0, track_times=False)
                total += int(np.prod(shape))
        return total


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    rows.append({"id": "keras3-blog-simplernn", "framework": "keras-3.16.0", "source": "tools/oracles/keras3 (model.save('x.h5'))",
                 "params": 40, "trainable": 40, "nonTrainable": 0, "datasetElements": 40,
                 "layers": [{"name": "inputs", "class": "InputLayer", "params": 0}, {"name": "simple_rnn", "class": "SimpleRNN", "params": 40}]})

    tfjs = {m["id"]: m for m in json.load(open(os.path.join(FIX, "tfjs", "manifest.json")))["models"]}
    for ident in TFJS_IDS:
        artifact = json.load(open(os.path.join(FIX, "tfjs", ident + ".model.json")))
        topology = artifact["modelTopology"]
        grouped = {}
        for spec in artifact["weightsManifest"][0]["weights"]:
            grouped.setdefault(spec["name"].split("/")[0], []).append((spec["name"], spec["shape"]))
        layers = list(grouped.items())
        config = {"class_name": topology["class_name"], "config": topology["config"]}
        total = write(os.path.join(OUT, "tfjs-" + ident + ".h5"), config, topology["keras_version"], topology["backend"], layers)
        truth = tfjs[ident]
        rows.append({"id": "tfjs-" + ident, "framework": truth["framework"], "source": "Fixtures/tfjs/" + ident + ".model.json",
                     "params": truth["params"], "trainable": truth["trainable"], "nonTrainable": truth["nonTrainable"],
                     "datasetElements": total, "layers": [{"name": l["name"], "class": l["class"], "params": l["params"]} for l in truth["layers"]]})

    keras2 = {m["id"]: m for m in json.load(open(os.path.join(FIX, "keras2", "manifest.json")))["models"]}
    for ident in KERAS2_IDS:
        model = json.load(open(os.path.join(FIX, "keras2", ident + ".json")))
        config = {"class_name": model["class_name"], "config": model["config"]}
        write(os.path.join(OUT, "keras2-" + ident + ".h5"), config, model["keras_version"], model["backend"], None)
        truth = keras2[ident]
        rows.append({"id": "keras2-" + ident, "framework": truth["framework"], "source": "Fixtures/keras2/" + ident + ".json (hand-written)",
                     "params": truth["params"], "trainable": truth["trainable"], "nonTrainable": truth["nonTrainable"],
                     "datasetElements": None, "layers": [{"name": l["name"], "class": l["class"], "params": l["params"]} for l in truth["layers"]]})

    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"writer": "h5py-" + h5py.__version__, "models": rows}, f, indent=1)
        f.write("\n")
    print("wrote %d .h5 files and %d manifest rows" % (len(rows) - 1, len(rows)))


if __name__ == "__main__":
    main()
