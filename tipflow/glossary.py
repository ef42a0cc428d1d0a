"""The one glossary of tipflow: the words used in code, column names, messages and docs.

Every module, table and document uses these terms with these meanings; `tipflow --help` and
docs/glossary.md are written from this list (a test checks the doc names every term).
"""

from __future__ import annotations

from typing import Final

GLOSSARY: Final[dict[str, str]] = {
    "party": "A person or organisation known to a reporting institution (a customer, a signatory).",
    "account": "Where an institution holds value for a party: current, savings, card, wallet, "
    "loan.",
    "institution": "A reporting institution: a bank, credit union, money-service business or "
    "payment provider that holds accounts and files reports.",
    "transaction": "One movement of value from one account or outside counterparty to another.",
    "dataset": "One folder of tables written to the input contract by one or more institutions.",
    "workspace": "Where tipflow keeps the typed, checked tables of a dataset and everything later "
    "stages derive from them: a DuckDB file, or with the Spark engine a Spark database of "
    "Parquet tables.",
    "engine": "What runs the workspace's SQL: DuckDB, embedded (the default), or Apache Spark.",
    "quarantine": "Rows that break the input contract, kept aside with the reason, file and line, "
    "never dropped in silence.",
    "indicator": "A published red flag made measurable (e.g. HT-SEX-03): a figure per account "
    "compared with a threshold.",
    "typology": "A known scheme (e.g. a controller with several victims) recognised by a "
    "combination of indicators.",
    "evidence": "Why an indicator fired: the measured value, the threshold and the transactions.",
    "alert": "An account or network the engine recommends for human review (flagged).",
    "learned score": "A model's calibrated probability that an account is involved, learned "
    "from labelled worlds (`tipflow train`) and blended into the rules' risk (`--model`).",
    "model card": "The record kept with a trained model: its data, features, parameters, "
    "metrics, date, version and digest.",
    "entity": "One real person or organisation behind one or more parties, resolved within and "
    "across institutions; an account's holder is read as its entity.",
    "tie": "A typed link between two accounts: same holder, control, owner, device, shared "
    "identifier or premises, common beneficiary, repeated money.",
    "network": "A group of accounts tipflow links by money flows and shared attributes.",
    "look-alike": "An innocent population that resembles a typology (a lawful spa, a diaspora "
    "remitter); the share of it flagged is the false-positive rate that matters most.",
    "case": "What an analyst works and a report is about: a flagged network, or a flagged "
    "account outside any flagged network; later assigned, commented, escalated, closed.",
    "report": "A suspicious transaction report (STR) sent to a financial intelligence unit (FIU), "
    "in goAML XML; one per case (`tipflow report`).",
    "FIU profile": "The YAML file that adapts goAML reports to one FIU's edition: its reporting "
    "entity, report code and the codes its indicators and channels map to.",
    "disclosure": "Intelligence an FIU passes to police or back to an institution.",
    "feedback": "What an FIU or police tell a reporting institution about the use of its reports.",
    "tactical request": "A question the FIU or police send institutions through the hub about "
    "pseudonymised identifiers of their targets; each institution sees which targets its own "
    "tokens hold, and answers.",
    "typology set": "Typologies and the indicators they use, in tipflow's YAML, that the FIU "
    "publishes to members through the hub as numbered versions; members screen with it "
    "(`tipflow screen --typologies`), rate its typologies and report what they raised.",
    "data point": "An NGO's anonymised record of the money side of one survivor's case (how "
    "they were paid, debts, who controlled their accounts, channels, corridors), given with "
    "the survivor's consent, sealed at rest, deleted on request with a receipt.",
}


def glossary_markdown() -> str:
    """docs/glossary.md, written from :data:`GLOSSARY` (a test keeps the two the same)."""
    lines = [
        "# Glossary",
        "",
        "One meaning per word, used alike in code, column names, messages and these docs.",
        "Generated from `tipflow/glossary.py`: "
        "`python -c 'from tipflow.glossary import glossary_markdown as g; print(g(), end=\"\")'"
        " > docs/glossary.md`.",
        "",
    ]
    for term, meaning in GLOSSARY.items():
        lines.append(f"- **{term}**: {meaning}")
    return "\n".join(lines) + "\n"
