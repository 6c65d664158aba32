#!/usr/bin/env bash
# Builds the Debian package from a built tree, unpacks it into a temporary folder and checks it
# the way an installation would be used: the files are where the desktop and the programs look,
# the metadata validates, the man pages agree with the programs, and the unpacked command-line
# program and window each run a processes experiment and exit 0.
#
# Usage: test_package.sh BUILD_DIR SOURCE_DIR VERSION PRESET
# Needs dpkg-deb, dpkg-shlibdeps (dpkg-dev), appstreamcli, appstream-util and desktop-file-validate
# (scripts/setup.sh installs them).
set -euo pipefail

build=$1
source=$2
version=$3
preset=$4
app_id=io.github.concurrencylab.ConcurrencyLab

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

for tool in cpack dpkg-deb dpkg-shlibdeps appstreamcli appstream-util desktop-file-validate; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/setup.sh installs it)"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. The package.
(cd "$build" && cpack -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log" >&2; fail "cpack"; }
deb="$tmp/out/concurrency-lab_${version}_amd64.deb"
[[ -f "$deb" ]] || fail "no $deb (cpack wrote: $(ls "$tmp/out"))"
[[ "$(dpkg-deb -f "$deb" Package)" == concurrency-lab ]] || fail "package name"
[[ "$(dpkg-deb -f "$deb" Version)" == "$version" ]] || fail "package version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libqt6widgets6 libqt6charts6 libqt6svg6 zlib1g; do
    [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
echo "ok: $(basename "$deb"), Depends: $depends"

# 2. The files, where the desktop and the programs look for them.
root="$tmp/root"
dpkg-deb -x "$deb" "$root"
usr="$root/usr"
for exe in bin/concurrency-lab bin/concurrency-lab-cli libexec/concurrency-lab/clab-worker; do
    [[ -x "$usr/$exe" ]] || fail "missing program /usr/$exe"
done
for file in "share/applications/$app_id.desktop" "share/metainfo/$app_id.metainfo.xml" \
    "share/mime/packages/$app_id.xml" \
    share/icons/hicolor/scalable/apps/concurrency-lab.svg share/concurrency-lab/lessons/presets.json \
    share/doc/concurrency-lab/copyright; do
    [[ -s "$usr/$file" ]] || fail "missing /usr/$file"
done
lessons=$(find "$usr/share/concurrency-lab/lessons" -maxdepth 1 -name '*.md' | wc -l)
((lessons >= 10)) || fail "only $lessons lessons in /usr/share/concurrency-lab/lessons"
grep -q "\"$preset\"" "$usr/share/concurrency-lab/lessons/presets.json" || fail "preset $preset not packaged"
# Man pages gzipped where man(1) looks (Debian policy 12.1), and the metainfo's screenshots.
for page in concurrency-lab concurrency-lab-cli; do
    gzip -t "$usr/share/man/man1/$page.1.gz" 2>/dev/null || fail "missing or broken /usr/share/man/man1/$page.1.gz"
done
for shot in lab compare projector; do
    head -c 8 "$usr/share/concurrency-lab/screenshots/$shot.png" 2>/dev/null | grep -q PNG \
        || fail "missing /usr/share/concurrency-lab/screenshots/$shot.png"
done
echo "ok: programs, worker, desktop file, metainfo, icon, copyright, man pages, screenshots and $lessons lessons"
# The installed programs find the worker and the lessons from where they are, not from paths of
# the tree they were built in.
for exe in bin/concurrency-lab bin/concurrency-lab-cli libexec/concurrency-lab/clab-worker; do
    for tree in "$(cd "$build" && pwd)" "$(cd "$source" && pwd)"; do
        if grep -q -F "$tree" "$usr/$exe"; then
            fail "/usr/$exe holds the build-tree path $tree"
        fi
    done
done
echo "ok: no build-tree path in the installed programs"

# 3. The metadata validates and agrees with itself and the package (the screenshots named are the
# ones shipped), and the man pages with the packaged programs' --help.
"$source/tests/content/test_metadata.sh" "$usr/share/applications/$app_id.desktop" \
    "$usr/share/metainfo/$app_id.metainfo.xml" "$usr/share/concurrency-lab/screenshots" "$version" \
    "$usr/share/mime/packages/$app_id.xml" || fail "the packaged metadata (test_metadata.sh)"
for program in concurrency-lab concurrency-lab-cli; do
    "$source/tests/content/test_manpages.sh" "$usr/bin/$program" "$usr/share/man/man1/$program.1.gz" "$version" \
        || fail "the packaged man page of $program (test_manpages.sh)"
done
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$usr/share/metainfo/$app_id.metainfo.xml" \
    || fail "metainfo launchable is not $app_id.desktop"
grep -q "<release version=\"$version\"" "$usr/share/metainfo/$app_id.metainfo.xml" \
    || fail "metainfo has no release $version"
grep -q '^Icon=concurrency-lab$' "$usr/share/applications/$app_id.desktop" || fail "desktop Icon"
echo "ok: metadata"

# 4. The unpacked programs run. Where the system allows a private mount namespace (root), the
# build tree's worker and the source lessons are hidden, so only the package's own files can
# serve; elsewhere they run as they are.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset CLAB_WORKER CLAB_LESSONS_DIR
run() {
    if [[ -n "${hide:-}" ]]; then
        unshare --mount --propagation private sh -c '
            mount --bind "$1" "$2" && mount --bind "$1" "$3" && shift 3 && exec "$@"' \
            sh "$tmp/empty" "$build/engine" "$source/lessons" "$@"
    else
        "$@"
    fi
}
mkdir -p "$tmp/empty"
if unshare --mount --propagation private true 2>/dev/null; then
    hide=1
    echo "ok: the build tree's worker and the source lessons are hidden from the programs"
else
    echo "note: no private mount namespace here; the build tree stays visible"
fi

run "$usr/bin/concurrency-lab-cli" run --preset "$preset" --tasks 16 --cpu-steps 1000 >"$tmp/cli.log" 2>&1 \
    || { cat "$tmp/cli.log" >&2; fail "concurrency-lab-cli run --preset $preset"; }
grep -q "tasks          16 of 16" "$tmp/cli.log" || { cat "$tmp/cli.log" >&2; fail "the CLI run did not complete"; }
echo "ok: concurrency-lab-cli ran $preset (16 tasks)"

QT_QPA_PLATFORM=offscreen run "$usr/bin/concurrency-lab" --preset "$preset" --run --export-dir "$tmp/export" \
    --quit-after-ms 60000 >"$tmp/gui.log" 2>&1 || { cat "$tmp/gui.log" >&2; fail "concurrency-lab exited non-zero"; }
[[ -s "$tmp/export/run.json" ]] || { cat "$tmp/gui.log" >&2; fail "the window finished no run"; }
grep -Eq '"tasks_completed": *[1-9]' "$tmp/export/run.json" || fail "the window's run completed no task"
grep -Eq '"stopped": *false' "$tmp/export/run.json" || fail "the window's run was stopped before the end"
if grep -q '"error"' "$tmp/export/run.json"; then
    fail "the window's run failed: $(grep -o '"error": *"[^"]*"' "$tmp/export/run.json")"
fi
head -c 4 "$tmp/export/report.pdf" | grep -q '%PDF' || fail "no report.pdf from the window"
echo "ok: concurrency-lab ran $preset offscreen and exported its report"
