"""Parsing XML from the outside world (CAP alerts, RSS, Atom) without letting it hurt us.

Every document goes through :func:`parse_xml`: a size cap first, then defusedxml with
DTDs, entity declarations and external references all refused. A "billion laughs", an
external entity pointing at ``file:///etc/passwd`` or at a URL, an external DTD: each is
refused at once, with nothing read and no connection made. XInclude is never processed
(ElementTree only expands it on request, and we never ask), and a document that uses it
is refused too: no alert or news item needs it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from kiosk.errors import KioskError

MAX_XML_BYTES = 2 * 1024 * 1024


class XmlRefused(KioskError):
    """An XML document was refused (too big, not XML, or using a forbidden feature)."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


def parse_xml(data: bytes, source: str, max_bytes: int = MAX_XML_BYTES) -> ET.Element:
    """The root element of ``data``; :class:`XmlRefused` for anything unsafe or broken."""
    if len(data) > max_bytes:
        raise XmlRefused(source, f"document is {len(data)} bytes, more than {max_bytes}")
    if not data.strip():
        raise XmlRefused(source, "empty document")
    data = _utf8_declared_as_latin(data)
    try:
        return _parse(data)
    except DefusedXmlException as exc:
        raise XmlRefused(source, f"refused XML feature ({type(exc).__name__}: {exc})") from None
    except ET.ParseError as exc:
        fixed = _with_actual_encoding(data)
        if fixed is not None:
            try:
                return _parse(fixed)
            except (ET.ParseError, DefusedXmlException):
                pass
        raise XmlRefused(source, f"not well-formed XML ({exc})") from None


XINCLUDE = "{http://www.w3.org/2001/XInclude}"


def _parse(data: bytes) -> ET.Element:
    root: ET.Element = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith(XINCLUDE):
            raise XIncludeForbidden(element.get("href") or "")
    return root


class XIncludeForbidden(DefusedXmlException):  # type: ignore[misc]
    """An XInclude element: never processed, and its document is refused."""

    def __init__(self, href: str) -> None:
        super().__init__(f"xi:include href={href!r}")


_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)[\"'][^>]*\?>")


_LATIN = {"iso-8859-1", "iso-8859-15", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii"}


def _utf8_declared_as_latin(data: bytes) -> bytes:
    """Declared Latin-1 but written in UTF-8 (it parses, as mojibake): re-declared UTF-8.
    Valid multi-byte UTF-8 sequences practically never occur in real Latin-1 text."""
    m = _DECLARATION.match(data)
    if m is None or m.group(1).decode("ascii").lower().replace("_", "-") not in _LATIN:
        return data
    body = data[m.end() :]
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return data
    if body.isascii():
        return data
    return b'<?xml version="1.0" encoding="utf-8"?>' + body


def _with_actual_encoding(data: bytes) -> bytes | None:
    """A document whose declared encoding is wrong (a real, common publishing mistake):
    the same text, re-declared in the encoding its bytes are actually in."""
    m = _DECLARATION.match(data)
    if m is None:
        return None
    declared = m.group(1).decode("ascii").lower().replace("_", "-")
    body = data[m.end() :]
    try:
        text = body.decode("utf-8")
        actual = "utf-8"
    except UnicodeDecodeError:
        text = body.decode("cp1252", errors="replace")
        actual = "cp1252"
    if actual == declared or (actual == "utf-8" and declared == "utf8"):
        return None
    return b'<?xml version="1.0" encoding="utf-8"?>' + text.encode("utf-8")


def local(tag: str) -> str:
    """An element's name without its namespace: '{urn:...:cap:1.2}info' -> 'info'."""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if local(c.tag) == name), None)


def children(element: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in element if local(c.tag) == name]


def text(element: ET.Element, name: str) -> str:
    """The stripped text of the first child called ``name`` ('' if none)."""
    found = child(element, name)
    return (found.text or "").strip() if found is not None else ""
