#!/usr/bin/env bash
# Refresh i18n/*.ts from the sources and compile every .ts to .qm.
# Needs: apt-get install --no-install-recommends pyqt5-dev-tools qttools5-dev-tools
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pylupdate5 -noobsolete i18n/tile_package_tools.pro
# pylupdate5 files bare tr("...") calls under the context "@default", but
# processing_provider/tr.py translates in context "TilePackageTools"; without
# this rewrite no translation would ever match at runtime.
for ts in i18n/*.ts; do
  sed -i 's|<name>@default</name>|<name>TilePackageTools</name>|' "$ts"
done
for ts in i18n/*.ts; do
  lrelease -silent "$ts"
done
