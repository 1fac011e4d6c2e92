"""The built web app's files, sent compressed and cached as long as their names allow.

The build (frontend/scripts/compress.mjs) writes `name.br` and `name.gz` beside each text file;
a request gets the smallest the client accepts (brotli, then gzip, then the file itself), with
`Vary: Accept-Encoding` so a shared cache keeps them apart and an ETag of its own (each variant
is a file with its own size), so revalidation still answers 304. Nothing is compressed per
request.

Files under /assets have a content hash in their name: a new build gives new names, so a browser
may keep them a year without asking (`immutable`). index.html (and any other unhashed file) must
be asked for again each time (`no-cache`, answered 304 while unchanged), so a deploy shows at once.
"""

import os
from mimetypes import guess_type
from pathlib import Path

from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

IMMUTABLE = "public, max-age=31536000, immutable"
NO_CACHE = "no-cache"
# Preferred first; each is the suffix the build gives that variant.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(header: str) -> frozenset[str]:
    """The content codings an Accept-Encoding header allows (RFC 9110 §12.5.3), lower case.

    A coding with `q=0` is refused; `*` stands for any coding not named.
    """
    named: dict[str, bool] = {}
    for item in header.split(","):
        coding, _, params = item.partition(";")
        coding = coding.strip().lower()
        if not coding:
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        named[coding] = quality > 0
    wildcard = named.pop("*", False)
    return frozenset(
        encoding for encoding, _ in ENCODINGS if named.get(encoding, wildcard)
    ) | frozenset(coding for coding, allowed in named.items() if allowed)


class BuiltFiles(StaticFiles):
    """StaticFiles over a build directory: compressed variants, one Cache-Control for all."""

    def __init__(self, directory: Path, *, cache_control: str) -> None:
        super().__init__(directory=directory, check_dir=False)
        self.cache_control = cache_control
        # The build is fixed while it is served: list its compressed variants once.
        self.variants = frozenset(
            str(path.resolve())
            for path in (directory.rglob("*") if directory.is_dir() else ())
            if path.suffix in {suffix for _, suffix in ENCODINGS}
        )

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        request_headers = Headers(scope=scope)
        path = str(full_path)
        headers = {"cache-control": self.cache_control, "vary": "Accept-Encoding"}
        media_type = guess_type(path)[0] or "application/octet-stream"
        accepted = accepted_encodings(request_headers.get("accept-encoding", ""))
        for encoding, suffix in ENCODINGS:
            if encoding in accepted and path + suffix in self.variants:
                path += suffix
                stat_result = os.stat(path)
                headers["content-encoding"] = encoding
                break
        response = FileResponse(
            path,
            status_code=status_code,
            headers=headers,
            media_type=media_type,
            stat_result=stat_result,
        )
        if self.is_not_modified(response.headers, request_headers):
            return NotModifiedResponse(response.headers)
        return response
