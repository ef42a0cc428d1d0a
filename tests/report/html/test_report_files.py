"""The written report folder: a page per case, links that resolve, nothing from elsewhere,
the same bytes every time."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.report.html.reading import network_references, read_page
from tipflow.report.cases import Case, case_file_stem
from tipflow.report.html import write_html_report
from tipflow.report.html.writer import PROGRESS_STEP

CONFIDENTIAL = (
    "CONFIDENTIAL</strong> — contains personal data of possible victims; "
    "handle under your institution's rules."
)


def _pages(report: Path) -> list[Path]:
    return [report / "index.html", *sorted((report / "cases").glob("*.html"))]


def test_every_case_has_a_page_and_two_pictures(html_report: Path, cases: list[Case]) -> None:
    assert cases, "the fixture world must give cases"
    for case in cases:
        stem = case_file_stem(case.case_id)
        page = html_report / "cases" / f"{stem}.html"
        assert page.is_file(), case.case_id
        assert f"Case {case.case_id}" in page.read_text("utf-8")
        for picture in ("network.svg", "timeline.svg"):
            path = html_report / "cases" / stem / picture
            root = ET.parse(path).getroot()  # well-formed XML, an SVG with a size
            assert root.tag == "{http://www.w3.org/2000/svg}svg"
            assert float(root.attrib["width"].removesuffix("pt")) > 100
            assert len(root) > 1, f"{path} draws nothing"
    assert len(list((html_report / "cases").glob("*.html"))) == len(cases)


def test_index_lists_cases_riskiest_first(html_report: Path, cases: list[Case]) -> None:
    links = [
        link for link in read_page(html_report / "index.html").links if link.startswith("cases/")
    ]
    ranked = sorted(cases, key=lambda c: (-c.risk_score, c.case_id))
    assert links == [f"cases/{case_file_stem(c.case_id)}.html" for c in ranked]


def test_every_link_resolves(html_report: Path) -> None:
    """Files linked from each page exist; every #fragment names an element of its page."""
    pages = _pages(html_report)
    ids = {page: read_page(page).ids for page in pages}
    for page in pages:
        for link in read_page(page).links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{page.name}: {link} leaves the folder"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.name}: {link} points to nothing"
            assert html_report.resolve() in target.parents, f"{page.name}: {link} leaves it"
            if parts.fragment:
                assert parts.fragment in ids[target], f"{page.name}: no #{parts.fragment}"


def test_evidence_names_transactions_that_the_table_lists(
    html_report: Path, cases: list[Case]
) -> None:
    case = max(cases, key=lambda c: len(c.transactions))
    page = read_page(html_report / "cases" / f"{case_file_stem(case.case_id)}.html")
    proof = {link for link in page.links if link.startswith("#tx-")}
    assert len(proof) == len(case.transactions)
    assert {f"#tx-{case_file_stem(t.transaction_id)}" for t in case.transactions} == proof


def test_nothing_refers_to_the_network(html_report: Path) -> None:
    written = sorted(p for p in html_report.rglob("*") if p.is_file())
    assert {p.suffix for p in written} == {".html", ".css", ".svg"}
    for path in written:
        text = path.read_text("utf-8")
        assert network_references(text) == [], path
        assert "<script" not in text.lower(), path
    css = (html_report / "report.css").read_text("utf-8")
    assert "@import" not in css and "url(" not in css


def test_every_page_carries_the_confidential_banner(html_report: Path) -> None:
    for page in _pages(html_report):
        assert CONFIDENTIAL in page.read_text("utf-8"), page.name


def test_labels_are_plain_english(html_report: Path, cases: list[Case]) -> None:
    index = " ".join(read_page(html_report / "index.html").text)
    for case in cases:
        for code in (case.crime, *case.typologies):
            if code and "_" in code:
                assert code not in index, f"{code} shown as a code"
    assert "Labour trafficking" in index or "Sex trafficking" in index


def test_same_input_gives_the_same_bytes(
    html_report: Path, screened_results: Path, cases: list[Case], tmp_path: Path
) -> None:
    again = tmp_path / "again"
    write_html_report(cases, screened_results, again)
    first = {p.relative_to(html_report): p.read_bytes() for p in html_report.rglob("*")
             if p.is_file()}  # fmt: skip
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    changed = [str(path) for path in first if first[path] != second[path]]
    assert changed == []


class _Recorder:
    def __init__(self) -> None:
        self.updates: list[tuple[str, float]] = []

    def start(self, step: str) -> None:
        return None

    def update(self, step: str, percent: float) -> None:
        self.updates.append((step, percent))

    def finish(self, step: str) -> None:
        return None


def test_progress_is_reported_per_case(
    screened_results: Path, cases: list[Case], tmp_path: Path
) -> None:
    recorder = _Recorder()
    write_html_report(cases[-2:], screened_results, tmp_path, progress=recorder)
    assert recorder.updates == [(PROGRESS_STEP, 50.0), (PROGRESS_STEP, 100.0)]
