"""The SVG writer's escaping: the same text as xml.sax.saxutils, without importing it (which
brings urllib and http.client into every start of the app)."""

from __future__ import annotations

import subprocess
import sys
from xml.sax.saxutils import escape, quoteattr

from hypothesis import given
from hypothesis import strategies as st

from hiprehab.drawing import svgdoc

XML_TEXT = st.text(alphabet=st.sampled_from("ab &<>\"'\n\r\té"), max_size=12)


@given(XML_TEXT)
def test_text_and_attributes_are_escaped_as_saxutils_does(text: str) -> None:
    assert svgdoc.escape(text) == escape(text)
    assert svgdoc.quoteattr(text) == quoteattr(text)


def test_an_element_with_awkward_text() -> None:
    assert svgdoc.element("title", {"id": 'say "hi" & \'bye\''}, text="a < b") == (
        "<title id=\"say &quot;hi&quot; &amp; 'bye'\">a &lt; b</title>"
    )


def test_drawing_imports_no_url_or_http_module() -> None:
    code = (
        "import sys, hiprehab.drawing.figure as f; f.render_svg('clamshell', 0.5); "
        "print(sorted(m for m in ('urllib.request', 'http.client', 'xml.sax') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
