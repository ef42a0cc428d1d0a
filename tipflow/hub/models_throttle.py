"""Failed-login counters (SQLAlchemy ORM; migration 0008 creates the table): one row per
e-mail and per client address that failed to log in lately (``tipflow.hub.throttle``).

Kept in the database, not in a process, so that every worker process of the hub counts the
same attempts. A row's ``key`` is a keyed hash (HMAC-SHA256 under a key derived from the
hub's secret) of the e-mail or the address: the table holds neither, nor whether the e-mail
is a user's (unknown e-mails are counted the same way).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tipflow.hub.models import Base


class LoginThrottleRow(Base):
    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: ``user`` (an e-mail) or ``address`` (a client address; an IPv6 /64).
    scope: Mapped[str] = mapped_column(String(16))
    #: Failed logins since ``window_started_at`` (the first of them).
    failures: Mapped[int] = mapped_column(default=0)
    window_started_at: Mapped[dt.datetime]
    #: Logins are refused, without checking the password, until this time.
    locked_until: Mapped[dt.datetime | None]
    #: When a refused attempt was last written to the audit chain (at most once a minute).
    refusal_audited_at: Mapped[dt.datetime | None]
    #: When the row stops mattering (window and lockout over): stale rows are deleted.
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)
