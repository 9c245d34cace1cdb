#!/usr/bin/env bash
# Makes the .NET 8 runtime (and ASP.NET Core 8, which the fakes' Kestrel needs) available to the dotnet on PATH, so the
# libraries' net8.0 assets are tested on the runtime they are built for. Nothing is done where it is installed already.
# The runtime packs come from the NuGet registry (the only one CI reaches): their shared-framework folders are the same
# files an installer lays down. Usage: eng/install-dotnet8-runtime.sh [version]   (default 8.0.34)
set -euo pipefail
version="${1:-8.0.34}"
root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
if dotnet --list-runtimes | grep -q "^Microsoft.NETCore.App 8\.0\." && dotnet --list-runtimes | grep -q "^Microsoft.AspNetCore.App 8\.0\."; then
  echo ".NET 8 runtime already installed"; exit 0
fi
[ -w "$root/shared" ] || { echo "cannot write to $root/shared: install the .NET 8 runtime by hand" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/download.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Microsoft.NETCore.App.Runtime.linux-x64" Version="[$version]" />
    <PackageDownload Include="Microsoft.AspNetCore.App.Runtime.linux-x64" Version="[$version]" />
  </ItemGroup>
</Project>
XML
dotnet restore "$work/download.csproj" --packages "$work/packages" -v:q -nologo
for framework in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
  pack="$work/packages/$(echo "$framework" | tr 'A-Z' 'a-z').runtime.linux-x64/$version/runtimes/linux-x64"
  target="$root/shared/$framework/$version"
  mkdir -p "$target"
  cp "$pack"/lib/net8.0/* "$target/"
  if [ -d "$pack/native" ]; then cp "$pack"/native/* "$target/"; fi
done
dotnet --list-runtimes | grep " 8\.0\."
