"""The glossary in code and in docs/glossary.md say the same thing."""

from __future__ import annotations

from pathlib import Path

from tipflow.glossary import GLOSSARY, glossary_markdown

REPO = Path(__file__).resolve().parents[1]


def test_docs_glossary_is_generated_from_code() -> None:
    assert (REPO / "docs" / "glossary.md").read_text("utf-8") == glossary_markdown()


def test_glossary_names_the_terms_of_the_brief() -> None:
    brief = (
        "party account institution transaction indicator typology evidence alert network "
        "case report disclosure feedback"
    )
    assert set(brief.split()) <= set(GLOSSARY)
