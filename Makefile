# Two commands do all set-up on a fresh machine with Python 3.11:
#   make demo   create .venv, install, compile the shipped rules, finalize a real model
#   make test   install and run the whole test suite (CI runs this)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install demo test compile check-generated bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,pt2e]'
	touch $(STAMP)

install: $(STAMP)

compile: $(STAMP)
	$(PY) -m qdsl compile patterns -o generated

check-generated: $(STAMP)
	$(PY) -m qdsl compile patterns -o generated --check

demo: $(STAMP)
	$(PY) -m qdsl compile patterns -o generated
	$(PY) -m qdsl.backends.torchscript.demo

# One intra-op thread per worker and one worker per core: the suite's models are small,
# so cores serve more tests at once better than they serve one torch op. A test file
# stays in one worker (--dist loadfile): its module fixtures are built once.
test: $(STAMP) check-generated
	OMP_NUM_THREADS=1 $(PY) -m pytest -q -n auto --dist loadfile

bench: $(STAMP)
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
