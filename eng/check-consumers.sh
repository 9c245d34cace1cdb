#!/usr/bin/env bash
# Packs the libraries (package validation on) and builds consumer applications against the packages, the way users meet
# them: a net8.0 app pinned to Microsoft.Extensions 8.0.x must restore and build without NU1605 and run, and a .NET
# Framework 4.8 app must restore and build against the netstandard2.0 assets (it cannot run here). Usage:
# eng/check-consumers.sh [configuration]   (after a build of the solution in that configuration; Debug by default)
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${1:-Debug}"
packages="$PWD/artifacts/packages"
rm -rf "$packages"
dotnet pack PlatformSdk.sln --no-build -c "$configuration" -o "$packages" -v:q -nologo
version="$(ls "$packages" | sed -n 's/^PlatformSdk\.Abstractions\.\([0-9][^a-z]*\)\.nupkg$/\1/p' | head -n 1)"
[ -n "$version" ] || { echo "no PlatformSdk.Abstractions package in $packages" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/net8" "$work/net48" "$work/erp-shared"
cp eng/consumer/ErpShared.csproj eng/consumer/ErpShared.cs "$work/erp-shared/"
cp eng/consumer/Net8Consumer.csproj eng/consumer/Program.cs "$work/net8/"
cp eng/consumer/Net48Consumer.csproj eng/consumer/Net48Program.cs "$work/net48/"
# The local packages first, then the registry the machine is configured with.
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="platformsdk-local" value="$packages" />
  </packageSources>
</configuration>
XML
# A package of the same version restored before would be taken from the cache instead of the one just packed.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/platformsdk.*
dotnet build "$work/net8/Net8Consumer.csproj" -p:PlatformSdkVersion="$version" -nologo -v:q
# On the .NET 8 runtime where it is installed; on a machine with only a newer one, rolled forward to it.
DOTNET_ROLL_FORWARD=Major dotnet "$work/net8/bin/Debug/net8.0/Net8Consumer.dll"
dotnet build "$work/net48/Net48Consumer.csproj" -p:PlatformSdkVersion="$version" -nologo -v:q
echo "consumers: net8.0 on Microsoft.Extensions 8.0.x restored, built and ran; net48 restored and built; against PlatformSdk $version"
