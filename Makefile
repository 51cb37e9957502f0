# The two commands: `make run` (serve the demo on SQLite) and `make test` (the whole suite).
.PHONY: run test bench lint

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

bench:
	@bash scripts/venv.sh test
	.venv/bin/python bench/extraction_quality.py
	.venv/bin/python bench/extraction_speed.py

lint:
	@bash scripts/venv.sh test
	.venv/bin/ruff check workbench tests bench
