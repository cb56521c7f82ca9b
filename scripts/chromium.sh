#!/usr/bin/env bash
# Installs the Debian packages the tests drive when they are missing: Chromium for the browser tests
# (Playwright drives /usr/bin/chromium; Playwright's own browser download does not work offline) with the
# fonts the pages use, poppler-utils (pdftotext, pdftoppm) to read and render the PDF letters, qpdf to check the
# structure of every PDF the project makes (qpdf --check), Saxon-HE
# (libsaxonhe-java, on Java) to run the official e-invoice rule sets, and Apache PDFBox Preflight (libpdfbox2-java,
# with the JAF and JAXB APIs it needs on Java 17) to check the hybrid e-invoice against the PDF/A rules.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[ -f /usr/share/java/Saxon-HE.jar ] || missing+=(libsaxonhe-java)
[ -f /usr/share/java/preflight.jar ] || missing+=(libpdfbox2-java)
[ -f /usr/share/java/javax.activation.jar ] || missing+=(libactivation-java)
[ -f /usr/share/java/jaxb-api.jar ] || missing+=(libjaxb-api-java)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "chromium.sh: installing ${missing[*]} from Debian (about a minute)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || true
apt-get install -y -qq "${missing[@]}" >&2
