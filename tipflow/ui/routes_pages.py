"""The pages an analyst reads: the alert queue, an account, a network; and their files.

Every handler is synchronous on purpose: the source reads DuckDB and draws with Matplotlib,
both blocking, so FastAPI runs them on its thread pool.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from starlette.requests import Request

from tipflow.ui.actions import OUTCOMES, AlertState, replay
from tipflow.ui.context import UiContext
from tipflow.ui.graph import cytoscape_elements, legend
from tipflow.ui.queue import (
    PAGE_SIZES,
    SORTS,
    choices,
    default_order,
    kpis,
    parse_query,
    select,
)
from tipflow.ui.rendering import static_response

SORT_HEADINGS = {
    "account": "Account",
    "institution": "Institution",
    "score": "Risk",
    "crime": "Crime",
    "status": "Status",
    "assignee": "Assigned to",
}


def register(router: APIRouter, ui: UiContext) -> None:
    @router.get("/", response_class=HTMLResponse)
    def queue_page(request: Request) -> HTMLResponse:
        query = parse_query(request.query_params)
        alerts = ui.source.alerts()
        states = ui.actions.states()
        return ui.page(
            request,
            "queue.html.j2",
            query=query,
            queue=select(alerts, states, query),
            kpis=kpis(alerts, states),
            choices=choices(alerts),
            typology_names=ui.source.typology_names(),
            run=ui.source.run_summary(),
            headings=SORT_HEADINGS,
            sortable=SORTS,
            default_order=default_order,
            page_sizes=PAGE_SIZES,
        )

    @router.get("/accounts/{account_id:path}", response_class=HTMLResponse)
    def account_page(request: Request, account_id: str) -> HTMLResponse:
        return account_response(ui, request, account_id)

    @router.get("/timelines/{account_id:path}")
    def timeline_picture(request: Request, account_id: str) -> Response:
        if ui.source.account(account_id) is None:
            return ui.problem(request, 404, "There is no such account in these results.")
        svg = ui.pictures.svg(account_id, lambda: ui.source.account_flows(account_id))
        return Response(svg, media_type="image/svg+xml")

    @router.get("/networks/{network_id:path}", response_class=HTMLResponse)
    def network_page(request: Request, network_id: str) -> HTMLResponse:
        graph = ui.source.network(network_id)
        if graph is None:
            return ui.problem(request, 404, "There is no such network in these results.")
        members = [n for n in graph["nodes"] if n["kind"] == "account"]
        return ui.page(
            request,
            "network.html.j2",
            network=graph["network"],
            elements=cytoscape_elements(graph, ui.base),
            legend=legend(graph),
            members=members,
            states=ui.actions.states(),
            typology_names=ui.source.typology_names(),
        )

    @router.get("/static/{name}")
    def static(name: str) -> Response:
        return static_response(name)


def account_response(
    ui: UiContext,
    request: Request,
    account_id: str,
    *,
    problem: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The account page; ``problem`` (a refused action) is shown above the case actions."""
    detail = ui.source.account(account_id)
    if detail is None:
        return ui.problem(request, 404, "There is no such account in these results.")
    history = ui.actions.history(account_id)
    state = replay(history).get(account_id, AlertState())
    named_by: dict[str, list[str]] = {}
    for row in detail.evidence:
        for transaction_id in row.transaction_ids:
            named_by.setdefault(transaction_id, []).append(row.indicator_id)
    return ui.page(
        request,
        "account.html.j2",
        status_code=status_code,
        detail=detail,
        account=detail.result,
        state=state,
        history=list(reversed(history)),  # newest first
        outcomes=OUTCOMES,
        named_by=named_by,
        shown={t.transaction_id for t in detail.transactions},
        typology_names=ui.source.typology_names(),
        problem=problem,
    )
