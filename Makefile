# Stocktap: `make run` serves the app with demo data, `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Plain HTTP serves this computer only: browsers allow passkeys, the camera and the service
# worker over HTTP on localhost alone. Phones use `make run-https`.
HOST ?= 127.0.0.1
HTTPS_PORT ?= 8443
LAN_NAME := $(shell hostname).local
export PYTHONPATH := $(CURDIR)

# Debian packages: what the server needs, and what only the tests need (a browser).
SYSTEM_DEPS := python3-venv libzbar0
TEST_SYSTEM_DEPS := chromium

.PHONY: run run-https test lint deps system-deps test-system-deps db clean bench

# apt-get install the packages named in $(1) that are missing (with sudo unless root).
define apt_install
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	missing=""; \
	for pkg in $(1); do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi
endef

# Node.js and npm install the front-end packages; a machine that has them already (from
# another source than Debian) keeps its own.
system-deps:
	$(call apt_install,$(SYSTEM_DEPS) $(shell command -v node >/dev/null || echo nodejs) \
		$(shell command -v npm >/dev/null || echo npm))

test-system-deps:
	$(call apt_install,$(TEST_SYSTEM_DEPS))

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
	@# var/ holds the database, its WAL and the TLS keys: for this account's eyes only.
	mkdir -p var && chmod 700 var
	$(BIN)/flask --app backend init-db
	$(BIN)/flask --app backend seed-demo --if-empty
	@# A one-time link (and QR code) to register the demo admin's passkey, only while admin
	@# has none: a link in a log is a way in. Later links: flask --app backend create-admin admin
	$(BIN)/flask --app backend create-admin admin --if-no-passkey

run: db
	PORT=$(PORT) $(BIN)/gunicorn -c config/gunicorn.conf.py --bind $(HOST):$(PORT) \
		"backend:create_app()"

# HTTPS on the LAN for phones: a local CA (install var/tls/ca.crt on the phone once). Passkeys
# belong to a host name, so the phones' address is this machine's .local name by default.
run-https: export PUBLIC_URL ?= https://$(LAN_NAME):$(HTTPS_PORT)
run-https: export RP_ID ?= $(LAN_NAME)
run-https: db
	@[ -f var/tls/server.crt ] || bash config/tls.sh
	PORT=$(HTTPS_PORT) $(BIN)/gunicorn -c config/gunicorn.conf.py --bind 0.0.0.0:$(HTTPS_PORT) \
		--certfile var/tls/server.crt --keyfile var/tls/server.key "backend:create_app()"

test: deps test-system-deps
	$(BIN)/pytest $(PYTEST_ARGS)

# Lint (pyflakes, pycodestyle, import order; settings in pyproject.toml). CI runs it first.
lint: deps
	$(BIN)/ruff check .

bench: deps
	$(BIN)/python bench/ledger.py

clean:
	rm -rf $(VENV) var .pytest_cache
