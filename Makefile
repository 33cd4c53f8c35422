# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench eval kb-check serve loadtest discord clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## run: the bot (Slack Socket Mode with tokens, otherwise the local console chat)
run: $(STAMP)
	$(BIN)/python -m bot run

## test: ruff, mypy, then the whole suite (SQLite and PostgreSQL)
test: $(STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

## lint: ruff (rules and formatting) and mypy on the package (settings in pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/ruff format --check bot tests
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bot bench

eval: $(STAMP)
	$(BIN)/python -m bot eval ../shared/eval/dev.jsonl

kb-check: $(STAMP)
	$(BIN)/python -m bot kb check

## serve: Slack HTTP mode under gunicorn (HOST, PORT, WORKERS: default one per core)
serve: $(STAMP)
	$(BIN)/python -m bot serve --host $${HOST:-0.0.0.0} --port $${PORT:-3000} $${WORKERS:+--workers $$WORKERS}

## loadtest: signed events into the app over loopback (bounded: about 7 minutes for the whole matrix)
loadtest: $(STAMP)
	$(BIN)/python -m tests.slack.loadtest $${LOADTEST_ARGS}

## discord: the Discord bot (DISCORD_BOT_TOKEN and the other DISCORD_* settings in .env)
discord: $(STAMP)
	$(BIN)/python -m bot discord

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
