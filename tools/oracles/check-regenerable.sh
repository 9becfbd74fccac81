#!/bin/sh
# Regenerates the Keras 3.16 and torchinfo 1.8.0 vectors into temporary folders and compares them with the
# committed files (see keras3/README.md and torchinfo/README.md). Exits non-zero on any difference.
#   KERAS3_SRC=<keras source> KERAS3_SHIMS=<shims> TORCHINFO_SRC=<torchinfo source> tools/oracles/check-regenerable.sh
set -u
here=$(dirname "$0")
status=0
/usr/bin/python3 "$here/keras3/generate.py" --check || status=1
/usr/bin/python3 "$here/torchinfo/generate.py" --check || status=1
/usr/bin/python3 "$here/torchinfo-trees/generate.py" --check || status=1
if [ "$status" -eq 0 ]; then echo "regenerable truth: all files match"; else echo "regenerable truth: DIFFERENCES (see above)"; fi
exit "$status"
