# Build / test entry points. `make setup` is idempotent and cheap once done:
# every expensive step is guarded by a stamp file under build/.
SHELL := /bin/bash
.DEFAULT_GOAL := test

# apt needs root; in CI and on dev boxes we may or may not be root already.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian's QGIS is bound to /usr/bin/python3; any other python3 on PATH
# (pyenv, conda) cannot import qgis.
SYS_PYTHON := /usr/bin/python3
QGIS_PROCESS_BIN := /usr/bin/qgis_process.bin
VENV := $(CURDIR)/.venv
PY := $(VENV)/bin/python
# Readers written by others (GDAL 3.10 via rasterio, tpkutils, MapProxy) that
# the tests check our outputs with; their own venv, see requirements-readers.txt.
READERS_VENV := $(CURDIR)/.venv-readers
READERS_PY := $(READERS_VENV)/bin/python
BUILD := $(CURDIR)/build
STAMPS := $(BUILD)/stamps
PKGROOT := $(BUILD)/pkgroot
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
ZIP := dist/tile_package_tools-$(VERSION).zip

# --no-install-recommends keeps CI installs small; python3-pyproj/-pil/-numpy
# come with python3-qgis anyway but the venv relies on them, so name them.
APT_PACKAGES := qgis python3-qgis qgis-providers python3-venv python3-pip \
	python3-numpy python3-pyproj python3-pil zip unzip git xvfb qttools5-dev-tools

# Headless Qt, and the PROJ data matching Debian's libproj (used by QGIS and
# by Debian's pyproj, which the venv sees through --system-site-packages).
export QT_QPA_PLATFORM ?= offscreen
export PROJ_DATA ?= /usr/share/proj

# Default QGIS profile of the invoking user, so the GUI loads this checkout.
USER_PLUGIN_DIR := $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins
USER_QGIS_INI := $(HOME)/.local/share/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini

.PHONY: setup apt venv readers-venv pkgroot install-plugin test test-quick demo bench fuzz zip translations env clean

setup: env install-plugin

# What tests, benchmarks and the zip need: setup without install-plugin, so
# it never touches the user's QGIS profile.
env: $(STAMPS)/venv $(STAMPS)/readers-venv pkgroot

# Re-checked on every run (cheap) rather than stamped: a stamp would survive a
# machine where someone removed QGIS, and apt-get update is the slow part.
apt:
	@if [ -x $(QGIS_PROCESS_BIN) ] \
	   && $(SYS_PYTHON) -c 'import qgis.core, numpy, pyproj, PIL' 2>/dev/null \
	   && dpkg -s python3-venv python3-pip zip unzip git xvfb qttools5-dev-tools >/dev/null 2>&1; then \
	  : ; \
	else \
	  echo "== installing system packages (QGIS, python3-qgis, ...)"; \
	  $(SUDO) apt-get update -q; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q \
	    --no-install-recommends $(APT_PACKAGES); \
	fi

venv: $(STAMPS)/venv

# --system-site-packages: qgis, numpy 1.24, GDAL, pyproj come from Debian and
# must not be shadowed by pip wheels built for numpy 2.
$(STAMPS)/venv: requirements.txt requirements-dev.txt | apt
	@mkdir -p $(STAMPS)
	@[ -x $(PY) ] || $(SYS_PYTHON) -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q -r requirements-dev.txt
	@# Guard against a dependency dragging numpy 2 into the venv, which breaks
	@# Debian's GDAL/QGIS bindings at import time.
	$(PY) -c 'import numpy, shapely, pyproj, PIL, defusedxml, pytest, pytest_qgis, hypothesis, xdist, qgis.core; \
	  assert numpy.__version__.startswith("1."), numpy.__version__; \
	  assert shapely.__version__ >= "2.0", shapely.__version__; \
	  print("venv ok: numpy", numpy.__version__, "shapely", shapely.__version__, "pyproj", pyproj.__version__)'
	@touch $@

readers-venv: $(STAMPS)/readers-venv

# A plain venv (no system site packages): rasterio's wheel brings numpy 2 and
# its own GDAL 3.10 and PROJ, which must never meet Debian's. No PROJ_DATA:
# the wheels' PROJ cannot read Debian's proj.db.
$(STAMPS)/readers-venv: requirements-readers.txt | apt
	@mkdir -p $(STAMPS)
	@[ -x $(READERS_PY) ] || $(SYS_PYTHON) -m venv $(READERS_VENV)
	$(READERS_PY) -m pip install -q -r requirements-readers.txt
	env -u PROJ_DATA $(READERS_PY) -c 'import rasterio, tpkutils, mapproxy.cache.compact; \
	  from rasterio.crs import CRS; CRS.from_epsg(2230); \
	  print("readers venv ok: GDAL", rasterio.__gdal_version__, "rasterio", rasterio.__version__)'
	@touch $@

# Tests and scripts import the checkout as package `tile_package_tools`
# whatever the checkout folder is called.
pkgroot:
	@mkdir -p $(PKGROOT)
	@[ "$$(readlink $(PKGROOT)/tile_package_tools)" = "../.." ] || ln -sfn ../.. $(PKGROOT)/tile_package_tools

# Symlink this checkout into the user's default QGIS profile and enable it, so
# the QGIS desktop loads it; the desktop runs Debian's own Python, which lacks
# shapely 2 and defusedxml, so those go into that Python's user site. Skipped in CI: CI runs in a temporary clone and
# would leave the developer's profile pointing at a deleted folder.
install-plugin: | apt
	@if [ "$${CI:-}" = "true" ]; then exit 0; fi; \
	target="$(USER_PLUGIN_DIR)/tile_package_tools"; \
	mkdir -p "$(USER_PLUGIN_DIR)"; \
	if [ -e "$$target" ] && [ ! -L "$$target" ]; then \
	  echo "warning: $$target is a real folder, not replacing it" >&2; \
	elif [ "$$(readlink "$$target")" != "$(CURDIR)" ]; then \
	  ln -sfn "$(CURDIR)" "$$target" && echo "installed plugin link $$target -> $(CURDIR)"; \
	fi; \
	if ! $(SYS_PYTHON) -c 'import shapely, defusedxml; assert int(shapely.__version__.split(".")[0]) >= 2' 2>/dev/null; then \
	  echo "installing shapely 2 and defusedxml for the QGIS desktop (user site of $(SYS_PYTHON))"; \
	  $(SYS_PYTHON) -m pip install -q --user --break-system-packages 'shapely>=2.0,<2.2' 'defusedxml>=0.7' \
	    || echo "warning: could not install shapely/defusedxml for the QGIS desktop" >&2; \
	fi; \
	if ! grep -qx 'tile_package_tools=true' "$(USER_QGIS_INI)" 2>/dev/null; then \
	  XDG_RUNTIME_DIR=$${XDG_RUNTIME_DIR:-/tmp/runtime-$$(id -u)} \
	  $(QGIS_PROCESS_BIN) plugins enable tile_package_tools >/dev/null 2>&1 \
	    && echo "enabled tile_package_tools in $(USER_QGIS_INI)"; \
	fi

# env, not setup: a test run from any clone must not link that clone into
# the user's QGIS profile (QGIS would lose the plugin once the clone is gone).
test: env
	cd $(CURDIR) && $(PY) -m pytest -p no:cacheprovider

# The loop while working: no test marked slow, a tenth of the Hypothesis
# examples, two files at a time (one worker per core; a file's tests stay in
# one worker, so its module fixtures are built once). Under two minutes on a
# 2-core machine; `make test` stays the whole suite, one test at a time
# (docs/development.md says why).
QUICK_WORKERS ?= 2
test-quick: env
	cd $(CURDIR) && HYPOTHESIS_PROFILE=quick $(PY) -m pytest -p no:cacheprovider \
	  -m "not slow" -n $(QUICK_WORKERS) --dist loadfile

demo: setup
	bash scripts/demo.sh

bench: env
	$(PY) bench/run_all.py

fuzz: env
	$(PY) fuzz/run_all.py

# Only what QGIS needs at runtime, under a single top folder named like the
# plugin; file list from git (tracked + new, minus ignored) so stray build
# products never ship.
zip: pkgroot
	@mkdir -p dist
	@rm -f $(ZIP)
	$(SYS_PYTHON) scripts/make_zip.py $(ZIP)

# i18n/*.ts refreshed from the tr("...") calls, then compiled to .qm (lrelease).
translations: | apt
	$(SYS_PYTHON) scripts/translations.py

clean:
	rm -rf $(BUILD) dist .pytest_cache .hypothesis
	find . \( -path ./.venv -o -path ./.venv-readers \) -prune -o -name __pycache__ -type d -exec rm -rf {} +
