# Föreningsportalen: `make run` serves the demo on http://127.0.0.1:3000, `make test`
# runs every test. The Makefile drives cargo, wasm-bindgen, wasm-opt and sass itself
# (cargo-leptos would work too, see [[workspace.metadata.leptos]] in Cargo.toml).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Where cargo builds. CI points it outside the clone to reuse an earlier build.
CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TARGET_DIR
# Project-local tools (the wasm-bindgen CLI); CI points it at a cache.
TOOLS_DIR ?= $(CURDIR)/.tools

WASM_BINDGEN_VERSION := 0.2.130
WASM_BINDGEN := $(TOOLS_DIR)/wasm-bindgen-$(WASM_BINDGEN_VERSION)/bin/wasm-bindgen
WASM_TARGET := wasm32-unknown-unknown
WASM_PROFILE := wasm-release
WASM_RAW := $(CARGO_TARGET_DIR)/$(WASM_TARGET)/$(WASM_PROFILE)/frontend.wasm
NODE_BIN := $(CURDIR)/node_modules/.bin
NODE_STAMP := node_modules/.installed

# The site is always served from ./target/site, wherever cargo builds.
SITE := $(CURDIR)/target/site
PKG := $(SITE)/pkg
DEBUG_SERVER := $(CARGO_TARGET_DIR)/debug/server
RELEASE_SERVER := $(CARGO_TARGET_DIR)/release/server
CHROMIUM ?= /usr/bin/chromium
# The tests' Python tools in a virtualenv of their own: the real SMTP server they deliver
# to (aiosmtpd), the S3-compatible server (moto) and the official pain.001 XSDs (sepaxml).
VENV := $(TOOLS_DIR)/venv
SMTP_STAMP := $(VENV)/.installed-$(shell cksum < tests/smtp/requirements.txt | cut -d' ' -f1)
export PORTAL_SMTP_PYTHON := $(VENV)/bin/python
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
export TEST_DATABASE_URL

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help run build site test test-unit test-sqlite test-postgres test-browser \
        deps test-deps server-debug bench fmt lint clean FORCE

help:
	@echo "make run    install what is missing, build, migrate, load demo data, serve on http://127.0.0.1:3000"
	@echo "make test   every test: unit, integration (SQLite and PostgreSQL), browser"
	@echo "make build  release server at target/release/server and the site under target/site"

## ---- tools ------------------------------------------------------------------------

deps: $(WASM_BINDGEN) $(NODE_STAMP) wasm-target

.PHONY: wasm-target
wasm-target:
	@if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx $(WASM_TARGET); then \
	  echo "==> rustup target add $(WASM_TARGET)"; rustup target add $(WASM_TARGET); fi

$(WASM_BINDGEN):
	@echo "==> installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) into $(TOOLS_DIR)"
	cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) \
	  --root $(TOOLS_DIR)/wasm-bindgen-$(WASM_BINDGEN_VERSION) --target-dir $(CARGO_TARGET_DIR)/tools

$(NODE_STAMP): package.json package-lock.json
	@echo "==> npm ci (sass, binaryen, playwright-core)"
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(SMTP_STAMP): tests/smtp/requirements.txt
	@echo "==> python venv with aiosmtpd, moto and sepaxml (the tests' servers and XSDs)"
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/smtp/requirements.txt
	@touch $@

# Debian's Chromium for the browser tests (test tools cannot download browsers here),
# poppler's pdftotext for the PDF tests and libxml2's xmllint for the pain.001 files.
test-deps: deps $(SMTP_STAMP)
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "==> installing Debian's chromium"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; fi
	@if ! command -v pdftotext >/dev/null; then \
	  echo "==> installing Debian's poppler-utils (pdftotext reads the PDFs back in the tests)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; fi
	@if ! command -v xmllint >/dev/null; then \
	  echo "==> installing Debian's libxml2-utils (xmllint validates the pain.001 files in the tests)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libxml2-utils >/dev/null; fi

## ---- build ------------------------------------------------------------------------

# cargo decides whether anything changed; the rules below only run when the wasm did.
$(WASM_RAW): FORCE | wasm-target
	cargo build -p frontend --lib --target $(WASM_TARGET) --profile $(WASM_PROFILE)

$(PKG)/portal_bg.wasm: $(WASM_RAW) $(WASM_BINDGEN) $(NODE_STAMP)
	@echo "==> wasm-bindgen + wasm-opt"
	rm -rf $(CARGO_TARGET_DIR)/bindgen && mkdir -p $(CARGO_TARGET_DIR)/bindgen $(PKG)
	$(WASM_BINDGEN) --target web --no-typescript --out-name portal \
	  --out-dir $(CARGO_TARGET_DIR)/bindgen $(WASM_RAW)
	$(NODE_BIN)/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
	  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
	  $(CARGO_TARGET_DIR)/bindgen/portal_bg.wasm -o $(PKG)/portal_bg.wasm
	cp $(CARGO_TARGET_DIR)/bindgen/portal.js $(PKG)/portal.js

$(PKG)/portal.css: $(wildcard style/*.scss) $(NODE_STAMP)
	@mkdir -p $(PKG)
	$(NODE_BIN)/sass --no-source-map --style=compressed style/main.scss $@

site: deps $(PKG)/portal_bg.wasm $(PKG)/portal.css
	@mkdir -p $(SITE)
	cp -r public/. $(SITE)/

server-debug:
	cargo build -p server

build: site
	cargo build -p server --release
	@if [ "$(RELEASE_SERVER)" != "$(CURDIR)/target/release/server" ]; then \
	  mkdir -p target/release && cp $(RELEASE_SERVER) target/release/server; fi
	@echo "Built target/release/server and the site in target/site."

## ---- run --------------------------------------------------------------------------

run: site server-debug
	PORTAL_DEMO=1 $(DEBUG_SERVER) serve

## ---- test -------------------------------------------------------------------------

test: test-deps site
	cargo test --workspace --exclude frontend --no-run
	$(MAKE) --no-print-directory test-sqlite
	@# The PostgreSQL suite waits mostly on the database: the browser suite runs beside it.
	$(MAKE) --no-print-directory -j2 --output-sync=target test-postgres test-browser

# Unit tests and integration tests against SQLite (and the server binary's own tests).
test-sqlite:
	PORTAL_TEST_BACKEND=sqlite cargo test --workspace --exclude frontend

# The integration suite again against PostgreSQL, each test in a database of its own.
# Under CI a PostgreSQL that cannot be reached fails the run instead of skipping it.
test-postgres:
	@if pg_isready -q -d "$$TEST_DATABASE_URL" 2>/dev/null \
	   || psql "$$TEST_DATABASE_URL" -qAtc 'select 1' >/dev/null 2>&1; then \
	  PORTAL_TEST_BACKEND=postgres cargo test --workspace --exclude frontend --test api; \
	elif [ "$${CI:-}" = "true" ]; then \
	  echo "PostgreSQL at $$TEST_DATABASE_URL is not reachable: the PostgreSQL run cannot be skipped under CI" >&2; exit 1; \
	else \
	  echo "SKIPPED: PostgreSQL at $$TEST_DATABASE_URL is not reachable; set TEST_DATABASE_URL to run that suite."; \
	fi

# Headless Chromium against the debug server: hydration, no-JavaScript use, keyboard.
test-browser:
	PORTAL_SERVER_BIN=$(DEBUG_SERVER) PORTAL_SITE_ROOT=$(SITE) CHROMIUM=$(CHROMIUM) \
	  node --test --test-concurrency=1 tests/browser/

## ---- benchmarks -------------------------------------------------------------------

# wrk (the load generator) and nginx (the physical limit: the same bytes served
# precompressed with gzip_static), both Debian's.
.PHONY: bench-deps
bench-deps:
	@if ! command -v wrk >/dev/null || [ ! -x /usr/sbin/nginx ]; then \
	  echo "==> installing Debian's wrk and nginx-light"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk nginx-light >/dev/null; fi

# The outbox against a real SMTP server on loopback: latency from commit to acceptance
# at idle, and the rate at which 10 000 queued mails drain. Then the release server's
# memory at idle, after 200 parallel sign-ins and under public-page load. Applications:
# submits with 20 budget lines and 3 documents of 1 MB, 20 people submitting at once (on
# both databases) and autosaves of a full draft. The queue and the case page with 100 000
# cases, in process and over HTTP. The PDFs. Each writes bench/results/<name>.json; the
# summary, last, prints one table and writes bench/results/latest.json.
bench: build $(SMTP_STAMP) bench-deps
	cargo bench -p portal-tests --bench public
	PORTAL_TEST_BACKEND=postgres cargo bench -p portal-tests --bench public
	cargo bench -p portal-tests --bench outbox
	cargo bench -p portal-tests --bench applications
	PORTAL_TEST_BACKEND=postgres cargo bench -p portal-tests --bench applications
	cargo bench -p portal-tests --bench queue
	PORTAL_TEST_BACKEND=postgres cargo bench -p portal-tests --bench queue
	cargo bench -p portal-tests --bench report
	PORTAL_SERVER_BIN=$(RELEASE_SERVER) cargo bench -p portal-tests --bench memory
	cargo bench -p portal-tests --bench summary

# Lighthouse on three public pages against the release server (not part of `make test`:
# its scores are figures for the README). Installed into the tools folder on first use.
LIGHTHOUSE_VERSION := 13.5.0
LIGHTHOUSE := $(TOOLS_DIR)/lighthouse-$(LIGHTHOUSE_VERSION)/node_modules/.bin/lighthouse
$(LIGHTHOUSE):
	mkdir -p $(TOOLS_DIR)/lighthouse-$(LIGHTHOUSE_VERSION)
	npm install --prefix $(TOOLS_DIR)/lighthouse-$(LIGHTHOUSE_VERSION) --no-audit --no-fund \
	  --loglevel=error lighthouse@$(LIGHTHOUSE_VERSION)

.PHONY: lighthouse
lighthouse: build test-deps $(LIGHTHOUSE)
	LIGHTHOUSE=$(LIGHTHOUSE) PORTAL_SERVER_BIN=$(RELEASE_SERVER) PORTAL_SITE_ROOT=$(SITE) \
	  CHROMIUM=$(CHROMIUM) node tests/lighthouse/run.mjs

## ---- upkeep -----------------------------------------------------------------------

fmt:
	cargo fmt --all

lint:
	cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
	cargo clippy -p frontend --target $(WASM_TARGET) -- -D warnings

clean:
	cargo clean
	rm -rf target/site

FORCE:
