"""Keras 3's own path to a summary, in a fresh Python process: read a model file and print model.summary().

Usage: keras3_summary.py FILE   (a to_json() file is read with model_from_json, a .keras archive with load_model)

Needs Keras 3.16.0's source (keras-team/keras at the 3.16.0 version commit, extracted to a folder outside the
repository) on PYTHONPATH, KERAS_BACKEND=numpy, and the stand-ins of the Keras 3 runner (KERAS3_SHIMS, a folder with
k3boot.py); see benchmarks/cli/run.sh.
"""
import os
import sys

sys.path.insert(0, os.environ["KERAS3_SHIMS"])
import k3boot  # noqa: E402,F401  (stubs the modules the numpy backend imports but a summary never uses)
import keras  # noqa: E402

path = sys.argv[1]
if path.endswith(".keras"):
    model = keras.saving.load_model(path)
else:
    with open(path, encoding="utf-8") as f:
        model = keras.models.model_from_json(f.read())
model.summary()
