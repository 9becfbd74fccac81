"""Keras 3 .keras archives whose model.weights.h5 differs from what Keras wrote, made from the real Keras 3.16 saves.

    /usr/bin/python3 tools/oracles/files/keras_archive_files.py

Needs Debian's python3-h5py (apt-get install -y python3-h5py). Reads the two real archives in
tests/RecurrentParams.Import.Tests/Fixtures/keras3/ and writes tests/RecurrentParams.Import.Tests/Fixtures/keras-archive/:

  simplernn-missing-bias.keras  blog-simplernn.keras with model.weights.h5 rewritten without layers/simple_rnn/cell/vars/2
                                (the bias, 4 elements): the topology still counts 40, the datasets hold 36
  simplernn-optimizer.keras     blog-simplernn.keras with an optimizer/vars group added the way Keras 3 saves a compiled
                                Adam model (iterations int64, learning_rate, one momentum and one velocity per variable):
                                not model parameters, so the stored count stays 40
  simplernn-model-var.keras     blog-simplernn.keras with a dataset vars/0 of shape (2,) added to the root vars group
                                (model-level variables, counted): the datasets hold 42
  simplernn-deflated.keras      blog-simplernn.keras's three entries, unchanged, zipped again with DEFLATE
  simplernn-no-weights.keras    blog-simplernn.keras without model.weights.h5
  simplernn-zip64.keras         blog-simplernn.keras's entries, unchanged, in a zip written by this script whose
                                model.weights.h5 header keeps its sizes and offset in a Zip64 extra field (after an
                                extended timestamp field), with a Zip64 end of central directory record
  hostile-zip64-size.keras      the same zip, but the Zip64 extra field claims 2^62 bytes for model.weights.h5
  manifest.json                 per file: the topology's count (Keras' own, copied from the keras3 fixtures' truth),
                                the elements of the datasets under layers/ and vars/, and those under optimizer/, both
                                counted here with h5py

Object timestamps are off and zip entries carry a fixed date, so reruns give byte-identical files.
"""
import io
import json
import os
import struct
import zipfile
import zlib

import h5py
import numpy as np

HERE = os.path.dirname(__file__)
FIX = os.path.join(HERE, "..", "..", "..", "tests", "RecurrentParams.Import.Tests", "Fixtures")
SOURCE = os.path.join(FIX, "keras3", "blog-simplernn.keras")
OUT = os.path.join(FIX, "keras-archive")
WEIGHTS = "model.weights.h5"
DATE = (1980, 1, 1, 0, 0, 0)
DOS_DATE = (1 << 5) | 1  # 1980-01-01
TOPOLOGY_PARAMS = 40  # blog-simplernn: Keras 3.16's model.count_params()


def entries(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def datasets(h5_bytes):
    """[(path, array)] of every dataset, and the paths of every group, in h5py's (name) order."""
    found, groups = [], []
    with h5py.File(io.BytesIO(h5_bytes), "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                found.append((name, obj[()]))
            else:
                groups.append(name)
        f.visititems(visit)
    return found, groups


def rewrite_h5(groups, tensors):
    """An h5 file with these groups and datasets, written without timestamps."""
    buffer = io.BytesIO()
    fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
    fcpl.set_obj_track_times(False)
    fapl = h5py.h5p.create(h5py.h5p.FILE_ACCESS)
    fapl.set_fileobj_driver(h5py.h5fd.fileobj_driver, buffer)
    with h5py.File(h5py.h5f.create(b"in-memory", h5py.h5f.ACC_TRUNC, fcpl=fcpl, fapl=fapl)) as f:
        gcpl = h5py.h5p.create(h5py.h5p.GROUP_CREATE)
        gcpl.set_obj_track_times(False)
        for name in sorted(set(groups) | {p.rsplit("/", 1)[0] for p, _ in tensors}, key=lambda n: (n.count("/"), n)):
            if name not in f:
                h5py.h5g.create(f.id, name.encode("utf-8"), gcpl=gcpl)
        for name, value in tensors:
            f.create_dataset(name, data=value, track_times=False)
    return buffer.getvalue()


def count(h5_bytes, roots):
    found, _ = datasets(h5_bytes)
    return sum(int(np.prod(v.shape)) for p, v in found if p.split("/")[0] in roots)


def write_zip(path, files, compression=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=DATE)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def write_zip64(path, files, claim=None):
    """A zip whose model.weights.h5 headers keep sizes and offset in a Zip64 extra field; claim overrides its sizes."""
    out, central = bytearray(), bytearray()
    for name, data in files:
        raw = name.encode("utf-8")
        crc = zlib.crc32(data)
        offset = len(out)
        if name == WEIGHTS:
            size = len(data) if claim is None else claim
            local_extra = struct.pack("<HHQQ", 1, 16, size, size)
            out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, DOS_DATE, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(raw), len(local_extra))
            out += raw + local_extra + data
            # An extended timestamp field (0x5455, as Info-ZIP writes) before the Zip64 one, which readers must skip.
            extra = struct.pack("<HHBI", 0x5455, 5, 1, 315532800) + struct.pack("<HHQQQ", 1, 24, size, size, offset)
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x032D, 45, 0, 0, 0, DOS_DATE, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                                   len(raw), len(extra), 0, 0, 0, 0o644 << 16, 0xFFFFFFFF)
            central += raw + extra
        else:
            out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, DOS_DATE, crc, len(data), len(data), len(raw), 0)
            out += raw + data
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, 0, 0, 0, DOS_DATE, crc, len(data), len(data),
                                   len(raw), 0, 0, 0, 0, 0o644 << 16, offset)
            central += raw
    directory = len(out)
    out += central
    zip64_end = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(files), len(files), len(central), directory)
    out += struct.pack("<IIQI", 0x07064B50, 0, zip64_end, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    with open(path, "wb") as f:
        f.write(bytes(out))


def main():
    os.makedirs(OUT, exist_ok=True)
    original = entries(SOURCE)
    weights = dict(original)[WEIGHTS]
    tensors, groups = datasets(weights)
    others = [(n, d) for n, d in original if n != WEIGHTS]
    rows = []

    def row(ident, note, h5_bytes, compression):
        rows.append({"id": ident, "source": "Fixtures/keras3/blog-simplernn.keras", "note": note, "params": TOPOLOGY_PARAMS,
                     "datasetElements": None if h5_bytes is None else count(h5_bytes, {"layers", "vars"}),
                     "optimizerElements": None if h5_bytes is None else count(h5_bytes, {"optimizer"}),
                     "compression": compression})

    missing = rewrite_h5(groups, [(p, v) for p, v in tensors if p != "layers/simple_rnn/cell/vars/2"])
    write_zip(os.path.join(OUT, "simplernn-missing-bias.keras"), others + [(WEIGHTS, missing)])
    row("simplernn-missing-bias", "model.weights.h5 rewritten without layers/simple_rnn/cell/vars/2", missing, "stored")

    # Keras 3's Adam: vars/0 iterations (int64), vars/1 learning_rate, then a momentum and a velocity per variable.
    optimizer = [("optimizer/vars/0", np.array(3, dtype=np.int64)), ("optimizer/vars/1", np.array(0.001, dtype=np.float32))]
    for k, (_, value) in enumerate(tensors):
        optimizer.append(("optimizer/vars/%d" % (2 + 2 * k), np.zeros_like(value)))
        optimizer.append(("optimizer/vars/%d" % (3 + 2 * k), np.zeros_like(value)))
    with_optimizer = rewrite_h5(groups + ["optimizer", "optimizer/vars"], tensors + optimizer)
    write_zip(os.path.join(OUT, "simplernn-optimizer.keras"), others + [(WEIGHTS, with_optimizer)])
    row("simplernn-optimizer", "model.weights.h5 rewritten with an Adam optimizer/vars group", with_optimizer, "stored")

    model_var = rewrite_h5(groups, tensors + [("vars/0", np.array([1.0, 2.0], dtype=np.float32))])
    write_zip(os.path.join(OUT, "simplernn-model-var.keras"), others + [(WEIGHTS, model_var)])
    row("simplernn-model-var", "model.weights.h5 rewritten with a model-level variable vars/0 of shape (2,)", model_var, "stored")

    write_zip(os.path.join(OUT, "simplernn-deflated.keras"), original, zipfile.ZIP_DEFLATED)
    row("simplernn-deflated", "the real entries zipped again with DEFLATE", weights, "deflate")

    write_zip(os.path.join(OUT, "simplernn-no-weights.keras"), others)
    row("simplernn-no-weights", "model.weights.h5 left out", None, None)

    write_zip64(os.path.join(OUT, "simplernn-zip64.keras"), original)
    row("simplernn-zip64", "the real entries; model.weights.h5's sizes and offset in a Zip64 extra field, Zip64 end record", weights, "stored")

    write_zip64(os.path.join(OUT, "hostile-zip64-size.keras"), original, claim=1 << 62)
    row("hostile-zip64-size", "as simplernn-zip64, but the Zip64 extra field claims 2^62 bytes for model.weights.h5", weights, "stored")

    # Python's own zip reader must agree with what was written (except for the deliberately hostile claim).
    for r in rows:
        with zipfile.ZipFile(os.path.join(OUT, r["id"] + ".keras")) as z:
            names = z.namelist()
            assert (WEIGHTS in names) == (r["datasetElements"] is not None), r["id"]
            if WEIGHTS in names and not r["id"].startswith("hostile"):
                assert count(z.read(WEIGHTS), {"layers", "vars"}) == r["datasetElements"], r["id"]

    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"writer": "h5py-" + h5py.__version__, "models": rows}, f, indent=1)
        f.write("\n")
    print("wrote %d .keras files" % len(rows))


if __name__ == "__main__":
    main()
