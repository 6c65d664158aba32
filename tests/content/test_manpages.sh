#!/usr/bin/env bash
# A program's man page agrees with the program: every option and command its --help lists is in
# the page, and the page was made from this build (its header names the version the program
# prints). The page is made by help2man from --help at build time (cmake/ClabManPage.cmake), so
# this catches a page left stale by the build, or a line of --help that help2man dropped.
# --help and --version are asked with no display (DISPLAY, WAYLAND_DISPLAY, QT_QPA_PLATFORM
# unset): the window answers them before it opens.
#
# Usage: test_manpages.sh PROGRAM MANPAGE.1.gz VERSION
set -euo pipefail

program=$1
page=$2
version=$3
name=$(basename "$program")

fail() {
    echo "FAIL: $name: $*" >&2
    exit 1
}

[[ -x "$program" ]] || fail "no program $program (cmake --build --preset dev)"
[[ -f "$page" ]] || fail "no man page $page (cmake --build --preset dev makes it; help2man is needed)"
gzip -t "$page" || fail "$page is not a whole gzip file"

ask() {
    env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$program" "$@"
}
help=$(ask --help) || fail "--help exited non-zero"
[[ -n "$help" ]] || fail "--help printed nothing"
version_line=$(ask --version) || fail "--version exited non-zero"
[[ "$version_line" == "$name $version" ]] || fail "--version printed '$version_line', not '$name $version'"

# The page as text: roff's escaped hyphens and font changes undone, so options read as typed.
text=$(gzip -dc "$page" | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(em/-/g')
header=$(grep -m1 '^\.TH ' <<<"$text") || fail "the page has no .TH header"
[[ "$header" == *"\"$name $version\""* ]] || fail "the page is not of $name $version: $header"
upper=${name^^}
[[ "$header" == ".TH $upper \"1\""* ]] || fail "the page is not $name(1): $header"

# Every option --help names (-h, --sweep-max, ...): a hyphen that does not follow a letter, digit
# or hyphen, then a lower-case name. Each must be in the page as a whole word, so --sweep is not
# found inside --sweep-max.
mapfile -t options < <(grep -oE '(^|[^A-Za-z0-9_-])--?[a-z][a-z0-9-]*' <<<"$help" | sed -E 's/^[^-]+//' | sort -u)
((${#options[@]} >= 2)) || fail "found only ${#options[@]} options in --help"
# The commands the usage lines name ("Usage: concurrency-lab-cli run ...", "  or:  ... sweep ...").
mapfile -t commands < <(grep -oE "^ *(Usage:|or:)? *$name [a-z][a-z-]*" <<<"$help" | awk '{print $NF}' | sort -u)

missing=()
for word in "${options[@]}" "${commands[@]}"; do
    grep -qE -- "(^|[^A-Za-z0-9_-])${word}([^A-Za-z0-9_-]|\$)" <<<"$text" || missing+=("$word")
done
((${#missing[@]} == 0)) || fail "the man page lacks ${missing[*]} (of --help's ${options[*]} ${commands[*]})"
echo "ok: $name(1), $version: all ${#options[@]} options and ${#commands[@]} commands of --help"
