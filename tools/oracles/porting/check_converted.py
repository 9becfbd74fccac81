#!/usr/bin/python3
"""Loads files the library converted into the real frameworks and checks they compute what the originals did.

    RP_PORTING_OUT=DIR dotnet test tests/RecurrentParams.Import.Tests -c Release -p:CollectCoverage=false --filter ConvertedFiles
    /usr/bin/python3 tools/oracles/porting/check_converted.py --keras-src DIR --shims DIR DIR

The test writes, for every case of generate.py, <id>.safetensors (the library's Keras -> PyTorch conversion of the
case's .keras file) and <id>.weights.h5 with <id>.keras.json (its PyTorch -> Keras conversion of the case's
.safetensors). This script loads the state dict into the case's nn modules (load_state_dict(strict=True)), and the
JSON into keras.models.model_from_json followed by model.load_weights, runs both on the case's inputs, and fails
unless each reproduces the stored output of its framework within 1e-5.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keras-src", default=os.environ.get("KERAS3_SRC"))
    parser.add_argument("--shims", default=os.environ.get("KERAS3_SHIMS"))
    parser.add_argument("folder")
    args = parser.parse_args()
    keras = generate.load_keras(args.keras_src, args.shims)
    import torch
    failed = 0
    for case in generate.CASES:
        cid = case[0]
        with open(os.path.join(generate.REPO, generate.VECTORS, cid + ".json")) as f:
            record = json.load(f)
        inputs = np.asarray(record.get("tokens", record.get("inputs")))
        inputs = inputs.astype(np.int64 if "tokens" in record else np.float32)
        sd = generate.read_safetensors(os.path.join(args.folder, cid + ".safetensors"))
        model = generate.build_torch(torch, case).eval()
        model.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in sd.items()}, strict=True)
        with torch.no_grad():
            torch_diff = float(np.max(np.abs(model(torch.from_numpy(inputs)).double().numpy() - np.asarray(record["torch_output"]))))
        with open(os.path.join(args.folder, cid + ".keras.json")) as f:
            kmodel = keras.models.model_from_json(f.read())
        kmodel.load_weights(os.path.join(args.folder, cid + ".weights.h5"))
        keras_diff = float(np.max(np.abs(np.asarray(kmodel(inputs), dtype=np.float64) - np.asarray(record["keras_output"]))))
        ok = torch_diff <= generate.TOLERANCE and keras_diff <= generate.TOLERANCE
        failed += not ok
        print(f"{'ok    ' if ok else 'FAILED'} {cid:<28} PyTorch {torch_diff:.2e}  Keras {keras_diff:.2e}")
    print(f"{len(generate.CASES) - failed} of {len(generate.CASES)} cases load and agree")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
