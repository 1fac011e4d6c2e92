# Worklane: `make run` serves the app on http://127.0.0.1:8000; `make test` runs the whole suite.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
HAS_SPA := $(wildcard frontend/package.json)

.PHONY: run test install spa spa-test e2e lint typecheck pytest openapi bench-tasks clean

run: install spa
	$(UV) run worklane serve

test: install lint typecheck pytest spa-test

install:
	@command -v uv >/dev/null 2>&1 || test -x "$(UV)" || python3 -m pip install --user --quiet uv
	$(UV) sync --frozen --quiet

spa:
ifneq ($(HAS_SPA),)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run build
endif

spa-test:
ifneq ($(HAS_SPA),)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run check:api && npm run typecheck && npm run lint && npm test
endif

e2e: install spa
ifneq ($(HAS_SPA),)
	cd frontend && npm run e2e
endif

lint:
	$(UV) run ruff check .
	$(UV) run ruff format --check .

typecheck:
	$(UV) run mypy app

# pytest exits 5 when it collects no test; that is not a failure of the suite.
pytest:
	$(UV) run pytest; status=$$?; [ $$status -eq 0 ] || [ $$status -eq 5 ]

openapi: install
	$(UV) run worklane openapi
ifneq ($(HAS_SPA),)
	cd frontend && npm run gen:api
endif

clean:
	rm -rf .venv frontend/node_modules frontend/dist worklane.db*
