#!/usr/bin/env bash
# Runs the test projects that support it (no net10-only test dependency: CsCheck, Garnet) on the .NET 8 runtime against the
# libraries' net8.0 assets. .ci/run calls it after eng/install-dotnet8-runtime.sh; docs/testing.md lists the cross-section.
# Usage: eng/test-net8.sh [results directory]
set -euo pipefail
cd "$(dirname "$0")/.."
results="${1:-artifacts/test-results-net8}"
projects=(Jushuitan Alibaba1688 Top Contract TmallGlobalDirect TmallGlobalDirect.AspNetCore Testing Conventions HealthChecks)
status=0
for name in "${projects[@]}"; do
  dotnet build "tests/PlatformSdk.${name}.Tests" -f net8.0 -p:PlatformSdkTestNet8=true -p:TreatWarningsAsErrors=true -nologo -v:q
done
for name in "${projects[@]}"; do
  dotnet test "tests/PlatformSdk.${name}.Tests" -f net8.0 -p:PlatformSdkTestNet8=true --no-build --logger trx --results-directory "$results" || status=$?
done
exit "$status"
