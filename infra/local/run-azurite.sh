#!/usr/bin/env bash
# Runs the Azurite that RafeCast pins (tools/node/package-lock.json) by hand, with the flags the
# station uses for its embedded Azurite, until Ctrl-C. For working against local storage outside
# the station (Azure Storage Explorer, az storage, your own tests).
#
#   infra/local/run-azurite.sh [--port PORT] [--location DIR]
#
# Defaults: port 10000 (the Azure SDKs' "UseDevelopmentStorage=true" port) and
# ${XDG_DATA_HOME:-~/.local/share}/rafecast/azurite-local for the data.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
azurite="$root/tools/node/node_modules/.bin/azurite-blob"

port=10000
location="${XDG_DATA_HOME:-$HOME/.local/share}/rafecast/azurite-local"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

while (($#)); do
  case "$1" in
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --location) location="${2:?--location needs a directory}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run-azurite: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
  echo "run-azurite: --port must be a TCP port number (1-65535), not '$port'." >&2
  exit 2
fi
if [ ! -x "$azurite" ]; then
  echo "run-azurite: $azurite is missing: run tools/setup.sh first (it installs the pinned Node packages)." >&2
  exit 1
fi
mkdir -p "$location"

echo "run-azurite: blob endpoint http://127.0.0.1:$port/devstoreaccount1, data in $location (Ctrl-C stops)"
# 127.0.0.1 only; --skipApiVersionCheck because the Azure SDK speaks a newer REST version than
# Azurite knows; --loose accepts headers Azurite does not implement instead of failing the request.
exec "$azurite" \
  --blobHost 127.0.0.1 --blobPort "$port" \
  --skipApiVersionCheck --disableTelemetry --loose \
  --location "$location"
