# `make demo` and `make test` do all set-up on a fresh clone: they create .venv and
# install dupcheck with the CPU build of torch (torch==2.13.0 lies on this machine's disk;
# an unpinned torch would pull a CUDA build of several GB).
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
SEEDS := fixtures/seeds

.PHONY: install browser demo test test-fast bench lint clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[neural,ct2,test,ray,bench]'
	touch $@

demo: install
	$(VENV)/bin/dupcheck check $(SEEDS)/002_ad68b3a4021bdc8c.txt $(SEEDS)/000_7c1714d105d40b16.txt --show-alignment; \
	  status=$$?; echo "exit code $$status (1: the translation fails the check, as it should)"; test $$status -le 1

# headless Chromium and Noto fonts for the HTML report test (it skips, saying why, without them)
browser:
	@test -x /usr/bin/chromium || { test "$$(id -u)" = 0 && apt-get update -qq \
	  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; } \
	  || echo "chromium not installed: the HTML screenshot test will be skipped"

test: install browser
	$(PY) -m pytest -n 2 -q

test-fast: install
	$(PY) -m pytest -n 2 -q -m "not slow"

bench: install
	$(PY) benchmarks/check_bench.py

lint: install
	$(VENV)/bin/ruff check dupcheck tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache
