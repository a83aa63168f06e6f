#!/usr/bin/env bash
# Every benchmark of the project, printing numbers (never run by the tests).
#   bash benchmarks/run.sh            # all
#   bash benchmarks/run.sh chromium   # only the side-by-side comparison with a Chromium kiosk
#   bash benchmarks/run.sh touch      # only the directory's touch-to-frame latency
#   bash benchmarks/run.sh alerts     # alert publication to first frame, idle poll cost
#   bash benchmarks/run.sh soak       # 5,000 accelerated slide changes: memory, proof of play, warnings
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
what=${1:-all}
if [ "$what" = all ] || [ "$what" = imports ]; then $PY benchmarks/import_cost.py; fi
if [ "$what" = all ] || [ "$what" = hostile ]; then $PY benchmarks/hostile_inputs.py; fi
if [ "$what" = all ] || [ "$what" = touch ]; then $PY benchmarks/touch_latency.py; fi
if [ "$what" = all ] || [ "$what" = alerts ]; then $PY benchmarks/alert_latency.py; fi
if [ "$what" = all ] || [ "$what" = soak ]; then $PY benchmarks/soak.py; fi
if [ "$what" = all ] || [ "$what" = chromium ]; then $PY benchmarks/compare_chromium.py; fi
