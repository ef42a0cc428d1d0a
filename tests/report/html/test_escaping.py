"""Bank data is untrusted text: whatever a name or a description holds is shown, never run."""

from __future__ import annotations

from pathlib import Path

from tests.report.html.reading import network_references
from tipflow.report.cases import Case, case_file_stem
from tipflow.report.html import write_html_report

SCRIPT = '<script>alert("tipflow")</script>'
IMAGE = '<img src=x onerror="alert(1)">'
# Mathtext, a broken XML comment and a URL in a counterparty's name, as labels in a picture.
COUNTERPARTY = "$\\frac{1}{0}$ --> http://evil.example/ <script>"


def _hostile(case: Case) -> Case:
    """The case with hostile text in every kind of field the pages print (and as a lone
    account, so that its picture is drawn from the transactions carrying that text)."""
    party = case.parties[0].model_copy(
        update={"name": SCRIPT, "address": IMAGE, "email": "a@b.example\"'><b>"}
    )
    first, *rest = case.transactions
    transaction = first.model_copy(
        update={"description": IMAGE + SCRIPT, "counterparty_name": COUNTERPARTY,
                "from_account_id": case.accounts[0].account_id, "to_account_id": None,
                "counterparty_account": None}
    )  # fmt: skip
    evidence = case.evidence[0].model_copy(
        update={"detail": "</td></tr></table>" + SCRIPT, "indicator_name": SCRIPT}
    )
    account = case.accounts[0].model_copy(update={"explanation": "</p>" + SCRIPT})
    return case.model_copy(
        update={
            "case_id": case.case_id,
            "network_id": None,
            "explanation": "<b>bold</b> & " + SCRIPT,
            "typologies": (*case.typologies, "<i>typology</i>"),
            "parties": (party, *case.parties[1:]),
            "transactions": (transaction, *rest),
            "evidence": (evidence, *case.evidence[1:]),
            "accounts": (account, *case.accounts[1:]),
        }
    )


def test_hostile_text_is_escaped_everywhere(
    screened_results: Path, cases: list[Case], tmp_path: Path
) -> None:
    case = _hostile(next(c for c in reversed(cases) if c.transactions and c.evidence))
    write_html_report([case], screened_results, tmp_path)
    page = (tmp_path / "cases" / f"{case_file_stem(case.case_id)}.html").read_text("utf-8")
    index = (tmp_path / "index.html").read_text("utf-8")
    for text in (page, index):
        assert "<script" not in text.lower()
        assert "<b>bold" not in text and "<i>typology" not in text
    assert "&lt;script&gt;alert(&#34;tipflow&#34;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; " in page
    assert "a@b.example&#34;&#39;&gt;&lt;b&gt;" in page
    for picture in (tmp_path / "cases" / case_file_stem(case.case_id)).glob("*.svg"):
        svg = picture.read_text("utf-8")
        assert "<script" not in svg.lower(), picture.name
        assert network_references(svg) == [], picture.name


def test_a_hostile_case_id_stays_inside_the_folder(
    screened_results: Path, cases: list[Case], tmp_path: Path
) -> None:
    case = cases[-1].model_copy(update={"case_id": "../../<script>x</script>"})
    write_html_report([case], screened_results, tmp_path / "report")
    pages = list((tmp_path / "report" / "cases").glob("*.html"))
    assert [p.name for p in pages] == [f"{case_file_stem(case.case_id)}.html"]
    assert not list(tmp_path.glob("*.html"))
    assert "<script" not in (tmp_path / "report" / "index.html").read_text("utf-8")
