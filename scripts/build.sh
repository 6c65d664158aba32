#!/usr/bin/env bash
# Configures and builds the `dev` preset (build/dev). With CI set, warnings are errors.
# Extra arguments go to the configure step, e.g. -DCLAB_BUILD_GUI=OFF.
set -euo pipefail
cd "$(dirname "$0")/.."

werror=OFF
if [[ -n "${CI:-}" ]]; then
    werror=ON
fi
cmake --preset dev -DCLAB_WERROR="$werror" "$@"
cmake --build --preset dev --parallel "$(nproc)"
