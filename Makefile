# Souk: every command a newcomer needs. Each target installs what it needs
# (skipping what is already there) and never downloads a prebuilt binary.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/tools/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

PORT ?= 8080

# CI builds once from a clean clone: incremental caches would only take disk.
ifdef CI
export CARGO_INCREMENTAL := 0
endif
PREVIEW_DIST := target/preview-dist

.PHONY: run test preview bench setup setup-test setup-bench dist demo-server preview-dist check e2e

## make run: build the app and start souk-server in demo mode: SQLite, demo data, every stand-in
## (the payment provider's at /demo-payments, the demo module's backend on port 8090, the SMS
## gateway's on 8091, the selling BILLmanager's on 8092, the booking partner's on 8093).
run: setup
	$(MAKE) --no-print-directory -j2 dist demo-server
	./target/demo/souk-server demo-module & module=$$!; \
		./target/demo/souk-server smsc & smsc=$$!; \
		./target/demo/souk-server billmgr & billmgr=$$!; \
		./target/demo/souk-server booking & booking=$$!; \
		trap 'kill $$module $$smsc $$billmgr $$booking' EXIT; \
		PORT=$(PORT) SOUK_ALLOW_LOCAL_MODULES=1 ./target/demo/souk-server --demo

# The server as a demo for one person needs it (Cargo.toml's `demo` profile),
# built beside `dist`: the browser apps' builds end in long one-core links.
demo-server:
	cargo build --profile demo --features server --bin souk-server

## make test: formatting, clippy for both builds, native tests, browser tests.
test: setup-test check
	pg=$$(scripts/postgres.sh); \
	if [ -n "$$pg" ]; then echo "Server tests run on SQLite and on PostgreSQL ($$pg)"; fi; \
	SOUK_TEST_POSTGRES="$$pg" cargo test --features server
	$(MAKE) e2e

## make preview: the offline preview on mocked data, no server.
preview: setup preview-dist
	node scripts/serve-preview.mjs $(PREVIEW_DIST) 8081

## make bench: every figure beside an anchor measured in the same run, each benchmark
## writing target/bench-<part>.json and the last gathering them into target/bench.json with
## a table: the first load against a bare Leptos page, search as you type over 10,000
## modules against a windowed vanilla page, billing 100,000 and 1,000,000 due subscriptions
## against a bare UPDATE, server reads at 64 connections against a static file server,
## 60 seconds of mixed load (0 errors, every balance its history), and a billing run
## killed with SIGKILL midway, then run again (each charge exactly once).
bench: setup-bench dist
	rm -f target/bench.json target/bench-*.json
	trunk build --release --features csr benches/bare/index.html --dist target/bench-bare
	node scripts/bundle-size.mjs dist target/bench-first-load.json target/bench-bare
	cargo build --profile server --features server --bin souk-server
	node benches/search.mjs
	cargo bench --features server --bench reads
	cargo bench --features server --bench load
	cargo bench --features server --bench billing
	cargo bench --features server --bench faults
	node scripts/bench-report.mjs

setup:
	scripts/setup.sh build

setup-test:
	scripts/setup.sh test

setup-bench:
	scripts/setup.sh bench

# The browser apps (src/apps.rs): the marketplace first, since each Trunk build
# empties its --dist, then each other app into dist/apps/<app>/.
APPS := account cabinet moderation builtins

dist:
	trunk build --release --features csr
	for app in $(APPS); do \
		trunk build --release --features csr src/$$app.html --dist dist/apps/$$app --public-url /apps/$$app/; \
	done
	node scripts/precompress.mjs dist

# The demo data (with the demo passwords) goes into the preview's build only:
# the server's dist/ never holds it, under any spelling of its path.
preview-dist:
	trunk build --release --features offline --dist $(PREVIEW_DIST)
	for app in $(APPS); do \
		trunk build --release --features offline src/$$app.html --dist $(PREVIEW_DIST)/apps/$$app --public-url /apps/$$app/; \
	done
	cp -r public/demo $(PREVIEW_DIST)/demo

check:
	cargo fmt --check
	cargo clippy --target wasm32-unknown-unknown --features csr -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --features offline -- -D warnings
	cargo clippy --features server --all-targets -- -D warnings

# The server as `cargo test` builds it: a plain `cargo build` resolves features
# without the dev-dependencies and would compile much of the tree a second time.
e2e: dist preview-dist
	cargo test --features server --no-run
	cd tests/e2e && SOUK_SERVER_BIN=$(CURDIR)/target/debug/souk-server SOUK_DIST=$(CURDIR)/dist \
		SOUK_PREVIEW_DIST=$(CURDIR)/$(PREVIEW_DIST) node --test --test-concurrency=1 *.test.mjs
