#!/usr/bin/env bash
# Cold runs of whole processes (hyperfine): the rparams NativeAOT binary, the rparams .NET tool (its shim, and
# `dotnet rparams` from a local tool manifest), Keras 3 (model_from_json / load_model + summary()) and torchinfo, each
# a fresh process on the same models. Prints hyperfine's Markdown tables; benchmarks/README.md keeps the results.
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
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' src/RecurrentParams.Cli/RecurrentParams.Cli.csproj)
NUGET_PACKAGES="$work/nuget" dotnet tool install --tool-path "$work/tool" --add-source "$work/packages" RecurrentParams.Cli --version "$version" >/dev/null
(cd "$work" && dotnet new tool-manifest >/dev/null && NUGET_PACKAGES="$work/nuget" dotnet tool install --local --add-source "$work/packages" RecurrentParams.Cli --version "$version" >/dev/null)
ls -l "$work/aot/rparams"
uptime

aot=$work/aot/rparams
tool=$work/tool/rparams
local_tool="cd $work && NUGET_PACKAGES=$work/nuget dotnet rparams"
keras="KERAS_BACKEND=numpy COLUMNS=200 KERAS3_SHIMS=$KERAS3_SHIMS PYTHONPATH=$KERAS3_SRC $python benchmarks/cli/keras3_summary.py"
torchinfo="PYTHONPATH=$TORCHINFO_SRC $python benchmarks/cli/torchinfo_summary.py"

bench() { # name, runs, commands...
  local name=$1 n=$2
  shift 2
  echo "### $name"
  hyperfine --warmup 2 --runs "$n" --style none --export-markdown "$work/t.md" "$@" >/dev/null
  cat "$work/t.md"
  echo
}

json=$fixtures/keras3/seq-emb-bilstm.json
archive=$fixtures/keras3/seq-emb-bilstm.keras
torch=$fixtures/safetensors/lstm-proj-bidir-2layers.safetensors

bench "Keras 3 JSON (seq-emb-bilstm.json)" "$runs" -N -n "rparams (NativeAOT)" "$aot summary $json" -n "rparams (.NET tool)" "$tool summary $json"
bench "Keras 3 JSON, dotnet rparams" "$runs" -n "dotnet rparams (local tool)" "$local_tool summary $json"
bench "Keras 3 JSON, Python" "$python_runs" -n "Keras 3: model_from_json + summary()" "$keras $json"
bench ".keras archive (seq-emb-bilstm.keras)" "$runs" -N -n "rparams (NativeAOT)" "$aot summary $archive" -n "rparams (.NET tool)" "$tool summary $archive"
bench ".keras archive, Python" "$python_runs" -n "Keras 3: load_model + summary()" "$keras $archive"
bench "PyTorch LSTM (lstm-proj-bidir-2layers)" "$runs" -N -n "rparams (NativeAOT)" "$aot summary $torch" -n "rparams (.NET tool)" "$tool summary $torch"
bench "PyTorch LSTM, Python" "$python_runs" -n "torchinfo: build + summary()" "$torchinfo"
bench "Legacy .h5 and ONNX" "$runs" -N -n "rparams (NativeAOT) .h5" "$aot summary $fixtures/h5/keras3-blog-simplernn.h5" -n "rparams (NativeAOT) .onnx" "$aot summary $fixtures/onnx/lstm-bidir-2layers-bf.onnx" -n "rparams (NativeAOT) count" "$aot count lstm --units 4 --input 5"
bench "Folder of 113 fixtures" 10 -N -i -n "rparams (NativeAOT)" "$aot summary $fixtures" -n "rparams (.NET tool)" "$tool summary $fixtures"
