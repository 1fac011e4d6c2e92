# syntax=docker/dockerfile:1.7

# --- the web app -------------------------------------------------------------
FROM node:20-bookworm-slim AS spa
WORKDIR /src
COPY openapi/ openapi/
COPY frontend/package.json frontend/package-lock.json frontend/
RUN cd frontend && npm ci --no-audit --no-fund
COPY frontend/ frontend/
RUN cd frontend && npm run build

# --- Python dependencies -----------------------------------------------------
FROM python:3.11-slim-bookworm AS python-deps
# The uv that writes uv.lock (lock revision 5): an older one may not read it.
COPY --from=ghcr.io/astral-sh/uv:0.13 /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PROJECT_ENVIRONMENT=/opt/venv
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY app/ app/
RUN uv sync --frozen --no-dev

# --- runtime ------------------------------------------------------------------
FROM python:3.11-slim-bookworm
RUN groupadd --system worklane && useradd --system --gid worklane --home /app worklane
WORKDIR /app
COPY --from=python-deps /opt/venv /opt/venv
COPY app/ app/
COPY migrations/ migrations/
COPY alembic.ini pyproject.toml ./
COPY --from=spa /src/frontend/dist frontend/dist
# Only for trying the image on SQLite (WORKLANE_DATABASE_URL=sqlite+aiosqlite:////data/worklane.db).
RUN mkdir -p /data && chown worklane:worklane /data
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    WORKLANE_SPA_DIST_DIR=/app/frontend/dist
USER worklane
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"
# No database and no address are guessed: the image starts only when told which PostgreSQL to
# use and where people reach it (an https address makes cookies Secure and turns HSTS on).
# `serve` applies pending migrations before it listens; `exec` lets it receive SIGTERM.
CMD ["sh", "-c", ": \"${WORKLANE_DATABASE_URL:?set WORKLANE_DATABASE_URL, e.g. postgresql+asyncpg://worklane:secret@db:5432/worklane}\" \"${WORKLANE_PUBLIC_URL:?set WORKLANE_PUBLIC_URL, e.g. https://worklane.example.com}\" && exec worklane serve --host 0.0.0.0 --port 8000"]
