# claimtab: make run (sample data -> out/), make test, make eval, make bench, make lint
CARGO ?= cargo
SHARED ?= ../shared
BIN := ./target/release/claimtab

.PHONY: build run test eval bench lint bless
build:
	$(CARGO) build --release --locked

# The repo's own sample articles -> out/claims.csv, out/sources.csv, out/documents.csv
run: build
	$(BIN) run data/sample --out out

test:
	$(CARGO) test --locked

# Rewrite tests/golden/ from the current output (review `git diff tests/golden` after).
bless:
	BLESS=1 $(CARGO) test --locked --test cli sample_run_matches_the_golden_tables

# Scores on the dev gold (needs $(SHARED) beside the repo).
eval: build
	@test -d $(SHARED)/corpus/dev || { echo "make eval: $(SHARED)/corpus/dev not found (set SHARED=...)"; exit 2; }
	$(BIN) run $(SHARED)/corpus/dev --out target/eval-out --progress never
	$(BIN) eval target/eval-out/claims.csv $(SHARED)/gold/*.jsonl

# End-to-end throughput and memory (scripts/bench.sh): builds ~70 MB and ~210 MB JSON
# Lines corpora under target/bench/ from $(SHARED)/corpus/*.jsonl, runs the release binary
# with 1 and 2 threads, prints MB/s, documents/s, claims and peak memory, and compares the
# 1- and 2-thread tables byte for byte. Per-stage benchmarks: cargo bench --bench stages.
bench: build
	@sh scripts/bench.sh $(SHARED)

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings
