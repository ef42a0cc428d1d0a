"""The FIU's pages of cross-institution networks: the list, and one network as a graph.

Both link the newest token upload of every institution now, through the function behind
``GET /fiu/networks`` (``networks.read_networks``, audited), so a page shows what the API
would answer. Network ids (XN-00001, ...) number the networks of one linkage: a new upload can
renumber them, and a page asked for a number that is gone says so.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.requests import Request

from tipflow.hub.auth import DbSession
from tipflow.hub.networks import read_networks
from tipflow.hub.views import organisation_names
from tipflow.hub.web.network_graph import network_elements, network_legend, node_id
from tipflow.hub.web.pages import Fiu, HubPages
from tipflow.share.linkage import MAX_SHARED


def register(router: APIRouter, web: HubPages) -> None:
    @router.get("/networks", response_class=HTMLResponse)
    def networks_page(request: Request, user: Fiu, session: DbSession) -> HTMLResponse:
        linked = read_networks(session, user, MAX_SHARED)
        return web.page(
            request,
            "networks.html.j2",
            user,
            linked=linked,
            result=linked.result,
            organisations=organisation_names(session),
        )

    @router.get("/networks/{network_id}", response_class=HTMLResponse)
    def network_page(
        request: Request, user: Fiu, session: DbSession, network_id: str
    ) -> HTMLResponse:
        linked = read_networks(session, user, MAX_SHARED)
        result = linked.result
        network = next((n for n in result.networks if n.network_id == network_id), None)
        if network is None:
            return web.problem(request, user, 404, "There is no such network now: new token "
                               "uploads may have renumbered them; see the list.")  # fmt: skip
        members = set(network.members)
        ties = [t for t in result.ties if t.a in members and t.b in members]
        degree = dict.fromkeys(network.members, 0)
        for tie in ties:
            degree[tie.a] += 1
            degree[tie.b] += 1
        return web.page(
            request,
            "network.html.j2",
            user,
            network=network,
            elements=network_elements(network, ties, result.flagged),
            legend=network_legend(network, ties),
            rows=[
                (node_id(m), m[0], m[1], m in result.flagged, degree[m]) for m in network.members
            ],
            organisations=organisation_names(session),
            organisation_of=linked.organisation_of,
        )
