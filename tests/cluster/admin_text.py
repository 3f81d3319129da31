"""What an editor reads on an admin page, and which of it is still English.

Visible text is every HTML text node outside <script>/<style>/<svg> and `hidden` elements,
the title, aria-label, placeholder and alt attributes, the labels of submit inputs, and the strings Wagtail's
JavaScript shows from JSON islands (the sidebar's menu labels, `wagtailConfig.STRINGS`).
"""

import json
import re
from html.parser import HTMLParser

# Proper names and abbreviations that stay in Latin letters in Chinese government admin text.
ALLOWED_WORDS = {
    "wagtail", "pdf", "url", "urls", "id", "api", "xlsx", "xls", "doc", "docx", "ofd", "wps",
    "html", "rss", "atom", "json", "csv", "seo", "email", "e-mail", "ctrl", "shift", "alt",
    "cmd", "esc", "enter", "tab", "jpg", "jpeg", "png", "gif", "webp", "svg", "avif", "zip",
    "et", "ip", "openapi", "www", "http", "https", "ok", "utf-8", "tsv", "mb", "kb", "px",
    "cc", "bcc", "localhost", "chinese-calendar", "icp",
}  # fmt: skip
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
SKIPPED_ELEMENTS = {"script", "style", "svg", "noscript"}
JSON_LABEL_KEYS = {"label", "title", "text", "placeholder", "help_text"}  # not "name": an id
# Not words of a language: addresses, paths, host and file names, dotted or snake_case
# identifiers, numbers. Single letters (keyboard shortcuts "Ctrl + b", "A -> Z") are no words.
NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|\S*/\S*|\w[\w-]*(\.[\w-]+)+|\w*[_\d]\w*")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.json_islands: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hides its content)
        self._json_script = False

    def _hidden(self) -> bool:
        return any(hides for _tag, hides in self._open)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._hidden():
            hides = True
        else:
            hides = tag in SKIPPED_ELEMENTS or "hidden" in attributes
            for name in ATTRIBUTES:
                if attributes.get(name) and not hides:
                    self.texts.append(attributes[name])
            if tag == "input" and attributes.get("type") == "submit":
                self.texts.append(attributes.get("value") or "")
        self._json_script = tag == "script" and attributes.get("type") == "application/json"
        if tag not in VOID_ELEMENTS:
            self._open.append((tag, hides))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self._open.pop()

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break
        self._json_script = False

    def handle_data(self, data):
        if self._json_script:
            self.json_islands.append(data)
        elif not self._hidden() and data.strip():
            self.texts.append(data)


def _json_labels(value, found: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "STRINGS" and isinstance(item, dict):
                found.extend(text for text in item.values() if isinstance(text, str))
            elif key in JSON_LABEL_KEYS and isinstance(item, str):
                found.append(item)
            else:
                _json_labels(item, found)
    elif isinstance(value, list):
        for item in value:
            _json_labels(item, found)


def _json_urls(value, found: set[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "url" and isinstance(item, str) and item.startswith("/admin/"):
                found.add(item)
            else:
                _json_urls(item, found)
    elif isinstance(value, list):
        for item in value:
            _json_urls(item, found)


def visible_texts(html: str) -> tuple[list[str], set[str]]:
    """The strings an admin page shows, and the admin URLs its menus (JSON islands) link to."""
    parser = _VisibleText()
    parser.feed(html)
    texts = list(parser.texts)
    urls: set[str] = set()
    for island in parser.json_islands:
        try:
            data = json.loads(island)
        except ValueError:
            continue
        _json_labels(data, texts)
        _json_urls(data, urls)
    return [" ".join(text.split()) for text in texts if text.strip()], urls


def english_words(text: str, allowed: set[str] = frozenset()) -> list[str]:
    """The English words in `text`, leaving out allowed names and non-words."""
    stripped = NOT_WORDS.sub(" ", text)
    return [
        word
        for word in WORD.findall(stripped)
        if word.lower() not in ALLOWED_WORDS and word.lower() not in allowed
    ]


def untranslated(texts: list[str], allowed: set[str] = frozenset()) -> list[str]:
    """The texts that still carry English words: what a translator has to look at."""
    return [text for text in texts if english_words(text, allowed)]
