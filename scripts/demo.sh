#!/usr/bin/env bash
# Demo on bundled sample data: export the sample V2 compact cache to a .tpkx
# tile package with the Processing algorithm tilepackage:exporttiles, run the
# way a user would, through qgis_process. Idempotent: old output is removed.
# Until that algorithm exists, show what the core reads from the sample.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
PY="$REPO/.venv/bin/python"
[[ -x "$PY" ]] || { echo "demo: run 'make setup' first" >&2; exit 1; }
export PROJ_DATA="${PROJ_DATA:-/usr/share/proj}"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

INPUT=sample_data/esri-sample-cache-v2
OUTDIR=build/demo
OUTPUT="$OUTDIR/esri-sample.tpkx"
rm -rf "$OUTDIR"
mkdir -p "$OUTDIR"

if scripts/qgis-process list 2>/dev/null | grep -q 'tilepackage:exporttiles'; then
  echo "== qgis_process run tilepackage:exporttiles on $INPUT"
  if ! scripts/qgis-process --json run tilepackage:exporttiles -- \
      INPUT="$INPUT" tilePackage=true \
      storageFormatType=esriMapCacheStorageModeCompactV2 f=pjson \
      OUTPUT="$OUTPUT" > "$OUTDIR/result.json"; then
    echo "demo: exporttiles failed; qgis_process said:" >&2
    cat "$OUTDIR/result.json" >&2
    exit 1
  fi
  "$PY" - "$OUTDIR/result.json" <<'PYEOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as fh:
    result = json.load(fh)
results = result.get("results", {})
job = results.get("JOB")
print("output path: %s" % results.get("OUTPUT"))
print("tile count:  %s" % results.get("TILE_COUNT"))
print("job:")
try:
    print(json.dumps(json.loads(job), indent=2, sort_keys=True))
except (TypeError, ValueError):
    print(job)
PYEOF
  [[ -f "$OUTPUT" ]] || { echo "demo: $OUTPUT was not written" >&2; exit 1; }
  ls -l "$OUTPUT"
else
  echo "== tilepackage:exporttiles is not available yet; reading $INPUT with the core"
  PYTHONPATH="$REPO/build/pkgroot${PYTHONPATH:+:$PYTHONPATH}" \
    "$PY" scripts/demo_inspect.py "$INPUT" \
    sample_data/tpk-v1-alt-root-name/alt_root_name.tpk
fi
