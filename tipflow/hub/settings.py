"""The hub's settings: where its database lives, the secret tokens are hashed with, limits."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from tipflow.errors import ConfigError

#: Environment variables the settings read when an option is not given.
ENV_DATABASE_URL = "TIPFLOW_HUB_DATABASE_URL"
ENV_DATA_DIR = "TIPFLOW_HUB_DATA_DIR"
ENV_SECRET = "TIPFLOW_HUB_SECRET"
ENV_DATA_KEY = "TIPFLOW_HUB_DATA_KEY"
ENV_SECURE_COOKIE = "TIPFLOW_HUB_SECURE_COOKIE"
#: Login throttling's settings, each from ``TIPFLOW_HUB_`` and its name in capitals.
LOGIN_LIMITS = (
    "login_max_failures",
    "login_window_minutes",
    "login_lockout_minutes",
    "login_max_failures_per_address",
)
SECRET_FILE = "hub_secret"
DATA_KEY_FILE = "hub_data_key"


class HubSettings(BaseModel):
    """Everything ``create_app`` needs; every field has a safe default for one machine."""

    model_config = ConfigDict(frozen=True)

    data_dir: Path = Field(default_factory=lambda: Path(os.environ.get(ENV_DATA_DIR, "hub-data")))
    #: SQLAlchemy URL; default: ``sqlite:///<data_dir>/hub.sqlite3``.
    database_url: str | None = None
    #: Connections kept open to a server database (PostgreSQL). Sized to the request threads
    #: that use them at once: a smaller pool opens and closes a connection per request under
    #: load (a PostgreSQL backend process each time), which capped intake at ~160/s.
    database_pool_size: int = Field(default=20, ge=1, le=200)
    #: Key of the HMAC tokens are stored under; default: generated once into data_dir.
    secret: SecretStr | None = None
    #: Fernet key(s) sealing sensitive fields at rest (NGO case data points), comma-separated:
    #: the first seals, every one opens (rotation). Default: generated once into data_dir.
    data_key: SecretStr | None = None
    #: Aggregates of NGO case data points hide every count below this (small-cell suppression).
    ngo_min_cell: int = Field(default=5, ge=1)
    session_hours: float = Field(default=8.0, gt=0)
    #: Login throttling (``tipflow.hub.throttle``): after this many failed logins for one
    #: e-mail within ``login_window_minutes`` (known or not, alike), its logins are refused for
    #: ``login_lockout_minutes`` without checking the password (the API answers 429 with
    #: Retry-After). A successful login resets the e-mail's count.
    login_max_failures: int = Field(default=5, ge=1)
    login_window_minutes: float = Field(default=15.0, gt=0)
    login_lockout_minutes: float = Field(default=15.0, gt=0)
    #: The same for one client address (an IPv6 /64), whatever the e-mails tried, so that one
    #: address cannot try passwords on many accounts. 0: no limit per address (when every
    #: request seems to come from one proxy; uvicorn trusts X-Forwarded-For from 127.0.0.1).
    login_max_failures_per_address: int = Field(default=20, ge=0)
    #: Whether the web pages' session cookie is ``Secure`` (sent over HTTPS only). None: yes,
    #: unless the pages are asked for at a loopback address (127.0.0.1, localhost) over HTTP.
    secure_cookie: bool | None = None
    max_report_bytes: int = Field(default=64 * 1024 * 1024, gt=0)
    #: Bring the database schema to the newest migration when the app starts.
    migrate_on_start: bool = True
    #: argon2 cost; lower only in tests (the defaults are argon2-cffi's RFC 9106 low-memory).
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=65536, ge=64)

    @classmethod
    def from_environment(
        cls, *, database_url: str | None = None, data_dir: Path | None = None
    ) -> HubSettings:
        """Options given win over the environment, the environment over the defaults."""
        values: dict[str, object] = {}
        url = database_url or os.environ.get(ENV_DATABASE_URL)
        if url:
            values["database_url"] = url
        if data_dir is not None:
            values["data_dir"] = data_dir
        for variable, field in ((ENV_SECRET, "secret"), (ENV_DATA_KEY, "data_key")):
            if os.environ.get(variable):
                values[field] = SecretStr(os.environ[variable])
        if os.environ.get(ENV_SECURE_COOKIE):  # "1"/"true" or "0"/"false", as pydantic reads
            values["secure_cookie"] = os.environ[ENV_SECURE_COOKIE]
        for field in LOGIN_LIMITS:  # numbers as text: pydantic converts and checks them
            if os.environ.get(f"TIPFLOW_HUB_{field.upper()}"):
                values[field] = os.environ[f"TIPFLOW_HUB_{field.upper()}"]
        return cls.model_validate(values)

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(self.data_dir / 'hub.sqlite3').resolve()}"

    def resolved_secret(self) -> bytes:
        """The token secret: given, or read from (first created in) ``data_dir/hub_secret``.

        Kept in a file so that tokens made by ``tipflow hub admin create-token`` stay valid for
        the server started on the same data folder.
        """
        if self.secret is not None:
            return self.secret.get_secret_value().encode("utf-8")
        value = self._key_file(SECRET_FILE, "the hub secret", lambda: secrets.token_hex(32))
        if len(value) < 32:
            path = self.data_dir / SECRET_FILE
            raise ConfigError(f"{path}: the hub secret is too short (32 characters at least)")
        return value.encode("ascii")

    def resolved_data_keys(self) -> list[bytes]:
        """The Fernet keys sealing data at rest: given, or read from (first created in)
        ``data_dir/hub_data_key``. Checked when the hub opens (``sealing.Sealer``)."""
        text = self.data_key.get_secret_value() if self.data_key is not None else None
        if text is None:
            text = self._key_file(DATA_KEY_FILE, "the data key", _new_fernet_key)
        return [key.strip().encode("ascii") for key in text.split(",") if key.strip()]

    def _key_file(self, name: str, what: str, make: Callable[[], str]) -> str:
        """A key kept in ``data_dir`` (mode 0600), created once, so that the CLI's admin
        commands and the server started on the same folder share it."""
        path = self.data_dir / name
        try:
            if not path.exists():
                self.data_dir.mkdir(parents=True, exist_ok=True)
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                    handle.write(make())
            return path.read_text("ascii").strip()
        except OSError as exc:
            raise ConfigError(f"{path}: {what} cannot be read or created ({exc})") from exc


def _new_fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode("ascii")
