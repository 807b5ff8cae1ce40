#!/usr/bin/env bash
# Installs everything the build, the tests and the main job need on Debian 12 (as root).
# Idempotent: packages already present are left alone; apt's lists are refreshed at most
# once a day so repeated runs stay fast.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config clang-format clang-tidy git
  # Qt 6: base, SVG (figure export), tools, l10n tools, Qt's own translations, plotting
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-translations-l10n libqt6opengl6-dev libgl-dev libqcustomplot-dev
  # numerics and ML
  libtorch-dev libopencv-dev libyaml-cpp-dev libboost-math-dev libarchive-dev zlib1g-dev
  # Optimized BLAS, OpenMP build: LibTorch's intra-op thread setting then also governs the BLAS
  # threads, so the two never oversubscribe the cores (the pthreads build adds its own pool).
  libopenblas0-openmp libopenblas-openmp-dev
  # tests and benchmarks
  libgtest-dev libbenchmark-dev xvfb xauth x11-apps imagemagick python3
  # fuzzing: the fuzz preset's clang and libFuzzer runtime
  clang libclang-rt-14-dev
  # packaging: the .deb and its checks (tst_package)
  lintian desktop-file-utils appstream
  # offline default data set
  dataset-fashion-mnist
)

if [ "$(id -u)" -ne 0 ]; then
  echo "setup.sh: must run as root (apt-get install)" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  stamp=/var/lib/apt/periodic/aip-update-stamp
  if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440 2>/dev/null)" ]; then
    apt-get update -q
    mkdir -p "$(dirname "$stamp")" && touch "$stamp"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Make the OpenMP OpenBLAS the provider of libblas.so.3/liblapack.so.3 that LibTorch loads.
arch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
for lib in libblas.so.3 liblapack.so.3; do
  alt="/usr/lib/${arch}/openblas-openmp/${lib}"
  if [ -e "$alt" ]; then
    update-alternatives --set "${lib}-${arch}" "$alt" >/dev/null
  fi
done
echo "setup.sh: all packages present; BLAS: $(readlink -f /usr/lib/${arch}/libblas.so.3)"
