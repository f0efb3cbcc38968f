# SaferHub: `make run` serves the demo on http://127.0.0.1:8000; `make test` runs every check.
# Both start with `make install`, which can also be run on its own.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SAFERHUB := $(BIN)/saferhub
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint typecheck pytest lock assets clean

install: $(VENV)/.installed node_modules/.installed saferhub/static/vendor/.copied .env

$(VENV)/.installed: requirements/dev.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), f"SaferHub needs Python 3.11, found {sys.version.split()[0]}"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

saferhub/static/vendor/.copied: node_modules/.installed scripts/copy-assets.mjs
	node scripts/copy-assets.mjs
	@touch $@

.env:
	@$(PYTHON) scripts/write-dotenv.py .env

run: install
	@$(SAFERHUB) migrate --no-input --verbosity 0
	@$(SAFERHUB) demo
	@echo
	@echo "Demo sign-ins (every demo user has the same password):"
	@$(SAFERHUB) demo --list-users
	@echo
	@echo "SaferHub is starting on http://$(HOST):$(PORT)/ - sign in with any user above. Ctrl+C stops it."
	@echo "The second sign-in factor is switched off for this demo; every page says so."
	@echo "A background worker runs beside it for imports started in the browser."
	@SAFERHUB_RELAX_MFA=true $(SAFERHUB) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	SAFERHUB_RELAX_MFA=true $(SAFERHUB) runserver $(HOST):$(PORT)

test: install lint typecheck pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy saferhub

# Two test processes (the machines have two cores); PYTEST_WORKERS=0 runs in this process alone.
PYTEST_WORKERS ?= 2
pytest: install
	@bash scripts/ensure-chromium.sh
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Recompile the hashed locks after changing pyproject.toml (needs `make install` first for uv).
lock:
	UV_NO_CONFIG=1 $(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --no-header -o requirements/base.lock
	UV_NO_CONFIG=1 $(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 --no-header -o requirements/dev.lock

clean:
	rm -rf $(VENV) node_modules saferhub/static/vendor
