"""Readable case reports: an index of the cases and one page per case, as an offline folder.

    write_html_report(cases, results, out_dir)   # out_dir/index.html, out_dir/cases/<stem>.html

Each case page shows the summary, the indicators with their evidence, a picture of the network,
a timeline of the money and tables of the transactions, accounts and parties.
"""

from __future__ import annotations

from tipflow.report.html.writer import write_html_report

__all__ = ["write_html_report"]
