#!/usr/bin/env bash
# Runs the benchmarks (never part of the test suite):
#   tools/bench.sh micro [BenchmarkDotNet args]   e.g. tools/bench.sh micro --filter '*Mavlink*'
#   tools/bench.sh pipeline NAME [options]        whole-pipeline figures (ffmpeg, Azurite); no NAME lists them
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/setup.sh"
kind="${1:-}"; shift || true
case "$kind" in
  micro) exec dotnet run -c Release --project "$root/tools/RafeCast.Benchmarks" -- "$@" ;;
  pipeline) exec dotnet run -c Release --project "$root/tools/RafeCast.PipelineBench" -- "$@" ;;
  *) echo "usage: tools/bench.sh micro|pipeline ..." >&2; exit 2 ;;
esac
