#!/usr/bin/env bash
# Cold runs of whole processes (hyperfine): the rparams NativeAOT binary, the rparams .NET tool (its shim, and
# `dotnet rparams` from a local tool manifest), Keras 3 (model_from_json / load_model + summary()) and torchinfo, each
# a fresh process on the same models. Prints one Markdown table (wall-clock and CPU times); benchmarks/README.md keeps
# the results.
#
# Needs, outside the repository:
#   KERAS3_SRC    Keras 3.16.0's source: keras-team/keras at the 3.16.0 version commit, extracted
#                 (git --git-dir=<a copy of keras-team/keras> archive <commit> | tar -x -C "$KERAS3_SRC")
#   KERAS3_SHIMS  the Keras 3 runner's stand-ins (tree/, jax/, ml_dtypes.py, k3boot.py) for the numpy backend
#   TORCHINFO_SRC torchinfo's source at tag v1.8.0 (TylerYep/torchinfo)
# and Debian's python3 with python3-torch, python3-h5py, python3-absl, python3-rich, and hyperfine.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${KERAS3_SRC:?set KERAS3_SRC}" "${KERAS3_SHIMS:?set KERAS3_SHIMS}" "${TORCHINFO_SRC:?set TORCHINFO_SRC}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fixtures=$PWD/tests/RecurrentParams.Import.Tests/Fixtures
python=/usr/bin/python3
runs=${RUNS:-30}
python_runs=${PYTHON_RUNS:-5}

dotnet publish src/RecurrentParams.Cli -c Release -r linux-x64 -o "$work/aot" >/dev/null
dotnet pack src/RecurrentParams.Cli -c Release -o "$work/packages" >/dev/null
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
NUGET_PACKAGES="$work/nuget" dotnet tool install --tool-path "$work/tool" --add-source "$work/packages" RecurrentParams.Cli --version "$version" >/dev/null
(cd "$work" && dotnet new tool-manifest >/dev/null && NUGET_PACKAGES="$work/nuget" dotnet tool install --local --add-source "$work/packages" RecurrentParams.Cli --version "$version" >/dev/null)
ls -l "$work/aot/rparams"
uptime

aot=$work/aot/rparams
tool=$work/tool/rparams
local_tool="cd $work && NUGET_PACKAGES=$work/nuget dotnet rparams"
keras="KERAS_BACKEND=numpy COLUMNS=200 KERAS3_SHIMS=$KERAS3_SHIMS PYTHONPATH=$KERAS3_SRC $python benchmarks/cli/keras3_summary.py"
torchinfo="PYTHONPATH=$TORCHINFO_SRC $python benchmarks/cli/torchinfo_summary.py"

bench() { # name, runs, commands...: one Markdown table row per command, wall-clock and CPU (user + system) times
  local name=$1 n=$2
  shift 2
  hyperfine --warmup 2 --runs "$n" --style none --export-json "$work/t.json" "$@" >/dev/null
  $python - "$name" "$work/t.json" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
def ms(seconds):
    return f"{seconds * 1000:,.1f}"
for r in json.load(open(path))["results"]:
    cpu = r["user"] + r["system"]
    print(f"| {name} | {r['command']} | {ms(r['mean'])} ± {ms(r['stddev'])} | {ms(r['min'])} | {ms(r['median'])} | {ms(cpu)} |")
PY
}

echo "| Model | Command | Mean [ms] | Min [ms] | Median [ms] | CPU, user + system [ms] |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"

json=$fixtures/keras3/seq-emb-bilstm.json
archive=$fixtures/keras3/seq-emb-bilstm.keras
torch=$fixtures/safetensors/lstm-proj-bidir-2layers.safetensors

bench "Keras 3 JSON" "$runs" -N -n "rparams summary (NativeAOT)" "$aot summary $json" -n "rparams summary (.NET tool)" "$tool summary $json"
bench "Keras 3 JSON" "$runs" -n "dotnet rparams summary (local tool)" "$local_tool summary $json"
bench "Keras 3 JSON" "$python_runs" -n "Keras 3: model_from_json + summary()" "$keras $json"
bench ".keras archive" "$runs" -N -n "rparams summary (NativeAOT)" "$aot summary $archive" -n "rparams summary (.NET tool)" "$tool summary $archive"
bench ".keras archive" "$python_runs" -n "Keras 3: load_model + summary()" "$keras $archive"
bench "PyTorch LSTM" "$runs" -N -n "rparams summary (NativeAOT)" "$aot summary $torch" -n "rparams summary (.NET tool)" "$tool summary $torch"
bench "PyTorch LSTM" "$python_runs" -n "torchinfo: build + summary()" "$torchinfo"
bench "legacy .h5" "$runs" -N -n "rparams summary (NativeAOT)" "$aot summary $fixtures/h5/keras3-blog-simplernn.h5"
bench "ONNX" "$runs" -N -n "rparams summary (NativeAOT)" "$aot summary $fixtures/onnx/lstm-bidir-2layers-bf.onnx"
bench "LSTM(4) on 5" "$runs" -N -n "rparams count (NativeAOT)" "$aot count lstm --units 4 --input 5"
bench "113 fixtures (a folder)" 10 -N -i -n "rparams summary (NativeAOT)" "$aot summary $fixtures" -n "rparams summary (.NET tool)" "$tool summary $fixtures"
