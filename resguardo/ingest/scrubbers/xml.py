"""XML parts written again, through an `XmlRule` that says what one kind of part loses.

Every XML part is parsed with defusedxml (no DTD except in an EPUB package, as in
extraction; no entities, nothing external) and written again with its prefixes and
namespace declarations as they were, because Word refuses a part whose declarations moved.
A part that loses nothing stays byte for byte.
"""

import re
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl

import defusedxml.sax

from resguardo.ingest import archives

XML_NS = "http://www.w3.org/XML/1998/namespace"


# XML parts, written again with their prefixes


class XmlRule:
    """What one kind of XML part loses. Names are in Clark notation: {namespace}local."""

    def drop(self, path: list[str], attrs: dict[str, str]) -> bool:
        """Whether the element at the end of `path` goes, with everything inside it."""
        return False

    def text(self, name: str) -> str | None:
        """New text for elements called `name`, whose content then goes; None: unchanged."""
        return None

    def attribute(self, element: str, name: str, value: str) -> str | None:
        """The attribute's new value; None removes it."""
        return value


class _Copy(ContentHandler):
    def __init__(self, rule: XmlRule) -> None:
        super().__init__()
        self.rule, self.out, self.changed = rule, [""], set[str]()
        self.scopes: list[dict[str, str]] = [{"xml": XML_NS, "": ""}]
        self.stack: list[tuple[str, str, str]] = []  # (clark name, qname, keep|text|drop)
        self.open = False

    def _clark(self, qname: str, attribute: bool = False) -> str:
        prefix, colon, local = qname.rpartition(":")
        if colon:
            namespace = self.scopes[-1].get(prefix, prefix)
        else:  # an attribute without a prefix is in no namespace, an element in the default one
            namespace = "" if attribute else self.scopes[-1][""]
        return f"{{{namespace}}}{local}" if namespace else local

    def _close(self) -> None:
        if self.open:
            self.out.append(">")
            self.open = False

    def startElement(self, name: str, attrs: AttributesImpl) -> None:  # noqa: N802 (SAX API)
        if self.stack and self.stack[-1][2] != "keep":
            self.stack.append(("", name, "drop"))
            return
        scope = dict(self.scopes[-1])
        for key, value in attrs.items():
            if key == "xmlns" or key.startswith("xmlns:"):
                scope[key[6:]] = value
        self.scopes.append(scope)
        clark = self._clark(name)
        values = {self._clark(k, True): v for k, v in attrs.items() if not k.startswith("xmlns")}
        if self.rule.drop([*(s[0] for s in self.stack), clark], values):
            self.changed.add(clark)
            self.stack.append((clark, name, "drop"))
            return
        self._close()
        self.out.append("<" + name + self._attributes(clark, attrs))
        self.open = True
        self._replace_text(clark, name)

    def _attributes(self, element: str, attrs: AttributesImpl) -> str:
        written = []
        for key, value in attrs.items():
            new = value if key.startswith("xmlns") else \
                self.rule.attribute(element, self._clark(key, True), value)
            if new != value:
                self.changed.add(self._clark(key, True))
            if new is not None:
                written.append(f' {key}="{escape(new, attribute=True)}"')
        return "".join(written)

    def _replace_text(self, clark: str, name: str) -> None:
        text = self.rule.text(clark)
        if text is None:
            self.stack.append((clark, name, "keep"))
            return
        self.changed.add(clark)
        self._close()
        self.out.append(escape(text))
        self.stack.append((clark, name, "text"))

    def endElement(self, name: str) -> None:  # noqa: N802 (SAX API)
        clark, qname, mode = self.stack.pop()
        if mode == "drop" and not clark:
            return
        self.scopes.pop()
        if mode == "drop":
            return
        self.out.append("/>" if self.open else f"</{qname}>")
        self.open = False

    def characters(self, content: str) -> None:
        if not self.stack or self.stack[-1][2] == "keep":
            self._close()
            self.out.append(escape(content))

    def ignorableWhitespace(self, whitespace: str) -> None:  # noqa: N802 (SAX API)
        self.characters(whitespace)

    def processingInstruction(self, target: str, data: str) -> None:  # noqa: N802 (SAX API)
        if not self.stack or self.stack[-1][2] == "keep":
            self._close()
            self.out.append(f"<?{target} {data}?>")


def escape(text: str, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r", "&#13;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text


_STANDALONE = re.compile(rb"standalone\s*=\s*[\"']yes")


def rewrite_xml(data: bytes, rule: XmlRule, doctype: bool = False) -> tuple[bytes, set[str]]:
    """`data` as `rule` wants it (comments go too), and the names that changed. A document
    type declaration is refused unless `doctype` (where the extractor allows one: the OPF)."""
    copy = _Copy(rule)
    # the same rules as archives.parse_xml: no DTD, no entities, nothing external
    defusedxml.sax.parseString(data, copy, forbid_dtd=not doctype)
    if not copy.changed and b"<!--" not in data:
        return data, copy.changed  # untouched parts stay byte for byte
    standalone = ' standalone="yes"' if _STANDALONE.search(data[:200]) else ""
    copy.out[0] = f'<?xml version="1.0" encoding="UTF-8"{standalone}?>\n'
    return "".join(copy.out).encode(), copy.changed


def children(data: bytes, under: str | None = None) -> list[str]:
    """Local names of the elements with content below the root (or below `under`)."""
    root = archives.parse_xml(data)
    parent = root.find(under) if under else root
    return [child.tag.rpartition("}")[2] for child in (parent if parent is not None else [])
            if (child.text or "").strip() or len(child) or child.attrib]


def names(changed: set[str]) -> str:
    return ", ".join(sorted({re.sub(r"^rsid.*", "rsid", c.rpartition("}")[2]) for c in changed}))


