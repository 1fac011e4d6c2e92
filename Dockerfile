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
COPY --from=ghcr.io/astral-sh/uv:0.9 /uv /usr/local/bin/uv
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
RUN mkdir -p /data && chown worklane:worklane /data
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    WORKLANE_DATABASE_URL=sqlite+aiosqlite:////data/worklane.db \
    WORKLANE_SPA_DIST_DIR=/app/frontend/dist
USER worklane
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"
# `serve` applies pending migrations before it listens.
CMD ["worklane", "serve", "--host", "0.0.0.0", "--port", "8000"]
