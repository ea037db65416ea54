"""Markdown to safe HTML: Python-Markdown renders, nh3 (Ammonia) sanitises."""

import markdown as _markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "h3", "h4",
    "a", "code", "pre", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render(text: str) -> str:
    html = _markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    # Headings from the author's #-syntax are demoted so they fit under the page's own.
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>")
    html = html.replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
