#!/usr/bin/env bash
# The main job: a simulated flight end to end (drones -> ingest -> tagging -> publishing -> viewer URL).
# Sets up what is missing on first use, builds, and runs `rafecast demo` with any arguments given.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/setup.sh"
dotnet build "$root/src/RafeCast.Cli/RafeCast.Cli.csproj" -c Release --nologo -v q -clp:ErrorsOnly
exec dotnet "$root/src/RafeCast.Cli/bin/Release/net10.0/rafecast.dll" demo "$@"
