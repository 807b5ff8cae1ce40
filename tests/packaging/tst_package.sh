#!/usr/bin/env bash
# The .deb as a user gets it: built by CPack from this build, checked by lintian (no error),
# desktop-file-validate and appstreamcli, unpacked into a scratch root with dpkg -x, and the
# unpacked program run from an empty working folder, where it must find its configs under
# <root>/usr/share/anytime-planner.
#   tst_package.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "tst_package: $*" >&2; exit 1; }

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" > "$work/cpack.log" ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; }
debs=("$work"/out/anytime-planner_*_amd64.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "no anytime-planner_<version>_amd64.deb in $work/out"
deb=${debs[0]}
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# Dependencies come from dpkg-shlibdeps: the libraries the program links, LibTorch among them.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libtorch libqt6core6 libqt6widgets6 libyaml-cpp qt6-qpa-plugins; do
  [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib"
done

# lintian: no error (warnings and infos are printed).
lintian --allow-root --info "$deb" > "$work/lintian.txt" 2>&1 || true
cat "$work/lintian.txt"
if grep -q '^E: ' "$work/lintian.txt"; then fail "lintian reports errors"; fi

root="$work/root"
dpkg -x "$deb" "$root"
for f in usr/bin/anytime-planner \
         usr/share/anytime-planner/configs/models.yaml \
         usr/share/applications/org.anytimeplanner.AnytimePlanner.desktop \
         usr/share/metainfo/org.anytimeplanner.AnytimePlanner.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/anytime-planner.svg \
         usr/share/man/man1/anytime-planner.1.gz \
         usr/share/doc/anytime-planner/copyright; do
  [ -f "$root/$f" ] || fail "the package lacks /$f"
done
desktop-file-validate "$root/usr/share/applications/org.anytimeplanner.AnytimePlanner.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.anytimeplanner.AnytimePlanner.metainfo.xml"

# From an empty folder with a space in its name, as a new user would run it.
mkdir "$work/empty folder"
cd "$work/empty folder"
"$root/usr/bin/anytime-planner" --version
out=$(AIP_CONFIG_DIR= "$root/usr/bin/anytime-planner" --batch validate-config --quick)
echo "$out"
[[ $out == *"$root/usr/share/anytime-planner/configs/models.yaml: ok"* ]] ||
  fail "the installed program did not read its configs under $root/usr/share/anytime-planner"
[ -z "$(ls -A .)" ] || fail "validate-config wrote into the working folder: $(ls -A .)"
echo "tst_package: ok"
