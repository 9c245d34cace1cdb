#!/usr/bin/env sh
# Lines per C# file: all, blank, comment-only (//, ///, /* … */) and code (the rest), plus totals.
# Usage: tests/PlatformSdk.Contract.Tests/count-lines.sh [dir…]   (default: TestPlatform/ next to this script)
cd "$(dirname "$0")" || exit 1
[ $# -eq 0 ] && set -- TestPlatform
find "$@" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' | sort | while read -r f; do
  awk -v file="$f" '
    { line = $0; sub(/^[ \t]+/, "", line); sub(/[ \t\r]+$/, "", line) }
    inblock { comment++; if (line ~ /\*\//) inblock = 0; next }
    line == "" { blank++; next }
    line ~ /^\/\// { comment++; next }
    line ~ /^\/\*/ { comment++; if (line !~ /\*\//) inblock = 1; next }
    { code++ }
    END { printf "%6d %6d %8d %5d  %s\n", NR, blank, comment, code, file }' "$f"
done | awk '{ print; n += $1; b += $2; c += $3; k += $4 } END { printf "%6d %6d %8d %5d  total\n", n, b, c, k }' | { echo "   all  blank  comment  code  file"; cat; }
