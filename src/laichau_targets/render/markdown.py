"""The report as GitHub-flavoured Markdown."""

from __future__ import annotations

import re

from ..messages import Texts
from ..report import Report
from .document import build_document

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def escape(text: str) -> str:
    """Text that Markdown shows as it is: no markup, no HTML, no table breaks."""
    return _SPECIAL.sub(r"\\\1", text)


def render(report: Report, texts: Texts) -> str:
    doc = build_document(report, texts)
    out = [f"# {escape(doc.title)}", ""]
    for line in doc.intro:
        out += [escape(line), ""]
    out += [f"**{escape(doc.headline)}**", "", f"## {escape(doc.table_title)}", ""]
    out.append("| " + " | ".join(escape(h) for h in doc.table.headers) + " |")
    out.append("|" + "|".join("---" for _ in doc.table.headers) + "|")
    for row in doc.table.rows:
        out.append("| " + " | ".join(escape(cell) for cell in row) + " |")
    for section in doc.sections:
        out += ["", f"## {escape(section.title)}"]
        for paragraph in section.paragraphs:
            out += ["", escape(paragraph)]
        if section.items:
            out.append("")
            out += [f"- {escape(item)}" for item in section.items]
    return "\n".join(out).rstrip("\n") + "\n"
