"""A minimal, deterministic SVG writer: sorted attributes and fixed number formatting, so the
same drawing always produces the same bytes (the committed illustrations stay diff-free)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

Attrs = Mapping[str, str | float | int]


def num(value: float) -> str:
    """A number with at most two decimals and no trailing zeros ("12.5", "3", "-0.25")."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attr_value(value: str | float | int) -> str:
    if isinstance(value, str):
        return value
    return num(float(value))


def element(
    tag: str, attrs: Attrs | None = None, children: Iterable[str] = (), text: str = ""
) -> str:
    """One element as text; children are already-serialised elements."""
    parts = [f"<{tag}"]
    for key in sorted(attrs or {}):
        parts.append(f" {key}={quoteattr(_attr_value((attrs or {})[key]))}")
    body = escape(text) + "".join(children)
    if not body:
        return "".join(parts) + "/>"
    return "".join(parts) + ">" + body + f"</{tag}>"


def document(attrs: Attrs, children: Iterable[str]) -> str:
    """A complete standalone SVG document (XML declaration, one element per line)."""
    svg_attrs = {"xmlns": "http://www.w3.org/2000/svg", "version": "1.1", **attrs}
    inner = "\n".join(children)
    head = element("svg", svg_attrs)[:-2] + ">"
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{head}\n{inner}\n</svg>\n'
