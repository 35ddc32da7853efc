# Benchmarks (see the Benchmarks section of README.md). PYTHON can point at another interpreter:
#   make bench PYTHON=/path/to/venv/bin/python
PYTHON ?= python

.PHONY: bench bench-quick

# every benchmark, full repetitions (about 12 minutes with the 100,000 tier; building the stores takes ~3 more)
# Sources are byte-compiled first, as an installed package is: start-up must not time the compiler.
bench:
	$(PYTHON) -m compileall -q store tui
	$(PYTHON) bench/run_all.py

# the same with fewer repetitions: a smoke test, rougher medians
bench-quick:
	$(PYTHON) -m compileall -q store tui
	$(PYTHON) bench/run_all.py --quick
