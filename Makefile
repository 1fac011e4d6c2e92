# Worklane: `make run` serves the app on http://127.0.0.1:8000; `make test` runs the whole suite.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
HAS_SPA := $(wildcard frontend/package.json)

.PHONY: run test install spa spa-test e2e lint typecheck pytest openapi clean \
	bench-tasks bench-engine bench-schedule bench-schedule-read bench-time bench-workload load

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

# Ends with a build: the landing route's size budget (docs/performance.md, "Web app bundle") is
# checked on what the build emits.
spa-test:
ifneq ($(HAS_SPA),)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run check:api && npm run typecheck && npm run lint && npm test
	cd frontend && npm run build && npm run check:size
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

# Benchmarks (not tests): each seeds its own throwaway PostgreSQL database on 127.0.0.1:5432
# and records its figures in docs/performance.md (see that file for the sizes used there).
bench-tasks: install
	$(UV) run python -m bench.tasks_list --tasks 100000 --projects 500 --seconds 20 --concurrency 32 --also 1000000 --also-projects 5000

bench-engine: install
	$(UV) run python -m bench.scheduling_engine --sizes 10000:30000,100000:300000

bench-schedule: install
	$(UV) run python -m bench.schedule_api --tasks 10000 --links 30000 --repeat 20

bench-schedule-read: install
	$(UV) run python -m bench.schedule_api --tasks 10000 --links 30000 --repeat 15 --read

bench-time: install
	$(UV) run python -m bench.time_reports --repeat 5

bench-workload: install
	$(UV) run python -m bench.workload --repeat 3

# Load with nothing lost (docs/reliability.md): 50 clients for 2 minutes against
# `worklane serve --workers 2` on a throwaway PostgreSQL database; exits non-zero when a write
# was lost or duplicated or an answer was a 5xx. tests/outside/test_load.py is the small version.
load: install
	$(UV) run python -m bench.load --clients 50 --seconds 120 --workers 2

clean:
	rm -rf .venv frontend/node_modules frontend/dist worklane.db*
