"""Is an SVG drawing safe to show on a kiosk and to serve from the town's web server?

An SVG is XML that may carry scripts, event handlers, HTML (``foreignObject``), entity
declarations and references to other files or sites. The kiosk's renderer ignores most of
it, but a published SVG is also opened by browsers (the web studio, the town's website), and
a drawing needs none of it. :func:`unsafe_svg` says what is wrong, or None.
"""

from __future__ import annotations

import re

from kiosk.core.xmlsafe import XmlRefused, local, parse_xml
from kiosk.io.media_format import text_start

#: Largest SVG accepted: an SVG is parsed whole (here, and by the renderer); logos and icons
#: are a few KB.
MAX_SVG_BYTES = 2 * 1024 * 1024

_FORBIDDEN_ELEMENTS = {
    "script": "a <script> element",
    "foreignobject": "a <foreignObject> element (HTML inside the drawing)",
    "handler": "a <handler> element (SVG Tiny script)",
    "listener": "a <listener> element (SVG Tiny events)",
    "iframe": "an <iframe> element",
    "embed": "an <embed> element",
    "object": "an <object> element",
}
_RASTER_DATA = re.compile(r"^data:image/(png|jpeg|jpg|gif|webp)[;,]", re.I)
_CSS_URL = re.compile(r"""url\(\s*['"]?\s*([^'")\s]*)""", re.I)
_INVISIBLE = re.compile(r"[\s\x00-\x1f]+")
_CSS_HINT = re.compile(r"url\(|@import", re.I)


def unsafe_svg(data: bytes) -> str | None:
    """Why the SVG document ``data`` is not safe to show or serve, or None when it is.

    Refused: DOCTYPE and ENTITY declarations (entity expansion, external files),
    ``<script>``, ``<foreignObject>`` and other active elements, ``on*=`` event attributes,
    ``javascript:`` anywhere, stylesheets from elsewhere, and references (``href``,
    ``xlink:href``, CSS ``url()``) to anything but a fragment of the same drawing (``#id``)
    or an embedded PNG/JPEG/GIF/WebP picture (``data:image/png;base64,...``).
    """
    if len(data) > MAX_SVG_BYTES:
        return f"it is {len(data)} bytes; an SVG may be at most {MAX_SVG_BYTES}"
    raw = (text_start(data) or "").lower()
    if "<!doctype" in raw or "<!entity" in raw:
        return (
            "it has a DOCTYPE or ENTITY declaration (remove the <!DOCTYPE ...> line: "
            "an SVG does not need it)"
        )
    if "<?xml-stylesheet" in raw:
        return "it loads a stylesheet from another file (<?xml-stylesheet?>)"
    try:
        root = parse_xml(data, "svg", max_bytes=MAX_SVG_BYTES)
    except XmlRefused as exc:
        return exc.reason
    if local(str(root.tag)).lower() != "svg":
        return f"its root element is <{local(str(root.tag))}>, not <svg>"
    for element in root.iter():
        name = local(str(element.tag)).lower()
        if name in _FORBIDDEN_ELEMENTS:
            return f"it contains {_FORBIDDEN_ELEMENTS[name]}"
        for attr, value in element.attrib.items():
            problem = _unsafe_attribute(local(attr), value)
            if problem:
                return f"<{local(str(element.tag))}> {problem}"
        if name == "style" and element.text:
            problem = _unsafe_css(element.text)
            if problem:
                return f"its <style> {problem}"
    return None


def _unsafe_attribute(name: str, value: str) -> str | None:
    lname = name.lower()
    if lname.startswith("on"):
        return f'has an event attribute {name}="..." (a script)'
    if "javascript:" in _INVISIBLE.sub("", value).lower():
        return f"has a javascript: address in {name}"
    if lname == "href" and not _local_reference(value):
        return f'refers to another file or site: {name}="{_short(value)}"'
    # the style attribute is CSS; presentation attributes (fill, mask...) may hold url()
    problem = _unsafe_css(value) if lname == "style" or _CSS_HINT.search(value) else None
    return f"{problem} (in {name})" if problem else None


def _unsafe_css(css: str) -> str | None:
    if "@import" in css.lower():
        return "imports a stylesheet (@import)"
    if "\\" in css:  # escapes could spell url( or javascript: past the checks below
        return "uses CSS escapes (\\)"
    for target in _CSS_URL.findall(css):
        if not _local_reference(target):
            return f"refers to another file or site: url({_short(target)})"
    if "javascript:" in _INVISIBLE.sub("", css).lower():
        return "has a javascript: address"
    return None


def _local_reference(value: str) -> bool:
    value = value.strip()
    return value.startswith("#") or bool(_RASTER_DATA.match(value))


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."
