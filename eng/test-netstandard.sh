#!/usr/bin/env bash
# Runs the test projects against the libraries' netstandard2.0 assets, loaded by the .NET 10 host: the projects of
# eng/netstandard-assets.slnf are built with PlatformSdkTestNetStandard=true (Directory.Build.props/.targets: their
# library references become the netstandard2.0 builds, in bin/ and obj/ folders of their own) and their LoadedAssetTests
# prove which builds ran. docs/testing.md lists what runs where. Usage: eng/test-netstandard.sh [results directory]
#
# The filter holds every test project that references a library, except: the crash tests, whose receivers are separate
# processes built for .NET 10 (the netstandard2.0 inbox is tested in-process by PlatformSdk.Inbox.Tests); the tool's tests,
# which reference no library; and the AspNetCore endpoint's tests, because that package has no netstandard2.0 asset and its
# .NET 10 build cannot bind to init-only setters of the netstandard2.0 TmallGlobalDirect build (no application loads that
# pair: a .NET 8+ application gets both modern assets).
set -euo pipefail
cd "$(dirname "$0")/.."
results="${1:-artifacts/test-results-netstandard}"
dotnet build eng/netstandard-assets.slnf -p:PlatformSdkTestNetStandard=true -p:TreatWarningsAsErrors=true -nologo -v:q
dotnet test eng/netstandard-assets.slnf -p:PlatformSdkTestNetStandard=true --no-build --logger trx --results-directory "$results"
