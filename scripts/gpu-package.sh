#!/usr/bin/env bash
# Builds out/gpu-package/: everything a GPU machine without .NET needs to run the course's
# bench/train command on CUDA. It holds
#   app/     a self-contained, trimmed .NET publish of bench/GenCourse.Bench (runtime included)
#   native/  the bridge sources (CMakeLists.txt + .cpp/.h)
#   run.sh   builds the bridge against the machine's own PyTorch libtorch, then runs the app
# Usage: scripts/gpu-package.sh [OUT_DIR]    (default out/gpu-package; must stay under 64 MiB)
# Data on the GPU machine: GENCOURSE_DATA=DIR with DIR/mnist/*-ubyte.gz (the loaders read .gz; 12 MiB).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/out/gpu-package}"
limit_mib=64

rm -rf "$out.tmp"
mkdir -p "$out.tmp/app" "$out.tmp/native"

echo "gpu-package: publishing bench/GenCourse.Bench (self-contained, linux-x64, trimmed)"
# The runtime pack comes from NuGet. Trimming keeps the folder small (untrimmed: ~80 MiB).
dotnet publish "$root/bench/GenCourse.Bench/GenCourse.Bench.csproj" -c Release -r linux-x64 \
  --self-contained -p:PublishTrimmed=true -p:TrimMode=partial -p:DebugType=none \
  -p:SuppressTrimAnalysisWarnings=true -p:EnableTrimAnalyzer=false \
  -o "$out.tmp/app" > "$out.tmp/publish.log" 2>&1 || { cat "$out.tmp/publish.log"; exit 1; }
rm -f "$out.tmp/publish.log" "$out.tmp/app/libgencourse_torch.so"   # the CPU bridge is rebuilt there

mkdir -p "$out.tmp/bench/python"   # the PyTorch side of `run.sh binding`
cp "$root"/bench/python/*.py "$out.tmp/bench/python/"
cp "$root"/lib/GenCourse.Torch/native/CMakeLists.txt "$root"/lib/GenCourse.Torch/native/*.cpp \
   "$root"/lib/GenCourse.Torch/native/*.h "$out.tmp/native/"

cat > "$out.tmp/run.sh" <<'RUN'
#!/usr/bin/env bash
# Run on the GPU machine: ./run.sh SUITE [ARGS...]   e.g. ./run.sh binding --device cuda
# Builds the bridge against this machine's PyTorch (its libtorch, CUDA and C++ ABI flag come
# from TorchConfig.cmake), then runs the self-contained bench/train command with it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
if [ -z "${Torch_DIR:-}" ]; then
  prefix="$("$python" -c 'import torch; print(torch.utils.cmake_prefix_path)')" || {
    echo "run.sh: cannot import torch with $python; set PYTHON or Torch_DIR (…/share/cmake/Torch)" >&2; exit 1; }
  export Torch_DIR="$prefix/Torch"
fi
lib="$here/build/libgencourse_torch.so"
if [ ! -f "$lib" ] || [ "$here/native/bridge_dispatch.cpp" -nt "$lib" ]; then
  echo "run.sh: building the bridge against Torch_DIR=$Torch_DIR" >&2
  cmake -S "$here/native" -B "$here/build" -DCMAKE_BUILD_TYPE=Release -DTorch_DIR="$Torch_DIR" > "$here/configure.log" 2>&1 \
    || { cat "$here/configure.log"; exit 1; }
  cmake --build "$here/build" -j "$(nproc)" >&2
fi
export GENCOURSE_NATIVE_LIB="$lib"
export GENCOURSE_PYTHON="${GENCOURSE_PYTHON:-$python}"
export GENCOURSE_ROOT="${GENCOURSE_ROOT:-$here}"   # where `binding` finds bench/python/binding.py
exec "$here/app/GenCourse.Bench" "$@"
RUN
chmod +x "$out.tmp/run.sh"

size_kib=$(du -sk "$out.tmp" | cut -f1)
if [ "$size_kib" -gt $((limit_mib * 1024)) ]; then
  echo "gpu-package: the package is $((size_kib / 1024)) MiB, over the ${limit_mib} MiB limit" >&2
  exit 1
fi
rm -rf "$out"
mv "$out.tmp" "$out"
echo "gpu-package: $out ($((size_kib / 1024)) MiB). On the GPU machine: ./run.sh SUITE [--device cuda]"
