"""Network rows: risk, crime, flag, and an explanation a reviewer can act on."""

from __future__ import annotations

import pytest

from tests.network.graph_tables import scored_workspace
from tipflow.network.communities import form_networks
from tipflow.network.settings import load_network_settings
from tipflow.network.summary import summarise_networks


def test_network_row_combines_its_members() -> None:
    con = scored_workspace(
        {
            "B1-ctrl": (0.8, True, "sex_trafficking", "controller"),
            "B2-v1": (0.6, True, "sex_trafficking", "victim"),
            "B2-v2": (0.5, True, "labour_trafficking", "victim"),
        },
        [("B1-ctrl", "B2-v1", "control", 0), ("B1-ctrl", "B2-v2", "control", 0)],
    )
    settings = load_network_settings()
    form_networks(con, settings)
    summarise_networks(con, settings)
    rows = con.execute(
        "SELECT network_id, risk_score, flagged, size, institutions, accounts, crime, "
        "typologies, explanation, lead_account_id FROM networks"
    ).fetchall()
    assert len(rows) == 1
    network, risk, flagged, size, institutions, accounts, crime, typologies, text, lead = rows[0]
    c = settings.corroboration
    assert risk == pytest.approx(1 - (1 - 0.8) * (1 - c * 0.6) * (1 - c * 0.5), abs=1e-6)
    assert (network, flagged, size, institutions) == ("NW-00001", True, 3, "B1;B2")
    assert accounts == "B1-ctrl;B2-v1;B2-v2"
    assert crime == "sex_trafficking"  # 1.4 of member risk against 0.5
    assert typologies.split(";")[0] == "t_sex_trafficking"
    assert lead == "B1-ctrl"
    assert "3 accounts at 2 institutions" in text and "2 control" in text
    assert "Start with B1-ctrl (controller)" in text
