#!/usr/bin/env bash
# The desktop metadata validates with the three validators Debian and software centres use, with
# no warning or error, and agrees with the project:
#   desktop-file-validate                       the .desktop file (any message fails)
#   appstreamcli validate --pedantic --no-net   the metainfo (any issue fails, but one; see below)
#   appstream-util validate --nonet             the metainfo
# then: the newest <release> is the project's version, the homepage is the project's, and each
# screenshot is a picture of docs/ at the project's raw address, with its real width and height.
# The machine has no network, so neither validator fetches the addresses.
# Exit code 77 (CTest: skipped) only when a validator is not installed; scripts/setup.sh
# installs them (desktop-file-utils, appstream, appstream-util).
#
# Then the shared-mime-info package of the session files: update-mime-database compiles it without
# a word, its type is the one the .desktop file opens, and a session file's start is its magic.
#
# Usage: test_metadata.sh DESKTOP_FILE METAINFO_FILE DOCS_DIR VERSION MIME_FILE
set -euo pipefail

desktop=$1
metainfo=$2
docs=$3
version=$4
mime=$5
homepage=https://github.com/concurrencylab/concurrency-lab
raw=https://raw.githubusercontent.com/concurrencylab/concurrency-lab/main

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

for tool in desktop-file-validate appstreamcli appstream-util update-mime-database; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool is not installed (scripts/setup.sh installs it)"
        exit 77
    fi
done
[[ -f "$desktop" ]] || fail "no $desktop"
[[ -f "$metainfo" ]] || fail "no $metainfo"
[[ -f "$mime" ]] || fail "no $mime"

# 1. desktop-file-validate prints nothing for a clean file (it exits 0 on warnings too).
out=$(desktop-file-validate "$desktop" 2>&1) || fail "desktop-file-validate: $out"
[[ -z "$out" ]] || fail "desktop-file-validate: $out"
echo "ok: desktop-file-validate $(basename "$desktop")"

# 2. appstreamcli lists each issue as "E:", "W:", "I:" or "P:" (pedantic), then a summary. One
# pedantic hint is accepted: the id has upper-case letters. The AppStream specification asks for
# lower case but allows upper (https://www.freedesktop.org/software/appstream/docs/chap-Metadata.html,
# <id>); this id was released with 0.1.0, is the .desktop file's name and the window's desktop file
# name (app/gui/main.cpp), and a released id stays as it is.
rc=0
out=$(appstreamcli validate --pedantic --no-net "$metainfo" 2>&1) || rc=$?
((rc == 0)) || fail "appstreamcli validate --pedantic --no-net (exit $rc):"$'\n'"$out"
issues=$(grep -E '^[EWIP]: ' <<<"$out" | grep -vE '^P: [^:]+:[0-9]+: cid-contains-uppercase-letter$' || true)
[[ -z "$issues" ]] || fail "appstreamcli validate --pedantic --no-net:"$'\n'"$out"
grep -q 'Validation was successful' <<<"$out" || fail "appstreamcli said:"$'\n'"$out"
echo "ok: appstreamcli validate --pedantic --no-net $(basename "$metainfo")"

# 3. appstream-util prints "<file>: OK", or "FAILED:" and a line per problem.
out=$(appstream-util validate --nonet "$metainfo" 2>&1) || fail "appstream-util validate --nonet:"$'\n'"$out"
[[ "$out" == "$(basename "$metainfo"): OK" || "$out" == "$metainfo: OK" ]] \
    || fail "appstream-util validate --nonet:"$'\n'"$out"
echo "ok: appstream-util validate --nonet $(basename "$metainfo")"

# 4. The metainfo agrees with the project.
newest=$(grep -m1 -oE '<release version="[^"]+"' "$metainfo" | cut -d'"' -f2)
[[ "$newest" == "$version" ]] || fail "the newest <release> is $newest, the project's version is $version"
grep -qF "<url type=\"homepage\">$homepage</url>" "$metainfo" || fail "the homepage is not $homepage"
grep -qF "<url type=\"bugtracker\">$homepage/issues</url>" "$metainfo" || fail "the bug tracker is not $homepage/issues"
for binary in concurrency-lab concurrency-lab-cli; do
    grep -qF "<binary>$binary</binary>" "$metainfo" || fail "<provides> lacks <binary>$binary</binary>"
done
# The PNG's width and height: the first two 4-byte big-endian numbers after its 16-byte start.
png_size() {
    od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}'
}
shots=0
while read -r width height url; do
    [[ "$url" == "$raw/docs/"*.png ]] || fail "screenshot $url is not a picture of docs/ at $raw"
    file="$docs/${url#"$raw/docs/"}"
    [[ -f "$file" ]] || fail "screenshot $url: no $file"
    [[ "$(png_size "$file")" == "$width $height" ]] \
        || fail "screenshot $url says ${width}x$height, $file is $(png_size "$file" | tr ' ' x)"
    shots=$((shots + 1))
done < <(grep -oE '<image type="source" width="[0-9]+" height="[0-9]+">[^<]+</image>' "$metainfo" \
    | sed -E 's/.*width="([0-9]+)" height="([0-9]+)">([^<]+)<.*/\1 \2 \3/')
((shots >= 1)) || fail "no screenshot"
captions=$(grep -c '<caption>' "$metainfo")
((captions == shots)) || fail "$shots screenshots but $captions captions"
echo "ok: release $version, homepage, binaries and $shots screenshots of docs/ with their sizes"

# 5. The session files' MIME type (docs/session-format.md): the package compiles cleanly, names the
# type the .desktop file opens, globs *.clab and finds a session by its "format" near the start.
type=application/x-concurrency-lab-session
grep -qxF "MimeType=$type;" "$desktop" || fail "the .desktop file does not open $type"
grep -qF "<mime-type type=\"$type\">" "$mime" || fail "$mime does not define $type"
grep -qF '<glob pattern="*.clab"/>' "$mime" || fail "$mime does not glob *.clab"
grep -qE '^Exec=concurrency-lab %[fF]$' "$desktop" || fail "Exec= takes no file for MimeType="
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/mime/packages"
cp "$mime" "$tmp/mime/packages/"
# In the search path, or it says so (a note, not a problem of the package).
out=$(XDG_DATA_HOME="$tmp" XDG_DATA_DIRS="$tmp" update-mime-database "$tmp/mime" 2>&1) \
    || fail "update-mime-database: $out"
[[ -z "$out" ]] || fail "update-mime-database: $out"
grep -qF "$type:*.clab" "$tmp/mime/globs2" || fail "the compiled globs lack *.clab"
grep -qF 'concurrency-lab-session' "$tmp/mime/magic" || fail "the compiled magic lacks the session's format"
echo "ok: $(basename "$mime") compiles, globs *.clab and is the type the .desktop file opens"
