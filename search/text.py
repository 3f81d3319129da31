"""Chinese text handling shared by indexing and querying: normalising, segmenting, pinyin.

Every backend sees the same tokens: titles and bodies are segmented with jieba's search mode
(overlapping sub-words, for recall) when indexed, and queries with its precise mode.
"""

import re
import unicodedata
from functools import lru_cache

import jieba
from django.utils.html import strip_tags

MAX_QUERY_LENGTH = 100
MAX_INDEXED_BODY = 20000
# Function words that carry no meaning in a query ("关于印发…的通知").
STOP_WORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "在",
        "对",
        "于",
        "是",
        "为",
        "等",
        "之",
        "其",
        "把",
        "被",
        "就",
        "也",
        "都",
        "而",
        "并",
        "以",
    ]
)
# A token worth indexing: CJK ideographs, Latin letters or digits.
_WORD = re.compile(r"[\w\u3400-\u9fff]", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """Half-width, simplified, lower-case text without markup or control characters."""
    text = unicodedata.normalize("NFKC", text or "")
    if _CJK.search(text):
        text = _converter().convert(text)
    text = _SPACES.sub(" ", text)
    if not text.isprintable():  # rare: scan for control, format and unassigned characters
        text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
        text = _SPACES.sub(" ", text)
    return text.strip().lower()


def clean_query(raw: str) -> str:
    """The query as shown back to the user: normalised and cut to MAX_QUERY_LENGTH characters."""
    return normalise(raw[: MAX_QUERY_LENGTH * 4])[:MAX_QUERY_LENGTH]


def plain_text(html: str) -> str:
    """Rich text without tags, for indexing and snippets."""
    return _SPACES.sub(" ", strip_tags(html or "").replace("&nbsp;", " ")).strip()


def _is_word(token: str) -> bool:
    return bool(_WORD.search(token))


# jieba never joins characters across punctuation, so cutting a text clause by clause gives the
# same tokens as cutting it whole; clauses repeat across documents (boilerplate), so each
# clause's tokens are remembered.
_CLAUSE_END = re.compile(r"(?<=[。；！？，、：\s])")


@lru_cache(maxsize=200_000)
def _clause_tokens(clause: str) -> tuple[str, ...]:
    return tuple(t for t in jieba.cut_for_search(clause) if t.strip() and _is_word(t))


def index_tokens(text: str) -> str:
    """Space-separated search-mode tokens of `text` (what both backends index)."""
    text = normalise(text)
    return " ".join(
        token for clause in _CLAUSE_END.split(text) if clause for token in _clause_tokens(clause)
    )


def query_tokens(text: str) -> list[str]:
    """Meaningful precise-mode tokens of a query, without stop words or punctuation."""
    tokens = []
    for token in jieba.cut(normalise(text)):
        token = token.strip()
        if token and _is_word(token) and token not in STOP_WORDS and token not in tokens:
            tokens.append(token)
    return tokens


def char_tokens(text: str) -> str:
    """Space-separated single CJK characters plus Latin/digit runs (the recall field)."""
    text = normalise(text)
    return " ".join(re.findall(r"[\u3400-\u9fff]|[a-z0-9]+", text))


def char_bigrams(text: str) -> list[str]:
    """Adjacent character pairs of each CJK run ("配汽价" → "配 汽", "汽 价"), single characters
    of one-character runs, and Latin/digit runs: the tolerant second pass for typos."""
    grams = []
    for run in re.findall(r"[\u3400-\u9fff]+|[a-z0-9]+", normalise(text)):
        if len(run) == 1 or not _CJK.match(run):
            grams.append(run)
        else:
            grams += [f"{a} {b}" for a, b in zip(run, run[1:], strict=False)]
    return list(dict.fromkeys(grams))


def pinyin_key(text: str) -> str:
    """Toneless pinyin without spaces ("营商环境" and "yingshanghuanjing" share a key)."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(normalise(text))).replace(" ", "")
