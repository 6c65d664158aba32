#!/usr/bin/env bash
# Formats the C++ sources with clang-format (.clang-format at the top of the tree).
#   scripts/format.sh          rewrite every file in place
#   scripts/format.sh --check  change nothing; list the files that are not formatted and fail
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(git ls-files '*.cpp' '*.h')
if [[ "${1:-}" == "--check" ]]; then
    unformatted=()
    for file in "${files[@]}"; do
        if ! clang-format --dry-run --Werror "$file" > /dev/null 2>&1; then
            unformatted+=("$file")
        fi
    done
    if (( ${#unformatted[@]} > 0 )); then
        echo "format: ${#unformatted[@]} files are not formatted (run scripts/format.sh):" >&2
        printf '  %s\n' "${unformatted[@]}" >&2
        exit 1
    fi
    echo "format: all ${#files[@]} files are formatted"
else
    clang-format -i "${files[@]}"
fi
