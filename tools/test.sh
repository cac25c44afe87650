#!/usr/bin/env bash
# Runs the whole RafeCast test suite: sets up what is missing, builds with warnings as errors, runs
# every test project (real ffmpeg, real Azurite, real UDP on 127.0.0.1, headless Chromium) and ends
# with one line: "tests: N passed, N failed". Non-zero when a test failed or none ran.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/tools/setup.sh" --browser || exit 1

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build RafeCast.sln -c Release --nologo -v q -clp:ErrorsOnly; then
  echo "tests: 0 passed, 0 failed (the build failed)"
  exit 1
fi

# One test project at a time: the integration tests drive ffmpeg in real time, and two of them
# fighting over two cores would measure the machine, not the code. One TRX file per project.
status=0
crashed=0
for project in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" \
    --blame-hang-timeout 10m
  code=$?
  trx="$results/$name.trx"
  outcome="$(grep -o '<ResultSummary outcome="[A-Za-z]*"' "$trx" 2>/dev/null | sed 's/.*outcome="\([A-Za-z]*\)"/\1/')"
  if [ ! -f "$trx" ]; then
    echo "test.sh: $name produced no results (exit code $code)" >&2
    status=1
    crashed=$((crashed + 1))
  elif [ "$code" -ne 0 ] || [ "$outcome" != "Completed" ]; then
    status=1
    f="$(grep -o '<Counters [^>]*>' "$trx" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')"
    if [ "${f:-0}" -eq 0 ]; then
      # The run ended without a failed test: the test host crashed or the run was aborted.
      echo "test.sh: $name did not complete (outcome ${outcome:-unknown}, exit code $code)" >&2
      crashed=$((crashed + 1))
    fi
  fi
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

# A test project whose run crashed counts as one failure: its tests did not pass.
failed=$((failed + crashed))
echo "tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
