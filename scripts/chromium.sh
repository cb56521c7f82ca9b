#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (Playwright drives /usr/bin/chromium;
# Playwright's own browser download does not work offline). Also installs the fonts the pages use.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "chromium.sh: installing Debian's chromium (about a minute)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || true
apt-get install -y -qq chromium fonts-dejavu-core >&2
