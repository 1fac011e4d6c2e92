"""Settings, read from `WORKLANE_*` environment variables (and a `.env` file if present)."""

from functools import lru_cache

from pydantic import AnyHttpUrl, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WORKLANE_", env_file=".env", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./worklane.db"
    database_pool_size: int = 20
    database_echo: bool = False
    # How long a request waits for the database (a pooled connection; on SQLite also its one
    # writer's turn) before it answers 503 with Retry-After.
    database_wait_seconds: float = 10
    # Longest a statement may run on PostgreSQL (`statement_timeout` of the app's connections;
    # 0: none), and a request in all (its endpoint, then 503 with Retry-After, rolled back).
    statement_timeout_seconds: float = 15
    request_timeout_seconds: float = 30

    # Work one request may ask for (docs/security.md, "Bounded work"): beyond each it is 422.
    # Tasks of a project a schedule, schedule preview or leveling run computes.
    plan_max_tasks: int = 20_000
    # Days a time report spans, and rows (groups) it answers, as JSON or CSV.
    report_max_days: int = 366
    report_max_rows: int = 100_000
    # Days a workload by day spans (by week or month: a workload window, 1,100 days).
    workload_max_daily_days: int = 366

    # Signs list cursors. Unset, each process picks a random one at start: a cursor then fails
    # (422) after a restart or on another process, so set it wherever several processes serve
    # one database (`worklane serve --workers N` shares one of its own among its workers).
    secret_key: str = Field(default="", repr=False)

    # Open sign-up lets the first person in; a closed instance only accepts people added by admins.
    signup_open: bool = True
    # Where people reach this server (https://worklane.example.com). When it is https, cookies
    # are Secure and browsers are told to come back over HTTPS only (HSTS).
    public_url: AnyHttpUrl | None = None
    # Overrides what the public URL implies (the embedded default serves plain HTTP on loopback,
    # where a browser would drop Secure cookies).
    cookie_secure: bool | None = None
    # A session ends this long after sign-in, or after this long without a request.
    session_ttl_hours: int = 24 * 14
    session_idle_hours: int = 72
    # Proxies whose X-Forwarded-For / X-Forwarded-Proto uvicorn believes (comma-separated
    # addresses or networks, "*" for any): the client address limits are keyed by.
    forwarded_allow_ips: str = "127.0.0.1"

    # argon2id cost; the defaults are argon2-cffi's recommendation (RFC 9106, low memory).
    password_hash_time_cost: int = 3
    password_hash_memory_kib: int = 65536
    # Hashes computed at once, each in a thread off the event loop (and each taking the memory
    # above); more wait their turn.
    password_hash_concurrency: int = 4

    max_body_bytes: int = 1_000_000
    # Requests a minute per signed-in user, and per client address for requests without a
    # valid credential; 0 disables the limit.
    rate_limit_per_minute: int = 1200
    # Failed sign-ins: a few are free per (email, address); after them each failure doubles the
    # wait before that pair may try again, up to the cap, until a success or a quiet day.
    login_free_failures: int = 3
    login_delay_seconds: int = 1
    login_max_delay_seconds: int = 900
    login_failure_memory_hours: int = 24
    # Failed sign-ins per client address and window, whatever the email.
    login_failures_per_address: int = 100
    login_failure_window_seconds: int = 900
    # Accounts created per client address an hour; 0 disables the limit.
    signups_per_address_per_hour: int = 10
    # How often a token's last_used_at or a session's last_seen_at is rewritten at most, so
    # reads don't turn into writes.
    last_used_resolution_seconds: int = 60
    # How long an authenticated caller is remembered in-process at most; any change to a
    # credential clears it at once anyway (app/auth/credentials.py). 0 turns the cache off.
    credential_cache_seconds: float = 60
    idempotency_ttl_hours: int = 24
    # How long a retry waits for the first request with its Idempotency-Key to finish before
    # answering 409 with Retry-After.
    idempotency_wait_seconds: float = 5
    # Larger answers are not kept for retries (they answer 409 idempotency_response_too_large).
    idempotency_max_response_bytes: int = 1_000_000

    # Periodic upkeep (recurring tasks, expired idempotency records) inside the API process;
    # safe with several replicas.
    run_background_jobs: bool = True

    # The API documentation page (/api/docs) and the OpenAPI document it reads; off, both 404.
    api_docs: bool = True
    # The bearer secret a Prometheus scrape sends for /metrics; without one /metrics is 404.
    metrics_token: SecretStr | None = Field(default=None, min_length=16)

    log_level: str = "INFO"
    log_json: bool = True
    spa_dist_dir: str = Field(default="frontend/dist")

    @property
    def secure_cookies(self) -> bool:
        """Whether cookies are Secure (and HSTS is sent): as set, else whether served over https."""
        if self.cookie_secure is not None:
            return self.cookie_secure
        return self.public_url is not None and self.public_url.scheme == "https"


@lru_cache
def get_settings() -> Settings:
    return Settings()
