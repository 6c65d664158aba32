#!/usr/bin/env bash
# Builds the Debian package of Concurrency Lab: the programs, the worker, the lessons and the
# desktop files under /usr. Usage: scripts/package.sh [OUTPUT_DIR]   (default: build/dev)
# Needs dpkg-dev (dpkg-shlibdeps works out the library dependencies); scripts/setup.sh installs it.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/dev"
out=${1:-$build}
jobs=${JOBS:-2}

cd "$root"
cmake --preset dev
cmake --build --preset dev -j"$jobs" --target concurrency-lab concurrency-lab-cli clab-worker
mkdir -p "$out"
out=$(cd "$out" && pwd)
(cd "$build" && cpack -G DEB -B "$out")
rm -rf "$out/_CPack_Packages"
deb=$(ls -t "$out"/concurrency-lab_*.deb | head -n 1)
echo "package: $deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
