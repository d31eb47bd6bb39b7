# Downhill: `make serve` to look, `make test` to check. Both install what they
# need first (scripts/setup.sh), and skip what is already there.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(CURDIR)/target/tools/bin:$(PATH)
PORT ?= 8080

.PHONY: help setup setup-browser build serve test test-native test-wasm test-e2e bench fuzz clean verify-microgpt post-gifs render

help:
	@echo "make serve   build in release and serve on http://127.0.0.1:$(PORT)/"
	@echo "make test    run every test (native, in-browser wasm, end-to-end)"
	@echo "make bench   redraw cost and page size, in headless Chromium"
	@echo "make fuzz    every widget model under random extreme inputs (OPS=1000000 SEED=1)"
	@echo "make post-gifs  the post's two GIFs, remade for its text, into $(POST_GIFS_DIR)/"

setup:
	@scripts/setup.sh

setup-browser:
	@scripts/setup.sh browser

build: setup
	trunk build --release

# A separate dist for serving, so `trunk serve` never touches what tests use.
serve: setup
	@echo "Building, then serving Downhill at http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	trunk serve --release --no-autoreload --address 127.0.0.1 --port $(PORT) --dist target/serve-dist

test: setup-browser
	$(MAKE) --no-print-directory test-native test-wasm test-e2e

# The picture tests draw labels with Debian's fonts (scripts/setup.sh fonts).
test-native:
	@scripts/setup.sh fonts
	cargo test -p downhill --locked

# wasm-bindgen-test in headless Chromium (the runner is set in .cargo/config.toml).
test-wasm:
	cargo test -p downhill --locked --target wasm32-unknown-unknown --test web

test-e2e: build
	node --test --test-concurrency=1 --test-timeout=120000 tests/*.test.mjs

bench: setup-browser build
	node tests/bench.mjs

# Random operations with extreme inputs on every widget model, natively, with
# every chart drawn every 250 operations; fails on a panic, a hang, a
# non-finite snapshot number or NaN / inf / -0 in any text. Not part of `make test`.
OPS ?= 1000000
SEED ?= 1
fuzz:
	cargo run --profile fuzz --locked -q -p downhill --bin fuzz -- $(OPS) $(SEED)

# The post's gradient_descent.gif (实验二) and learning_rate.gif (实验三), for
# its own text, drawn by downhill-render (crate/src/export/cli.rs, POST_GIFS).
# Any other picture: cargo run --release --bin downhill-render -- --help
POST_GIFS_DIR ?= target/post-gifs
post-gifs:
	@scripts/setup.sh fonts
	@mkdir -p $(POST_GIFS_DIR)
	cargo run --release --locked -q -p downhill --bin downhill-render -- --post-gifs $(POST_GIFS_DIR)

# Any picture: make render ARGS="--query 'widget=lr-compare&steps=20&lang=zh' -o lab.gif"
render:
	@scripts/setup.sh fonts
	cargo run --release --locked -q -p downhill --bin downhill-render -- $(ARGS)

clean:
	rm -rf dist target/serve-dist tests/artifacts

# microgpt, reproduced: 1,000 steps on makemore's names.txt, compared with
# Karpathy's microgpt.py output. NAMES=path/to/names.txt (not part of the repo).
verify-microgpt:
	@test -n "$(NAMES)" || { echo "usage: make verify-microgpt NAMES=path/to/names.txt"; exit 2; }
	cargo run --release --locked -q -p downhill --bin verify-microgpt -- "$(NAMES)"
