"""The POST forms of a rendered page as a browser without JavaScript sends them, and the
forms in the live views' templates: for the tests that every one carries a CSRF token."""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.loader import get_template

TOKEN = "csrfmiddlewaretoken"


class PostForms(HTMLParser):
    """Each POST form of a page: its action, the fields it sends (hidden and text inputs,
    text areas) and its buttons (name, value)."""

    def __init__(self, html: str):
        super().__init__()
        self.forms, self.current, self.textarea = [], None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.current = None
            if a.get("method", "get").lower() == "post":
                self.current = {"action": a.get("action", ""), "fields": {}, "buttons": [],
                                "opening": self.get_starttag_text()}
                self.forms.append(self.current)
        elif self.current is None or not a.get("name"):
            return
        elif tag == "input" and a.get("type", "text") not in ("submit", "radio", "checkbox"):
            self.current["fields"][a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self.textarea = a["name"]
            self.current["fields"][a["name"]] = ""
        elif tag == "button":
            self.current["buttons"].append((a["name"], a.get("value", "")))

    def handle_data(self, data):
        if self.textarea and self.current is not None:
            self.current["fields"][self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.current = None

    def without_token(self) -> list[str]:
        return [form["opening"] for form in self.forms if not form["fields"].get(TOKEN)]


# Where a form of a template opens (its attributes may hold template tags) and closes.
_FORM = re.compile(r"<form\b(?:[^>\"'{]|\"[^\"]*\"|'[^']*'|\{%.*?%\}|\{\{.*?\}\}|\{)*>(.*?)</form>",
                   re.S | re.I)
_INCLUDE = re.compile(r'{%\s*include\s+"([^"#]+)')


def template_sources(names) -> dict[str, str]:
    """The source of each named template and of every template it includes by name."""
    sources, todo = {}, list(names)
    while todo:
        name = todo.pop()
        if name in sources:
            continue
        sources[name] = Path(get_template(name).origin.name).read_text(encoding="utf-8")
        todo.extend(_INCLUDE.findall(sources[name]))
    return sources


def post_forms_without_token(source: str) -> list[str]:
    """The POST forms of a template's source that carry no CSRF token."""
    return [match.group(0)[:120] for match in _FORM.finditer(source)
            if re.search(r'method="post"', match.group(0)[:match.start(1) - match.start()],
                         re.I)
            and "{% csrf_token %}" not in match.group(1) and TOKEN not in match.group(1)]
