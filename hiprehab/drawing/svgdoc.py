"""A minimal, deterministic SVG writer: sorted attributes and fixed number formatting, so the
same drawing always produces the same bytes (the committed illustrations stay diff-free)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

Attrs = Mapping[str, str | float | int]

# What XML needs escaped in text, and in addition in an attribute value (white space other than
# the space would be normalised away). The same output as xml.sax.saxutils' escape and
# quoteattr, which would import urllib and http.client with it.
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "&#10;", "\r": "&#13;",
                       "\t": "&#9;"})  # fmt: skip


def escape(text: str) -> str:
    """`text` as XML character data."""
    return text.translate(_TEXT)


def quoteattr(value: str) -> str:
    """`value` escaped and quoted as an XML attribute value: in double quotes, or in single
    ones when it holds a double quote but no single one (else `"` as `&quot;`)."""
    value = value.translate(_ATTR)
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


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
