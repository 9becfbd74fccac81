"""HDF5 fixtures in the newer file layouts, for the library's own HDF5 reader.

    /usr/bin/python3 tools/oracles/files/h5_layouts.py

Needs Debian's python3-h5py (HDF5 1.10). Keras and h5py write HDF5 in the oldest layout by default (superblock 0,
version 1 object headers, symbol-table groups); a file written with libver="latest" (h5py.File(..., libver="latest"),
as some tools do) uses superblock 3, version 2 object headers (OHDR), link messages, and, past 8 links or attributes
in one object, dense storage: a fractal heap indexed by a version 2 B-tree. Writes, in Fixtures/h5-layouts/:

  latest-<name>.h5     the legacy fixture Fixtures/h5/<name>.h5 copied object by object (attributes included)
                       into a libver="latest" file
  latest-dense.h5      a save_weights() layout with 12 layer groups under the root (dense links) and 12 root
                       attributes (dense attributes), layer_names among them as variable-length strings
  latest-config.h5     Fixtures/h5/keras3-blog-simplernn.h5 copied with 10 extra root attributes, so that
                       model_config (a variable-length string) is a dense attribute
  userblock-<name>.h5  the same copy into an earliest-layout file with a 512-byte user block (the superblock at 512)
  latest-many.h5       a save_weights() layout with 120 layer groups (a dense-link heap with an indirect block, a
                       name index B-tree with an internal node) and 40 root attributes
  layouts.h5           datasets stored compact, contiguous and chunked, a soft and an external link (not followed),
                       and fixed-length string attributes padded with nulls and with spaces
  shared-group.h5      a group linked under two names and a group that links to itself: valid HDF5 that no Keras
                       file holds, which the reader refuses
  manifest.json        per file, every dataset (path, shape, dtype) as h5py lists it: the truth the reader's
                       tests compare with (the HDF5 library reads what it wrote)

Object timestamps are off and the data is zero-filled, so reruns are byte-identical.
"""
import json
import os

import h5py
import numpy as np

HERE = os.path.dirname(__file__)
FIX = os.path.join(HERE, "..", "..", "..", "tests", "RecurrentParams.Import.Tests", "Fixtures")
OUT = os.path.join(FIX, "h5-layouts")

COPIED = ["weights-tfkeras-seq-gru1", "weights-keras2-seq-gru0-bilstm-bn", "keras3-blog-simplernn", "keras2-keras2.3-seq-emb-gru0"]


def copy_attrs(source, target):
    for key, value in source.attrs.items():
        target.attrs.create(key, value, dtype=source.attrs.get_id(key).dtype)


def untimed_file(path, latest, userblock=0):
    """A new file whose groups, the root included, record no times (so that reruns are byte-identical)."""
    fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
    fcpl.set_obj_track_times(False)
    if userblock:
        fcpl.set_userblock(userblock)
    fapl = h5py.h5p.create(h5py.h5p.FILE_ACCESS)
    if latest:
        fapl.set_libver_bounds(h5py.h5f.LIBVER_LATEST, h5py.h5f.LIBVER_LATEST)
    return h5py.File(h5py.h5f.create(path.encode(), h5py.h5f.ACC_TRUNC, fcpl=fcpl, fapl=fapl))


def untimed_group(parent, name):
    gcpl = h5py.h5p.create(h5py.h5p.GROUP_CREATE)
    gcpl.set_obj_track_times(False)
    return h5py.Group(h5py.h5g.create(parent.id, name.encode(), gcpl=gcpl))


def copy(source, target):
    copy_attrs(source, target)
    for name, item in source.items():
        if isinstance(item, h5py.Group):
            group = untimed_group(target, name)
            copy(item, group)
        else:
            dataset = target.create_dataset(name, data=item[()], dtype=item.dtype, track_times=False)
            copy_attrs(item, dataset)


def datasets(path):
    found = []
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, item: found.append({"path": name, "shape": list(item.shape), "dtype": str(item.dtype)})
                     if isinstance(item, h5py.Dataset) else None)
    return found


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for name in COPIED:
        with h5py.File(os.path.join(FIX, "h5", name + ".h5"), "r") as source:
            for prefix, latest, userblock in (("latest-", True, 0), ("userblock-", False, 512)):
                path = os.path.join(OUT, prefix + name + ".h5")
                with untimed_file(path, latest, userblock) as target:
                    copy(source, target)
                rows.append({"file": os.path.basename(path), "source": name + ".h5", "datasets": datasets(path)})

    path = os.path.join(OUT, "latest-dense.h5")
    layers = ["dense_%d" % k for k in range(12)]
    with untimed_file(path, True) as f:
        for k, layer in enumerate(layers):
            group = untimed_group(f, layer)
            names = [layer + "/kernel:0", layer + "/bias:0"]
            group.attrs["weight_names"] = np.array([n.encode() for n in names])
            inner = untimed_group(group, layer)
            inner.create_dataset("kernel:0", data=np.zeros((k + 1, 3), "float32"), track_times=False)
            inner.create_dataset("bias:0", data=np.zeros((3,), "float32"), track_times=False)
        f.attrs.create("layer_names", list(reversed(layers)), dtype=h5py.string_dtype())
        f.attrs["backend"] = "tensorflow"
        f.attrs["keras_version"] = "2.9.0"
        for k in range(9):
            f.attrs["extra_%d" % k] = np.int64(k)
    rows.append({"file": "latest-dense.h5", "source": None, "layerOrder": list(reversed(layers)), "datasets": datasets(path)})

    path = os.path.join(OUT, "latest-config.h5")
    with h5py.File(os.path.join(FIX, "h5", "keras3-blog-simplernn.h5"), "r") as source:
        with untimed_file(path, True) as target:
            copy(source, target)
            for k in range(10):
                target.attrs["extra_%d" % k] = np.int64(k)
    rows.append({"file": "latest-config.h5", "source": "keras3-blog-simplernn.h5", "datasets": datasets(path)})

    path = os.path.join(OUT, "latest-many.h5")
    with untimed_file(path, True) as f:
        for k in range(120):
            layer = "layer_%03d" % k
            untimed_group(f, layer).create_dataset("kernel:0", data=np.zeros((2, k % 7 + 1), "float32"), track_times=False)
        for k in range(40):
            f.attrs["attribute_%02d" % k] = ("value %d" % k).encode()
    rows.append({"file": "latest-many.h5", "source": None, "datasets": datasets(path)})

    path = os.path.join(OUT, "layouts.h5")
    layouts = []
    with untimed_file(path, False) as f:
        for name, layout, chunk in (("compact", h5py.h5d.COMPACT, None), ("contiguous", h5py.h5d.CONTIGUOUS, None), ("chunked", h5py.h5d.CHUNKED, (2, 3))):
            dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
            dcpl.set_obj_track_times(False)
            dcpl.set_layout(layout)
            if chunk:
                dcpl.set_chunk(chunk)
            dcpl.set_alloc_time(h5py.h5d.ALLOC_TIME_EARLY)
            space = h5py.h5s.create_simple((4, 6))
            dataset = h5py.Dataset(h5py.h5d.create(f.id, name.encode(), h5py.h5t.IEEE_F32LE, space, dcpl=dcpl))
            dataset[...] = np.arange(24, dtype="float32").reshape(4, 6)
            offset = dataset.id.get_offset()
            layouts.append({"path": name, "layout": int(dataset.id.get_create_plist().get_layout()), "chunk": list(chunk) if chunk else None,
                            "address": offset, "storage": int(dataset.id.get_storage_size())})
        f["soft"] = h5py.SoftLink("/compact")
        f["external"] = h5py.ExternalLink("other.h5", "/x")
        for name, pad in (("null_padded", h5py.h5t.STR_NULLPAD), ("space_padded", h5py.h5t.STR_SPACEPAD), ("null_terminated", h5py.h5t.STR_NULLTERM)):
            string = h5py.h5t.C_S1.copy()
            string.set_size(10)
            string.set_strpad(pad)
            attribute = h5py.h5a.create(f.id, name.encode(), string, h5py.h5s.create(h5py.h5s.SCALAR))
            attribute.write(np.array(b"abc", dtype="S10"))
    rows.append({"file": "layouts.h5", "source": None, "layouts": layouts, "datasets": datasets(path)})

    path = os.path.join(OUT, "shared-group.h5")
    with untimed_file(path, False) as f:
        group = untimed_group(f, "layer")
        group.create_dataset("kernel:0", data=np.zeros((2, 3), "float32"), track_times=False)
        f["alias"] = group
        loop = untimed_group(f, "loop")
        loop["self"] = loop
    rows.append({"file": "shared-group.h5", "source": None, "datasets": datasets(path)})

    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"hdf5": h5py.version.hdf5_version, "h5py": h5py.__version__, "files": rows}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
