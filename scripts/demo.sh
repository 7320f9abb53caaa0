#!/usr/bin/env bash
# Install treatydiff and run the main job on the bundled example negotiation (drafts/):
# validate it, compare its last two rounds (terminal, HTML, DOCX, JSON) and build the
# negotiation report.  Everything lands in out/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q --disable-pip-version-check -e .
# Compile once: where PYTHONDONTWRITEBYTECODE is set, every cold command would otherwise
# recompile the package from source (about a tenth of a cold compare).
python3 -m compileall -q treatydiff >/dev/null

NEGOTIATION=drafts/caucasus-peace
mapfile -t ROUNDS < <(python3 - "$NEGOTIATION" <<'PY'
import sys
from pathlib import Path
from treatydiff import load_negotiation
for r in load_negotiation(Path(sys.argv[1])).rounds:
    print(r.name)
PY
)
OLD=${ROUNDS[-2]}; NEW=${ROUNDS[-1]}
mkdir -p out
treatydiff check "$NEGOTIATION"
treatydiff compare --negotiation "$NEGOTIATION" "$OLD" "$NEW"
treatydiff compare --negotiation "$NEGOTIATION" "$OLD" "$NEW" -o out/compare.html
treatydiff compare --negotiation "$NEGOTIATION" "$OLD" "$NEW" -o out/redline.docx
treatydiff compare --negotiation "$NEGOTIATION" "$OLD" "$NEW" -o out/compare.json
if treatydiff report --help >/dev/null 2>&1; then
  treatydiff report "$NEGOTIATION" -o out/report
fi
echo "open out/compare.html, out/redline.docx and out/report/index.html"
