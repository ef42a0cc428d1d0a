"""``tipflow report``: every format of every case, and a manifest that proves what was written.

One pass reads the cases (``cases.py``), then each writer renders the same facts: goAML STRs
for the FIU, a FollowTheMoney file for investigators' tools, readable pages for people. The
manifest (``report.json``) lists each file with its SHA-256, the profile used and the results
it came from, so a filed STR can later be traced to the screening run and shown unaltered:
part of the audit trail, not an afterthought.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tipflow import __version__
from tipflow.engine.progress import ProgressSink, SilentProgress, step
from tipflow.errors import DatasetError
from tipflow.report.cases import load_cases
from tipflow.report.ftm import write_ftm
from tipflow.report.goaml.profile import load_fiu_profile
from tipflow.report.goaml.writer import write_goaml_reports
from tipflow.report.html import write_html_report

MANIFEST_NAME = "report.json"


@dataclass(frozen=True)
class ReportSummary:
    cases: int
    goaml_files: list[Path]
    ftm_file: Path
    ftm_entities: int
    index: Path
    manifest: Path


def write_report(
    results: Path,
    out: Path,
    *,
    fiu_profile: Path | None = None,
    case_ids: list[str] | None = None,
    top: int | None = None,
    submitted: dt.datetime | None = None,
    progress: ProgressSink | None = None,
) -> ReportSummary:
    """Write OUT/goaml/*.xml, OUT/entities.ftm.jsonl, OUT/index.html (+ cases/) and the manifest.

    ``submitted`` fixes the goAML submission time (tests and re-runs that must be byte-identical);
    by default it is now, in UTC.
    """
    sink = progress or SilentProgress()
    profile = load_fiu_profile(fiu_profile)  # a bad profile fails before any work
    submitted = submitted or dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    with step(sink, "Reading cases"):
        cases = load_cases(results, case_ids=case_ids, top=top)
    out.mkdir(parents=True, exist_ok=True)
    _remove_earlier_report(out)
    with step(sink, "Writing goAML reports"):
        goaml_files = write_goaml_reports(cases, out / "goaml", profile, submitted=submitted)
    with step(sink, "Writing FollowTheMoney entities"):
        ftm_file = out / "entities.ftm.jsonl"
        ftm_counts = write_ftm(cases, ftm_file)
    with step(sink, "Drawing case pages"):
        index = write_html_report(cases, results, out, progress=sink)
    written = sorted(p for p in out.rglob("*") if p.is_file() and p.name != MANIFEST_NAME)
    manifest = out / MANIFEST_NAME
    document: dict[str, Any] = {
        "tipflow_version": __version__,
        "written_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "goaml_submission_date": submitted.isoformat(),
        "results": str(results.resolve()),
        "results_run": _run_identity(results),
        "fiu_profile": str(fiu_profile.resolve()) if fiu_profile else "generic (packaged)",
        "cases": [c.case_id for c in cases],
        "ftm_entities": ftm_counts.total,
        "files": [
            {"path": p.relative_to(out).as_posix(), "sha256": _sha256(p), "bytes": p.stat().st_size}
            for p in written
        ],
    }
    manifest.write_text(json.dumps(document, indent=2) + "\n", "utf-8")
    return ReportSummary(
        cases=len(cases),
        goaml_files=goaml_files,
        ftm_file=ftm_file,
        ftm_entities=ftm_counts.total,
        index=index,
        manifest=manifest,
    )


def _remove_earlier_report(out: Path) -> None:
    """Delete the files an earlier report listed in its manifest, so that a case dropped since
    (another ``--top``, a re-screened dataset) leaves no STR behind to be filed by mistake.
    Anything else in the folder is the user's and stays."""
    manifest = out / MANIFEST_NAME
    if not manifest.is_file():
        return
    try:
        listed = [entry["path"] for entry in json.loads(manifest.read_text("utf-8"))["files"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise DatasetError(manifest, f"not a tipflow report manifest ({exc})") from exc
    root = out.resolve()
    for relative in listed:
        path = (out / relative).resolve()
        if path.is_relative_to(root) and path.is_file():  # never outside the report folder
            path.unlink()
    manifest.unlink()


def _run_identity(results: Path) -> dict[str, Any]:
    """Which screening run the cases come from: run.json's version and configuration hash."""
    run = results / "run.json"
    if not run.is_file():
        return {}
    document = json.loads(run.read_text("utf-8"))
    return {
        key: document[key]
        for key in ("engine", "configuration_hash", "started_at", "dataset")
        if key in document
    } | {"run_json_sha256": _sha256(run)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
