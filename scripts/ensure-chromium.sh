#!/usr/bin/env bash
# The browser tests drive Debian's Chromium; install it (and the fonts pages use) if it is missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
else
  echo "chromium is not installed: the browser tests will be skipped. Install Debian's 'chromium' package to run them." >&2
fi
