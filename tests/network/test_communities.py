"""Forming networks: who is pulled in, what links them, when a component is split."""

from __future__ import annotations

from tests.network.graph_tables import networks_of, scored_workspace
from tipflow.network.communities import form_networks
from tipflow.network.settings import load_network_settings

ST = "sex_trafficking"


def test_flagged_accounts_tied_by_control_form_one_network() -> None:
    con = scored_workspace(
        {
            "B1-ctrl": (0.8, True, ST, "controller"),
            "B1-v1": (0.6, True, ST, "victim"),
            "B2-v2": (0.55, True, ST, "victim"),
            "B2-alone": (0.7, True, ST, "victim"),  # flagged, but tied to nobody
        },
        [("B1-ctrl", "B1-v1", "control", 0), ("B1-ctrl", "B2-v2", "device", 0)],
    )
    form_networks(con, load_network_settings())
    assert list(networks_of(con).values()) == [{"B1-ctrl", "B1-v1", "B2-v2"}]


def test_pull_in_needs_a_strong_tie_and_some_risk_of_its_own() -> None:
    con = scored_workspace(
        {
            "B1-ctrl": (0.8, True, ST, "controller"),
            "B1-v1": (0.6, True, ST, "victim"),
            "B1-quiet": (0.3, False, ST, "victim"),  # controlled, with weak signals: in
            "B1-landlord": (0.0, False, None, None),  # signed for nothing risky: out
            "B1-grocer": (0.4, False, None, None),  # only paid by them: out
        },
        [
            ("B1-ctrl", "B1-v1", "control", 0),
            ("B1-ctrl", "B1-quiet", "control", 0),
            ("B1-ctrl", "B1-landlord", "control", 0),
            ("B1-ctrl", "B1-grocer", "money", 9),
        ],
    )
    form_networks(con, load_network_settings())
    assert list(networks_of(con).values()) == [{"B1-ctrl", "B1-v1", "B1-quiet"}]


def test_two_rings_glued_by_one_weak_tie_are_split() -> None:
    scores: dict[str, tuple[float, bool, str | None, str | None]] = {}
    ties: list[tuple[str, str, str, int]] = []
    for ring in ("R", "S"):
        members = [f"B1-{ring}{i}" for i in range(6)]
        for member in members:
            scores[member] = (0.6, True, ST, "victim")
        ties += [(a, b, "device", 0) for i, a in enumerate(members) for b in members[i + 1 :]]
    ties.append(("B1-R0", "B1-S0", "money", 2))
    settings = load_network_settings({"split_from": 10})
    con = scored_workspace(scores, ties)
    form_networks(con, settings)
    assert sorted(map(sorted, networks_of(con).values())) == [
        [f"B1-R{i}" for i in range(6)],
        [f"B1-S{i}" for i in range(6)],
    ]
    # Below split_from, the same component stays whole: small networks are never cut.
    con = scored_workspace(scores, ties)
    form_networks(con, load_network_settings({"split_from": 13}))
    assert len(networks_of(con)) == 1


def test_network_ids_follow_risk_and_repeat_run_to_run() -> None:
    scores = {
        "B1-a": (0.6, True, ST, "victim"),
        "B1-b": (0.6, True, ST, "victim"),
        "B2-c": (0.9, True, ST, "controller"),
        "B2-d": (0.5, True, ST, "victim"),
    }
    ties = [("B1-a", "B1-b", "identifier", 0), ("B2-c", "B2-d", "same_holder", 12)]
    first = scored_workspace(scores, ties)
    form_networks(first, load_network_settings())
    assert networks_of(first) == {"NW-00001": {"B2-c", "B2-d"}, "NW-00002": {"B1-a", "B1-b"}}
    again = scored_workspace(scores, ties)
    form_networks(again, load_network_settings())
    assert networks_of(again) == networks_of(first)


def test_no_flagged_accounts_no_networks() -> None:
    con = scored_workspace({"B1-a": (0.1, False, None, None)}, [])
    form_networks(con, load_network_settings())
    assert networks_of(con) == {}
