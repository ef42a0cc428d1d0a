"""The closed registry of measures: the only code an indicator file can name.

An indicator's YAML names a measure by its ``name``; nothing is ever imported by a path read
from a data file. Add a measure by writing it in a module here and listing it below.
"""

from __future__ import annotations

from tipflow.detect.measures.activity import (
    CASH_EVENTS,
    INBOUND_FAN_IN,
    MERCHANT_ACTIVITY,
    PREPAID_EVENTS,
)
from tipflow.detect.measures.arrivals import RECRUIT_AND_RECEIVE
from tipflow.detect.measures.base import Measure, QueryMeasure, WindowMeasure
from tipflow.detect.measures.context import (
    COMMON_COUNTERPARTY,
    EVIDENCE_COUNTERPARTY,
    LINKED_EVIDENCE,
    SHARED_RECIPIENT,
    TIED_TO_ALERTS,
)
from tipflow.detect.measures.escrow import ESCROW_RELEASE
from tipflow.detect.measures.flows import FOLLOWS, SWEEP_OUT
from tipflow.detect.measures.identity import (
    DEVICE_ACCOUNTS,
    OPENED_TOGETHER,
    SHARED_IDENTIFIER,
    THIRD_PARTY_CONTROL,
    WATCHLIST_HIT,
)
from tipflow.detect.measures.mix import CREDITS, FLOW_MIX, PLACES
from tipflow.detect.measures.peers import (
    ADDRESS_CROWD,
    BUSY_DAYS,
    LIVES_AT_BUSINESS,
    MERCHANT_AFTER_HOURS,
    OWNER_TRANSFERS,
    PEER_OUTLIER,
    REPEAT_PAYERS,
)
from tipflow.detect.measures.profile import INCOME_MISMATCH
from tipflow.detect.measures.shapes import BURST, CYCLE, RELAY
from tipflow.detect.measures.transfers import (
    KEYWORD_TRANSACTIONS,
    OUTBOUND_TRANSFERS,
    THRESHOLD_BAND,
)

MEASURES: dict[str, Measure] = {
    measure.name: measure
    for measure in (
        MERCHANT_ACTIVITY,
        INBOUND_FAN_IN,
        CASH_EVENTS,
        SWEEP_OUT,
        FOLLOWS,
        SHARED_IDENTIFIER,
        DEVICE_ACCOUNTS,
        THIRD_PARTY_CONTROL,
        OPENED_TOGETHER,
        WATCHLIST_HIT,
        KEYWORD_TRANSACTIONS,
        OUTBOUND_TRANSFERS,
        THRESHOLD_BAND,
        COMMON_COUNTERPARTY,
        LINKED_EVIDENCE,
        SHARED_RECIPIENT,
        CREDITS,
        FLOW_MIX,
        PLACES,
        PEER_OUTLIER,
        ADDRESS_CROWD,
        BUSY_DAYS,
        MERCHANT_AFTER_HOURS,
        REPEAT_PAYERS,
        OWNER_TRANSFERS,
        TIED_TO_ALERTS,
        LIVES_AT_BUSINESS,
        PREPAID_EVENTS,
        RELAY,
        BURST,
        CYCLE,
        RECRUIT_AND_RECEIVE,
        ESCROW_RELEASE,
        EVIDENCE_COUNTERPARTY,
        INCOME_MISMATCH,
    )
}

__all__ = ["MEASURES", "Measure", "QueryMeasure", "WindowMeasure"]
