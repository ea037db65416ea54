"""What changed between two versions of a text, as a reader sees it: both Markdown texts
are rendered, and the rendered words are compared one by one.

Written here rather than taken from a library: lxml's `htmldiff` (the maintained HTML
differ) marks an unchanged word as removed and added when the tag around its neighbour
changes, and ignores a word that became bold; difflib on the Markdown source shows `**`
and blank lines. Here each word carries its paragraph kind and its inline style, so an
unchanged word stays unchanged, a word that became bold counts as changed, and the result
has the paragraphs and lists of the new text."""

import difflib
import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from bedoeling.lib.markdown import render as render_markdown

BLOCKS = {"p", "li", "h3", "h4", "pre"}
STYLES = {"strong": "strong", "b": "strong", "em": "em", "i": "em", "code": "code",
          "a": "u"}  # a link's address is not text a reader reads: it shows as underlined


@dataclass(frozen=True)
class Word:
    text: str
    styles: tuple[str, ...] = ()
    # Whether a space stood before it ("Samen," is one word though "Samen" is bold).
    spaced: bool = field(default=True, compare=False)


@dataclass(frozen=True)
class Break:
    """The start of a paragraph, list item or heading."""

    kind: str
    listed: str = ""  # "ul"/"ol" for a list item
    quoted: bool = False


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[Word | Break] = []
        self.open: list[str] = []
        self.space = True

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.space = True
        if tag in BLOCKS:
            listed = next((t for t in reversed(self.open) if t in ("ul", "ol")), "")
            self.tokens.append(Break(tag, listed if tag == "li" else "",
                                     "blockquote" in self.open))
        if tag == "br":
            return
        self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data):
        styles = tuple(sorted({STYLES[t] for t in self.open if t in STYLES}))
        words = list(re.finditer(r"(\s*)(\S+)", data))
        if words and not any(isinstance(t, Break) for t in self.tokens):
            self.tokens.append(Break("p"))
        for m in words:
            self.tokens.append(Word(m.group(2), styles, bool(m.group(1)) or
                                    (m.start() == 0 and self.space)))
            self.space = False
        if data and data[-1].isspace():
            self.space = True


def _tokens(markdown_text: str) -> list[Word | Break]:
    reader = _Reader()
    reader.feed(render_markdown(markdown_text or ""))
    reader.close()
    return reader.tokens


def rendered_diff(old: str, new: str) -> list[dict]:
    """Paragraphs of the new text (removed words where they stood), each
    {"kind", "listed", "quoted", "runs": [(change, styles, text, spaced)]} with change one
    of "same", "removed", "added"."""
    a, b = _tokens(old), _tokens(new)
    blocks: list[dict] = []

    def start(brk: Break):
        blocks.append({"kind": brk.kind, "listed": brk.listed, "quoted": brk.quoted,
                       "runs": []})

    def word(change: str, w: Word):
        if not blocks:
            start(Break("p"))
        runs = blocks[-1]["runs"]
        if runs and runs[-1][0] == change and runs[-1][1] == w.styles:
            runs[-1] = (change, w.styles, runs[-1][2] + (" " if w.spaced else "") + w.text,
                        runs[-1][3])
        else:
            runs.append((change, w.styles, w.text, w.spaced))

    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            # Removed words join the paragraph they stood in; a removed paragraph break
            # merges nothing away, it just is not drawn.
            for t in a[i1:i2]:
                if isinstance(t, Word):
                    word("removed", t)
        for t in b[j1:j2]:
            if isinstance(t, Break):
                start(t)
            else:
                word("same" if op == "equal" else "added", t)
    return [blk for blk in blocks if blk["runs"]]


def has_changes(blocks: list[dict]) -> bool:
    return any(run[0] != "same" for blk in blocks for run in blk["runs"])


def diff_html(blocks: list[dict], removed_label: str, added_label: str) -> str:
    """The diff as HTML: paragraphs, lists and headings as in the new text, <del> and <ins>
    around changed words, with a label for screen readers. Every word is escaped."""
    out: list[str] = []
    listed = ""
    for blk in blocks:
        if blk["listed"] != listed:
            if listed:
                out.append(f"</{listed}>")
            if blk["listed"]:
                out.append(f"<{blk['listed']}>")
            listed = blk["listed"]
        tag = blk["kind"] if blk["kind"] in ("li", "h3", "h4") else "p"
        css = ' class="diff__quote"' if blk["quoted"] else ""
        parts = []
        for n, (change, styles, text, spaced) in enumerate(blk["runs"]):
            html = escape(text)
            for style in styles:
                html = f"<{style}>{html}</{style}>"
            if change == "removed":
                html = (f'<del><span class="visually-hidden">[{escape(removed_label)}: </span>'
                        f'{html}<span class="visually-hidden">]</span></del>')
            elif change == "added":
                html = (f'<ins><span class="visually-hidden">[{escape(added_label)}: </span>'
                        f'{html}<span class="visually-hidden">]</span></ins>')
            parts.append((" " if n and spaced else "") + html)
        out.append(f"<{tag}{css}>{''.join(parts)}</{tag}>")
    if listed:
        out.append(f"</{listed}>")
    return "".join(out)
