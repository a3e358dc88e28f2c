# claimtab: make run (sample data -> out/), make test, make eval, make bench, make lint
CARGO ?= cargo
SHARED ?= ../shared

.PHONY: build run test eval bench lint
build:
	$(CARGO) build --release --locked

run: build
	./target/release/claimtab run data/sample --out out

test:
	$(CARGO) test --locked

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings
