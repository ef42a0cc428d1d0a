"""Case actions on an alert: what an analyst can do, and the alert's status that follows.

The record is an append-only log of actions; the status is never stored, it is derived by
replaying the log (:func:`replay`), so the log stays the one account of who decided what and
when. An alert is ``open`` until escalated or closed; a closed alert carries the outcome the
analyst gave (true positive, false positive, other) and reopens only by an explicit action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from tipflow.errors import TipflowError

STATUSES = ("open", "escalated", "closed")
OUTCOMES = {
    "true_positive": "True positive",
    "false_positive": "False positive",
    "other": "Other",
}
KINDS = ("assign", "comment", "escalate", "close", "reopen", "report")
NAME_LIMIT = 100
TEXT_LIMIT = 4000


class ActionRefused(TipflowError):
    """An action that the alert's state or the form's content does not allow."""


@dataclass(frozen=True)
class CaseAction:
    """One entry of the log. ``report``: a goAML STR was generated (``digest`` is its SHA-256)."""

    account_id: str
    kind: str  # one of KINDS
    actor: str
    at: dt.datetime  # UTC
    assignee: str | None = None
    outcome: str | None = None  # one of OUTCOMES, for close
    text: str | None = None  # a comment, an escalation's or closing's reason
    case_id: str | None = None
    digest: str | None = None
    action_id: int | None = None  # set by the log


@dataclass(frozen=True)
class AlertState:
    """Where an alert stands after its actions."""

    status: str = "open"
    assignee: str | None = None
    outcome: str | None = None
    reason: str | None = None  # the closing reason
    updated_at: dt.datetime | None = None
    actions: int = 0


def check_action(action: CaseAction) -> None:
    """Refuse an action whose content is incomplete or malformed, whatever the alert's state."""
    if action.kind not in KINDS:
        raise ActionRefused(f"unknown action {action.kind!r}")
    for label, value, limit in (
        ("name", action.assignee, NAME_LIMIT),
        ("analyst", action.actor, NAME_LIMIT),
        ("text", action.text, TEXT_LIMIT),
    ):
        if value is not None and len(value) > limit:
            raise ActionRefused(f"the {label} is longer than {limit} characters")
        if value is not None and any(ord(c) < 32 and c not in "\n\r\t" for c in value):
            raise ActionRefused(f"the {label} holds control characters")
    if not action.actor.strip():
        raise ActionRefused("the action names no analyst")
    if action.kind == "assign" and not (action.assignee or "").strip():
        raise ActionRefused("give the name of the analyst to assign the alert to")
    if action.kind == "comment" and not (action.text or "").strip():
        raise ActionRefused("a comment needs some text")
    if action.kind == "close":
        if action.outcome not in OUTCOMES:
            raise ActionRefused("choose the outcome: true positive, false positive or other")
        if action.outcome == "other" and not (action.text or "").strip():
            raise ActionRefused("closing as other needs a reason in words")
    if action.kind == "report" and not (action.case_id and action.digest):
        raise ActionRefused("a report action names its case and the report's digest")


def apply(state: AlertState, action: CaseAction) -> AlertState:
    """The state after ``action``; refused when the alert's status does not allow it."""
    kind = action.kind
    if kind == "escalate" and state.status != "open":
        raise ActionRefused(f"only an open alert can be escalated (this one is {state.status})")
    if kind == "close" and state.status == "closed":
        raise ActionRefused("the alert is already closed")
    if kind == "reopen" and state.status != "closed":
        raise ActionRefused("only a closed alert can be reopened")
    if kind == "assign" and state.status == "closed":
        raise ActionRefused("reopen the alert before assigning it")
    moved = replace(state, updated_at=action.at, actions=state.actions + 1)
    if kind == "assign":
        return replace(moved, assignee=action.assignee)
    if kind == "escalate":
        return replace(moved, status="escalated")
    if kind == "close":
        return replace(moved, status="closed", outcome=action.outcome, reason=action.text)
    if kind == "reopen":
        return replace(moved, status="open", outcome=None, reason=None)
    return moved  # comment, report: the status stays


def replay(actions: Iterable[CaseAction]) -> dict[str, AlertState]:
    """``{account_id: state}`` for every alert the actions (in log order) touch."""
    states: dict[str, AlertState] = {}
    for action in actions:
        states[action.account_id] = apply(states.get(action.account_id, AlertState()), action)
    return states
