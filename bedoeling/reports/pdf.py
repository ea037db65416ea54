"""HTML to PDF with WeasyPrint (HTML and SVG to A4, with page numbers and a table of
contents from CSS Paged Media), allowed to read nothing but the app's own static files:
a report never fetches anything from another server, not even from this one over HTTP."""

import mimetypes
import re
from functools import cache
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders


class RefusedFetch(ValueError):
    pass


def _fetcher_class():
    # WeasyPrint needs Pango from the operating system; importing it here, not at start-up,
    # lets the rest of Bedoeling run on a machine that lacks it (make run says so).
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file" or not parsed.path.startswith(settings.STATIC_URL):
                raise RefusedFetch(f"a report may only read static files, not {url}")
            name = parsed.path[len(settings.STATIC_URL):]
            path = finders.find(name) if ".." not in name.split("/") else None
            if not path:
                raise RefusedFetch(f"no static file at {url}")
            mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            with open(path, "rb") as handle:
                body = handle.read()
            return URLFetcherResponse(url, body, {"Content-Type": mime_type})

    return StaticOnly


_SVG_OPEN = re.compile(r"(<svg\b[^>]*>)")


@cache
def _svg_style() -> str:
    with open(finders.find("css/report-svg.css"), encoding="utf-8") as handle:
        return f"<style>{handle.read()}</style>"


def with_svg_colours(html: str) -> str:
    """Each inline SVG gets the app's chart colours inside it (see report-svg.css)."""
    style = _svg_style()
    return _SVG_OPEN.sub(lambda match: match.group(1) + style, html)


def html_to_pdf(html: str, base_url: str) -> bytes:
    import weasyprint

    html = with_svg_colours(html)

    fetcher = _fetcher_class()(allowed_protocols=("http", "https", "data"))
    return weasyprint.HTML(string=html, base_url=base_url,
                           url_fetcher=fetcher).write_pdf()
