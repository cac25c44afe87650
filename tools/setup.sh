#!/usr/bin/env bash
# Installs what RafeCast needs beside the .NET SDK, once: ffmpeg (and Chromium for the browser tests)
# from apt, the pinned Node packages from tools/node/package-lock.json, and the NuGet packages.
# Idempotent and quiet when everything is already there. Exits non-zero with a clear message when
# something cannot be installed.
#
#   tools/setup.sh            what the demo and the CLI need
#   tools/setup.sh --browser  also Chromium, for the end-to-end tests
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want_browser=false
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=true ;;
    *) echo "setup: unknown option '$arg' (known: --browser)" >&2; exit 2 ;;
  esac
done

fail() { echo "setup: $*" >&2; exit 1; }
say() { echo "setup: $*"; }

command -v dotnet >/dev/null || fail "the .NET SDK is missing: install .NET 10 (https://dot.net) and run this again."

# --- apt packages -----------------------------------------------------------------------------
apt_packages=()
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || apt_packages+=(ffmpeg)
command -v node >/dev/null && command -v npm >/dev/null || apt_packages+=(nodejs npm)
if $want_browser && ! command -v chromium >/dev/null; then apt_packages+=(chromium); fi

if ((${#apt_packages[@]})); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "need root to install ${apt_packages[*]} with apt (no sudo here)."
    sudo="sudo"
  fi
  say "installing ${apt_packages[*]} from apt"
  log="$(mktemp)"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${apt_packages[@]}"; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    fail "apt-get could not install ${apt_packages[*]} (log above)."
  fi
  rm -f "$log"
fi

# --- Node packages (pinned by the committed lockfile) ------------------------------------------
node_dir="$root/tools/node"
stamp="$node_dir/node_modules/.rafecast-lock.sha256"
lock_sum="$(sha256sum "$node_dir/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  say "installing pinned Node packages (npm ci in tools/node)"
  log="$(mktemp)"
  if ! (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    fail "npm ci failed in tools/node (log above)."
  fi
  rm -f "$log"
  echo "$lock_sum" >"$stamp"
fi

# --- NuGet packages ---------------------------------------------------------------------------
restore_stamp="$root/artifacts/.restore-stamp"
restore_sum="$(find "$root" -path "$root/tools/node" -prune -o \( -name '*.csproj' -o -name 'Directory.*.props' -o -name global.json \) -print | sort | xargs cat | sha256sum | cut -d' ' -f1)"
if [ ! -f "$restore_stamp" ] || [ "$(cat "$restore_stamp")" != "$restore_sum" ]; then
  say "restoring NuGet packages"
  log="$(mktemp)"
  if ! dotnet restore "$root/RafeCast.sln" --nologo -v q >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    fail "dotnet restore failed (log above)."
  fi
  rm -f "$log"
  mkdir -p "$(dirname "$restore_stamp")"
  echo "$restore_sum" >"$restore_stamp"
fi
