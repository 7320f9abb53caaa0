#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian machine, then run every check:
# ruff, mypy (strict on the library) and pytest (unit, property, golden, browser, LibreOffice).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
for pkg in chromium libreoffice-writer python3-uno poppler-utils fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing Debian packages: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q "${need_apt[@]}"
fi

echo "== installing treatydiff with its test dependencies"
python3 -m pip install -q --disable-pip-version-check -e '.[test]'
# Compile once: where PYTHONDONTWRITEBYTECODE is set, every cold command would otherwise
# recompile the package from source (about a tenth of a cold compare).
python3 -m compileall -q treatydiff >/dev/null

echo "== ruff"
python3 -m ruff check treatydiff tests bench scripts
echo "== mypy"
python3 -m mypy
echo "== pytest"
set +e
python3 -m pytest -n 2 -q -p no:cacheprovider "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here" >&2
  exit 1
fi
exit "$status"
