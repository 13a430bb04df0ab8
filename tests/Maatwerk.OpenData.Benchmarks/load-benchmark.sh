#!/usr/bin/env bash
# The load benchmark against nginx (issue 11): installs wrk and nginx from Debian when they are missing, then
# runs the harness in Release. Not part of CI or `dotnet test`: it takes about 15 minutes at full scale and
# its figures only mean something on a quiet machine. Options are passed on, for example:
#   tests/Maatwerk.OpenData.Benchmarks/load-benchmark.sh --scale small --duration 2s --warmup 1s
# See LoadBenchmark.cs for every option; results go to the folder it prints (results.md for the README).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run -c Release --project tests/Maatwerk.OpenData.Benchmarks -- load "$@"
