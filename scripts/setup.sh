#!/usr/bin/env bash
# Installs every Debian 12 package that building, testing and taking
# screenshots of Concurrency Lab needs. Only missing packages are installed;
# on a machine that has them all this does nothing and needs no network.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev libqt6opengl6-dev
    libgl1-mesa-dev libasio-dev zlib1g-dev
    xvfb xauth imagemagick fonts-dejavu-core
    dpkg-dev appstream appstream-util desktop-file-utils help2man
    nlohmann-json3-dev clang-format
    clang libclang-rt-14-dev
    time
    python3
)

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    if [[ "$status" != "installed" ]]; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} == 0)); then
    echo "setup: all ${#packages[@]} packages are installed"
    exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if ((EUID != 0)); then
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
