# Two commands for a newcomer: `make run` and `make test`.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed
PYTHON ?= python3
SOURCES := assistant tests bench $(wildcard ui)

.PHONY: run chat test index install lint types pytest bench clean

run: index ## build the index if missing or stale, then open the app in the browser
	$(BIN)/streamlit run ui/app.py --server.address 127.0.0.1

chat: index ## the same assistant in the terminal
	$(BIN)/assistant chat

test: lint types pytest ## ruff, mypy --strict, pytest

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# The CPU build of torch first: an unpinned torch would pull a multi-gigabyte CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,bench]'
	touch $(BENCH_STAMP)

index: install ## incremental: does nothing when the corpus did not change
	$(BIN)/assistant ingest

lint: install
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)

types: install
	$(BIN)/mypy --strict assistant

pytest: install
	$(BIN)/pytest -q

SCALE_SIZES ?= 10000 100000

bench: index $(BENCH_STAMP) ## benchmarks (not tests): writes docs/benchmarks.md, docs/eval.md, docs/latency.md
	cd bench && ../$(BIN)/python eval_report.py
	cd bench && ../$(BIN)/python baselines.py
	cd bench && ../$(BIN)/python embedders.py
	cd bench && ../$(BIN)/python ingest_speed.py
	cd bench && ../$(BIN)/python cold_start.py
	cd bench && ../$(BIN)/python latency.py
	cd bench && ../$(BIN)/python concurrency.py
	cd bench && ../$(BIN)/python llama_retriever.py
	cd bench && ../$(BIN)/python api_latency.py
	test -d /usr/share/doc/python3.11/html/_sources || (apt-get update -qq && apt-get install -y -qq python3-doc)
	cd bench && ../$(BIN)/python spanish.py
	cd bench && ../$(BIN)/python scale.py --sizes $(SCALE_SIZES)
	cd bench && ../$(BIN)/python report.py

clean:
	rm -rf $(VENV) index/versions index/CURRENT index/ingest.lock index/ingest.lock.holder
