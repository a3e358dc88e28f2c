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

# A first end-to-end throughput figure over the shared JSON Lines corpora (the summary
# line prints MB/s of article text).
bench: build
	@test -d $(SHARED)/corpus || { echo "make bench: $(SHARED)/corpus not found (set SHARED=...)"; exit 2; }
	@for t in 1 2; do \
		printf 'threads %s: ' $$t; \
		$(BIN) run $(SHARED)/corpus/*.jsonl --out target/bench-out --threads $$t --progress never 2>&1 | tail -n 1; \
	done

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings
