# Stocktap: `make run` serves the app with demo data, `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PYTHONPATH := $(CURDIR)

.PHONY: run run-https test deps system-deps db clean bench

system-deps:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	missing=""; \
	for pkg in python3-venv libzbar0 chromium nodejs; do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(BIN)/activate

deps: system-deps $(BIN)/activate node_modules/.package-lock.json

# Front-end packages served from /vendor/ (backend/web/vendor.py), exactly as locked.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

db: deps
	$(BIN)/flask --app backend init-db
	$(BIN)/flask --app backend seed-demo --if-empty
	@# A fresh one-time link (and QR code) to register the demo admin's passkey.
	$(BIN)/flask --app backend create-admin admin

run: db
	PORT=$(PORT) $(BIN)/gunicorn -c config/gunicorn.conf.py "backend:create_app()"

# HTTPS on the LAN for phones: a local CA (install var/tls/ca.crt on the phone once).
run-https: db
	@[ -f var/tls/server.crt ] || bash config/tls.sh
	PORT=$${PORT:-8443} $(BIN)/gunicorn -c config/gunicorn.conf.py \
		--certfile var/tls/server.crt --keyfile var/tls/server.key "backend:create_app()"

test: deps
	$(BIN)/pytest $(PYTEST_ARGS)

bench: deps
	$(BIN)/python bench/ledger.py

clean:
	rm -rf $(VENV) var .pytest_cache
