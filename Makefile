# claimtab: make run (sample data -> out/), make test, make eval, make bench, make lint,
# make spark-check (Spark example; needs PyPI on first run, Java 17)
CARGO ?= cargo
SHARED ?= ../shared
BIN := ./target/release/claimtab

SPARK_VENV := target/spark-venv

.PHONY: build run test eval bench lint bless spark-check spark-bench
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

# The Spark example (examples/spark/): installs pyspark into $(SPARK_VENV) on first use
# (network access to PyPI), runs the job in local mode over a JSON Lines version of
# $(SHARED)/corpus/dev and over $(SHARED)/corpus/wikinews.jsonl, and checks that its
# claims equal those of a direct `claimtab run`. Not part of `make test`.
$(SPARK_VENV)/bin/spark-submit:
	@java -version >/dev/null 2>&1 || { echo "make spark-check: java not found (Spark needs Java 17)"; exit 2; }
	python3 -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/pip install --quiet pyspark

spark-check: build $(SPARK_VENV)/bin/spark-submit
	@test -d $(SHARED)/corpus/dev || { echo "make spark-check: $(SHARED)/corpus/dev not found (set SHARED=...)"; exit 2; }
	$(SPARK_VENV)/bin/python examples/spark/check.py --binary $(BIN) --shared $(SHARED) --work target/spark

# spark-check, then the job's throughput over bbc.jsonl + reuters.jsonl with local[1] and local[2].
spark-bench: build $(SPARK_VENV)/bin/spark-submit
	@test -d $(SHARED)/corpus || { echo "make spark-bench: $(SHARED)/corpus not found (set SHARED=...)"; exit 2; }
	$(SPARK_VENV)/bin/python examples/spark/check.py --binary $(BIN) --shared $(SHARED) --work target/spark --bench
