#!/usr/bin/env bash
# Runs the test projects against the libraries' netstandard2.0 assets, loaded by the .NET 10 host: each project is built
# with PlatformSdkTestNetStandard=true (Directory.Build.props/.targets: its library references become the netstandard2.0
# builds, in bin/ and obj/ folders of their own) and its LoadedAssetTests prove which builds ran. docs/testing.md lists
# what runs where. Usage: eng/test-netstandard.sh [results directory]
set -euo pipefail
cd "$(dirname "$0")/.."
results="${1:-artifacts/test-results-netstandard}"
# Every test project that references a library, except: the crash tests, whose receivers are separate processes built
# for .NET 10 (the netstandard2.0 inbox is tested in-process by PlatformSdk.Inbox.Tests); and the AspNetCore endpoint's
# tests, because that package has no netstandard2.0 asset and its .NET 10 build cannot bind to init-only setters of the
# netstandard2.0 TmallGlobalDirect build (no application ever loads that pair: a .NET 8+ app gets both modern assets).
projects=(Abstractions Jushuitan Alibaba1688 Top TaobaoVoucher TmallGlobalDirect Inbox Logistics Redis HealthChecks Contract
  Conventions Testing)
status=0
for name in "${projects[@]}"; do
  dotnet build "tests/PlatformSdk.${name}.Tests" -p:PlatformSdkTestNetStandard=true -p:TreatWarningsAsErrors=true -nologo -v:q
done
for name in "${projects[@]}"; do
  dotnet test "tests/PlatformSdk.${name}.Tests" -p:PlatformSdkTestNetStandard=true --no-build --logger trx \
    --results-directory "$results" || status=$?
done
exit "$status"
