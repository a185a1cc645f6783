#!/usr/bin/env bash
# README screenshots from the real QGIS window under Xvfb, with a throw-away
# profile (this checkout as the only plugin). Writes docs/screenshots/*.png.
# Usage: scripts/screenshots/take.sh   (needs xvfb-run: make setup)
# SHOT_LANGUAGES="de" OUT=/tmp/shots scripts/screenshots/take.sh: other
# languages (each gives export_dialog_<lang>.png) or another folder.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export OUT="${OUT:-$REPO/docs/screenshots}" SAMPLE="$REPO/sample_data/esri-sample-cache-v2" WORK
mkdir -p "$OUT" "$REPO/build/pkgroot"
ln -sfn ../.. "$REPO/build/pkgroot/tile_package_tools"
export QGIS_PLUGINPATH="$REPO/build/pkgroot" PROJ_DATA=/usr/share/proj
export PYTHONPATH="$(echo "$REPO"/.venv/lib/python3*/site-packages)"
export XDG_RUNTIME_DIR="$WORK/runtime"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
unset QT_QPA_PLATFORM
for language in ${SHOT_LANGUAGES:-en fr}; do
  profiles="$WORK/profiles-$language"
  mkdir -p "$profiles/profiles/default/QGIS"
  printf '[PythonPlugins]\ntile_package_tools=true\n' > "$profiles/profiles/default/QGIS/QGIS3.ini"
  LANGUAGE_SHOT=$language timeout 240 xvfb-run -a -s "-screen 0 1280x800x24" /usr/bin/qgis --nologo \
    --noversioncheck --lang "$language" --profiles-path "$profiles" \
    --code "$REPO/scripts/screenshots/in_qgis.py" >/dev/null 2>&1 || true
done
if [[ -f "$WORK/error.txt" ]]; then cat "$WORK/error.txt" >&2; exit 1; fi
ls -l "$OUT"
