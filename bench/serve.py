"""A server under test, started the way `worklane serve --workers N` starts the app
(app.core.serving): `python -m bench.serve MODULE:FACTORY HOST PORT WORKERS`. The benchmarks
start the app and its baselines alike, so both get the same worker processes and sockets."""

import sys

import uvicorn

from app.core.serving import serve


def main() -> None:
    factory, host, port, workers = sys.argv[1:]
    config = uvicorn.Config(
        factory, factory=True, host=host, port=int(port), workers=int(workers), access_log=False
    )
    sys.exit(serve(config))


if __name__ == "__main__":
    main()
