"""Property tests of the hub's OpenAPI with schemathesis: generated requests to every operation,
as an FIU analyst, a reporting entity and law enforcement, on SQLite and PostgreSQL.

Each answer must be no server error (5xx) and conform to the schema: a documented status code,
content type, headers and body. Examples are bounded and derandomised, so a run is repeatable
and takes seconds. (schemathesis' own pytest fixture loader does not work with pytest 9, so the
test walks the operations itself, with one hypothesis run per operation.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks
from schemathesis.core.failures import FailureGroup

from tests.hub.conftest import BACKENDS, Hub, running_hub

#: The callers each generated request is sent as (organisation key in the test world).
CALLERS = ("fiu", "bank_a", "police")
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
DOCUMENTATION_CHECKS = (checks.status_code_conformance, checks.response_schema_conformance)
EXAMPLES = settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(params=BACKENDS)
def schemathesis_hub(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_problem: str | None,
) -> Iterator[Hub]:
    """One populated hub per backend for all generated cases (state accumulates, as in use)."""
    folder = tmp_path_factory.mktemp(f"schemathesis-{request.param}")
    with running_hub(request.param, folder, postgres_problem) as hub:
        yield hub


#: Tags of routers still being written whose refusals (401/403, 422 with a message) are not
#: yet documented: only "no server error" and the content type are checked for them. Remove a
#: tag once its router declares ``responses=GUARDED`` and ``refusals(...)`` (tipflow.hub.auth).
PENDING_TAGS: frozenset[str] = frozenset()


def _exercise(operation: Any, hub: Hub) -> None:
    pending = PENDING_TAGS.intersection(operation.tags or ())
    applied = [check for check in CHECKS if not (pending and check in DOCUMENTATION_CHECKS)]

    @given(case=operation.as_strategy())
    @EXAMPLES
    def run(case: Any) -> None:
        for caller in CALLERS:
            case.call_and_validate(headers=hub.as_(caller), checks=applied)

    run()


def test_every_operation_conforms_and_never_fails(schemathesis_hub: Hub) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", schemathesis_hub.app)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation: Any = result.ok()  # type: ignore[union-attr]  # an Err raises: a bad schema
        operations += 1
        try:
            _exercise(operation, schemathesis_hub)
        except (AssertionError, FailureGroup) as exc:  # every operation's failure is reported
            failures.append(f"{operation.label}: {exc}")
    assert operations >= 15, "the schema lost operations"
    assert not failures, "\n\n".join(failures)
