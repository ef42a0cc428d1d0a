"""Write the readable case report: an index of the cases and one page per case.

The folder is self-contained and works offline: HTML, one CSS file and SVG pictures, no
script, nothing fetched from anywhere (the pages also say so to the browser with a content
security policy). Bank data is untrusted text, so every template escapes what it prints.
The same cases and results give byte-identical files.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import jinja2

from tipflow import __version__
from tipflow.engine.progress import ProgressSink, SilentProgress
from tipflow.report.cases import Case, case_file_stem
from tipflow.report.html.labels import FILTERS
from tipflow.report.html.network_picture import case_graph, draw_case_network
from tipflow.report.html.pages import case_page, index_row
from tipflow.report.html.run_info import read_run_summary
from tipflow.report.html.timeline import draw_timeline
from tipflow.report.html.workspace import read_case_flows, read_typology_names

CSS_NAME = "report.css"
CASES_FOLDER = "cases"
NETWORK_PICTURE = "network.svg"
TIMELINE_PICTURE = "timeline.svg"
PROGRESS_STEP = "Drawing case pages"


def write_html_report(
    cases: list[Case], results: Path, out_dir: Path, *, progress: ProgressSink | None = None
) -> Path:
    """Write ``out_dir/index.html``, ``out_dir/cases/<stem>.html`` with pictures in
    ``out_dir/cases/<stem>/`` and the style sheet; return the index's path.

    ``progress`` hears ``update(PROGRESS_STEP, percent)`` after each case (drawing the
    pictures takes a few tenths of a second per case); the caller starts and finishes the step.
    """
    sink = progress or SilentProgress()
    pages_dir = out_dir / CASES_FOLDER
    pages_dir.mkdir(parents=True, exist_ok=True)
    environment = template_environment()
    _write(out_dir / CSS_NAME, _package_text("static", CSS_NAME))
    flows = read_case_flows(results, cases)
    typology_names = read_typology_names(results)
    case_template = environment.get_template("case.html.j2")
    rows = []
    ranked = sorted(cases, key=lambda c: (-c.risk_score, c.case_id))
    for rank, case in enumerate(ranked, start=1):
        stem = case_file_stem(case.case_id)
        pictures = pages_dir / stem
        pictures.mkdir(exist_ok=True)
        draw_case_network(case_graph(case, results), pictures / NETWORK_PICTURE)
        draw_timeline(
            flows[case.case_id], pictures / TIMELINE_PICTURE, lone=case.network_id is None
        )
        page = case_page(case, typology_names)
        html = case_template.render(
            page=page,
            case=case,
            lone=case.network_id is None,
            rank=rank,
            of=len(ranked),
            flows=flows[case.case_id],
            network_src=f"{stem}/{NETWORK_PICTURE}",
            timeline_src=f"{stem}/{TIMELINE_PICTURE}",
            root="../",
            version=__version__,
        )
        _write(pages_dir / f"{stem}.html", html)
        rows.append(index_row(case, f"{CASES_FOLDER}/{stem}.html"))
        sink.update(PROGRESS_STEP, 100.0 * rank / len(ranked))
    index = out_dir / "index.html"
    _write(
        index,
        environment.get_template("index.html.j2").render(
            rows=rows, run=read_run_summary(results), root="", version=__version__
        ),
    )
    return index


def template_environment() -> jinja2.Environment:
    """Templates shipped in the package; escaping always on (``.j2`` names would otherwise
    slip past Jinja's choice by file extension)."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("tipflow.report.html", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(FILTERS)
    return environment


def _package_text(*parts: str) -> str:
    resource = resources.files("tipflow.report.html")
    for part in parts:
        resource = resource.joinpath(part)
    return resource.read_text(encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")
