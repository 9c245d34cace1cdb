#!/usr/bin/env bash
# Brings every library's PublicAPI.Unshipped.txt in line with its public surface (the analyzer's code fix, without an IDE):
# builds each library once with warnings allowed, adds the symbols RS0016 reports as undeclared and drops the ones RS0017
# reports as gone. Review the diff: it IS the public API change. Usage: eng/update-public-api.sh [src/PlatformSdk.X ...]
set -euo pipefail
cd "$(dirname "$0")/.."
projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  mapfile -t projects < <(find src -mindepth 1 -maxdepth 1 -type d | sort)
fi

for dir in "${projects[@]}"; do
  dir="${dir%/}"
  unshipped="$dir/PublicAPI.Unshipped.txt"
  [ -f "$unshipped" ] || { echo "skip $dir (no PublicAPI.Unshipped.txt)"; continue; }
  log="$(mktemp)"
  # --no-incremental: the analyzer only reports on a real compile.
  dotnet build "$dir" --no-incremental -p:TreatWarningsAsErrors=false -v:q -nologo >"$log" 2>&1 || true
  added="$(grep -o "warning RS0016: Symbol '.*' is not part of the declared public API" "$log" \
    | sed -e "s/^warning RS0016: Symbol '//" -e "s/' is not part of the declared public API$//" | sort -u || true)"
  removed="$(grep -o "warning RS0017: Symbol '.*' is part of the declared API" "$log" \
    | sed -e "s/^warning RS0017: Symbol '//" -e "s/' is part of the declared API$//" | sort -u || true)"
  current="$(grep -v '^#nullable enable$' "$unshipped" || true)"
  {
    echo '#nullable enable'
    printf '%s\n%s\n' "$current" "$added" | { grep -vxF -e '' -f <(printf '%s\n' "$removed") || true; } | LC_ALL=C sort -u
  } >"$unshipped.new"
  mv "$unshipped.new" "$unshipped"
  echo "$dir: +$(printf '%s' "$added" | grep -c . || true) -$(printf '%s' "$removed" | grep -c . || true)"
  rm -f "$log"
done
