"""HDF5 fixtures for reading dataset values with the library's own HDF5 reader (KerasWeights).

    /usr/bin/python3 tools/oracles/files/h5_values.py

Needs Debian's python3-h5py (HDF5 1.10) and numpy. Keras writes its weights contiguous and unfiltered, but h5py (and so
a user's own tools) can store a dataset compact, chunked, compressed with deflate, shuffled, checksummed with
Fletcher-32, big-endian, or as half or bfloat16 floats. Writes, in Fixtures/h5-values/:

  values.h5       one dataset per case (see CASES) in the earliest file layout (superblock 0, v1 B-tree chunk indices):
                  contiguous, compact, chunked with edge chunks, deflate, shuffle + deflate, Fletcher-32, big-endian
                  float16/32/64, bfloat16 (an IEEE-like type HDF5 converts to and from), 1-D and 3-D, a scalar, an
                  empty dataset, 576 chunks (a chunk B-tree of two levels), and an int64 dataset (not a weight)
  manifest.json   per dataset: path, dtype as h5py names it, shape, layout, filters, the object header's address, the
                  first chunks as HDF5 lists them (offset, filter mask, address, stored size), and the values h5py reads back,
                  converted to float32 (the HDF5 library reads what it wrote): the truth the reader's tests compare with

The values come from numpy's default_rng with fixed seeds and object times are off, so reruns are byte-identical.
"""
import json
import os

import h5py
import numpy as np

HERE = os.path.dirname(__file__)
OUT = os.path.join(HERE, "..", "..", "..", "tests", "RecurrentParams.Import.Tests", "Fixtures", "h5-values")


def bfloat16():
    """bfloat16: sign bit 15, exponent bits 7..14 (bias 127), mantissa bits 0..6."""
    t = h5py.h5t.IEEE_F32LE.copy()
    t.set_fields(15, 7, 8, 0, 7)
    t.set_precision(16)
    t.set_size(2)
    t.set_ebias(127)
    return t


# (name, shape, file type, layout, chunk, filters): filters among "shuffle", "deflate", "fletcher32".
CASES = [
    ("contiguous_f4", (3, 5), "<f4", "contiguous", None, []),
    ("compact_f4", (2, 3), "<f4", "compact", None, []),
    ("chunked_f4", (7, 5), "<f4", "chunked", (3, 2), []),
    ("deflate_f4", (20, 12), "<f4", "chunked", (8, 5), ["deflate"]),
    ("shuffle_deflate_f4", (33, 17), "<f4", "chunked", (10, 6), ["shuffle", "deflate"]),
    ("shuffle_f8", (9, 4), "<f8", "chunked", (4, 4), ["shuffle"]),
    ("fletcher_shuffle_deflate_f4", (6, 10), "<f4", "chunked", (4, 4), ["shuffle", "deflate", "fletcher32"]),
    ("vector_deflate_f4", (100,), "<f4", "chunked", (16,), ["deflate"]),
    ("cube_shuffle_deflate_f4", (4, 5, 6), "<f4", "chunked", (2, 3, 4), ["shuffle", "deflate"]),
    ("many_chunks_f4", (48, 48), "<f4", "chunked", (2, 2), []),
    ("be_f4", (4, 6), ">f4", "contiguous", None, []),
    ("be_f8_shuffle_deflate", (5, 7), ">f8", "chunked", (2, 3), ["shuffle", "deflate"]),
    ("be_f2", (3, 4), ">f2", "contiguous", None, []),
    ("le_f2_deflate", (6, 6), "<f2", "chunked", (4, 4), ["shuffle", "deflate"]),
    ("le_f8", (2, 5), "<f8", "contiguous", None, []),
    ("bf16", (3, 4), "bfloat16", "contiguous", None, []),
    ("bf16_deflate", (5, 5), "bfloat16", "chunked", (2, 2), ["shuffle", "deflate"]),
    ("scalar_f4", (), "<f4", "contiguous", None, []),
    ("empty_f4", (0, 4), "<f4", "contiguous", None, []),
]


def untimed_file(path):
    fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
    fcpl.set_obj_track_times(False)
    return h5py.File(h5py.h5f.create(path.encode(), h5py.h5f.ACC_TRUNC, fcpl=fcpl))


def create(f, name, shape, dtype, layout, chunk, filters):
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_obj_track_times(False)
    dcpl.set_layout({"contiguous": h5py.h5d.CONTIGUOUS, "compact": h5py.h5d.COMPACT, "chunked": h5py.h5d.CHUNKED}[layout])
    if chunk:
        dcpl.set_chunk(chunk)
    for kind in filters:
        {"shuffle": dcpl.set_shuffle, "deflate": lambda: dcpl.set_deflate(6), "fletcher32": dcpl.set_fletcher32}[kind]()
    tid = bfloat16() if dtype == "bfloat16" else h5py.h5t.py_create(np.dtype(dtype))
    space = h5py.h5s.create_simple(shape) if shape else h5py.h5s.create(h5py.h5s.SCALAR)
    return h5py.h5d.create(f.id, name.encode(), tid, space, dcpl=dcpl)


def main():
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "values.h5")
    rows = []
    with untimed_file(path) as f:
        for seed, (name, shape, dtype, layout, chunk, filters) in enumerate(CASES):
            rng = np.random.default_rng(seed)
            data = rng.standard_normal(shape).astype("float64")
            if name == "many_chunks_f4":
                data = np.round(data * 8) / 8
            dataset = create(f, name, shape, dtype, layout, chunk, filters)
            dataset.write(h5py.h5s.ALL, h5py.h5s.ALL, np.ascontiguousarray(data))
            back = np.empty(shape, "float32")
            dataset.read(h5py.h5s.ALL, h5py.h5s.ALL, back)
            plist = dataset.get_create_plist()
            chunks = []
            if layout == "chunked":
                for k in range(min(dataset.get_num_chunks(), 4)):
                    info = dataset.get_chunk_info(k)
                    chunks.append({"offset": list(info.chunk_offset), "mask": info.filter_mask, "address": info.byte_offset, "size": info.size})
            rows.append({
                "path": name,
                "dtype": dtype,
                "shape": list(shape),
                "layout": int(plist.get_layout()),
                "filters": [int(plist.get_filter(k)[0]) for k in range(plist.get_nfilters())],
                "header": h5py.h5o.get_info(dataset).addr,
                "chunks": chunks,
                "values": [float(v) for v in back.reshape(-1)],
            })
        group = f.create_group("skipped")
        group.create_dataset("int64", data=np.arange(6, dtype="<i8").reshape(2, 3), track_times=False)

    with open(os.path.join(OUT, "manifest.json"), "w") as out:
        json.dump({"hdf5": h5py.version.hdf5_version, "h5py": h5py.__version__, "file": "values.h5", "datasets": rows}, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
