#!/usr/bin/env bash
# The program exports no function that a Qt 5 library in its process calls. LibTorch loads
# OpenCV's highgui, which loads Qt 5 beside the program's Qt 6; a Qt 6 function the executable
# exports under a name Qt 5 also uses (an inline copy such as QByteArray::append(const char*))
# would be bound to Qt 5's calls and crash Qt 5's start-up. See CMAKE_VISIBILITY_INLINES_HIDDEN
# in CMakeLists.txt.
#   check_exports.sh EXECUTABLE
set -euo pipefail
binary=$1
mapfile -t qt5 < <(ldd "$binary" | awk '$3 ~ /libQt5/ {print $3}')
if [ ${#qt5[@]} -eq 0 ]; then
  echo "$binary: no Qt 5 library in its process"
  exit 0
fi
exports=$(nm -D --defined-only --format=posix "$binary" | awk '$2 ~ /^[TWVu]$/ {print $1}' | sort -u)
called=$(for lib in "${qt5[@]}"; do nm -D --undefined-only --format=posix "$lib" | awk '{sub(/@.*/, "", $1); print $1}'; done | sort -u)
clashes=$(comm -12 <(echo "$exports") <(echo "$called") | grep '^_Z' || true)
if [ -n "$clashes" ]; then
  echo "$binary exports functions that Qt 5 calls:" >&2
  echo "$clashes" | c++filt | sed 's/^/  /' >&2
  exit 1
fi
echo "$binary: none of its $(echo "$exports" | wc -l) exports is called by the ${#qt5[@]} Qt 5 libraries in its process"
