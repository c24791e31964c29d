#!/usr/bin/env bash
# What the tests need from the machine besides npm packages: Java 17+ for DynamoDB Local and
# Debian's Chromium for the browser tests (test/e2e). Installs whichever is missing with apt-get
# (one update) when it can; otherwise says what to install. Runs before `npm test` and in CI.
set -euo pipefail

packages=()
command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jre-headless)
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need: ${packages[*]} (Debian packages). Install them, e.g. sudo apt-get install -y ${packages[*]}" >&2
  exit 1
fi
echo "Installing ${packages[*]} with apt-get (once)…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${packages[@]}" >/dev/null
