#!/usr/bin/env bash
# Installs the Debian packages the tests drive when they are missing: Chromium for the browser tests
# (Playwright drives /usr/bin/chromium; Playwright's own browser download does not work offline) with the
# fonts the pages use, poppler-utils (pdftotext, pdftoppm) to read and render the PDF letters, and Saxon-HE
# (libsaxonhe-java, on Java) to run the official e-invoice rule sets.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[ -f /usr/share/java/Saxon-HE.jar ] || missing+=(libsaxonhe-java)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "chromium.sh: installing ${missing[*]} from Debian (about a minute)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || true
apt-get install -y -qq "${missing[@]}" >&2
