"""A throwaway PostgreSQL cluster for the tests of the server store.

Started once per test session from the distribution's binaries (``initdb``/``pg_ctl``, found on
PATH, by ``pg_config --bindir`` or under /usr/lib/postgresql), listening only on a Unix socket
in a temporary folder, with fsync off; stopped and removed at the end. Each test gets a new
database. ``ANNOTATOR_TEST_POSTGRESQL`` (a superuser's URL) uses a running server instead.
Without PostgreSQL the server tests are skipped, unless ``ANNOTATOR_REQUIRE_POSTGRESQL`` is set
(CI sets it: there they must run).
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

_counter = itertools.count()


def _binaries() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    pg_config = shutil.which("pg_config")
    if pg_config:
        bindir = Path(subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout.strip())
        if (bindir / "pg_ctl").exists():
            return bindir
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    return Path(candidates[-1]).parent if candidates else None


def _unavailable(reason: str):
    if os.environ.get("ANNOTATOR_REQUIRE_POSTGRESQL"):
        pytest.fail(f"PostgreSQL is required here (ANNOTATOR_REQUIRE_POSTGRESQL) but {reason}")
    pytest.skip(f"no PostgreSQL server for the server store's tests: {reason}")


class Cluster:
    """A running server: ``url(database, user)`` names a database on it."""

    def __init__(self, fast: bool = True):
        self.fast = fast  # fsync off: the tests' data is thrown away (a benchmark keeps the defaults)
        self.folder: Path | None = None
        self.bindir: Path | None = None
        self.admin_url = os.environ.get("ANNOTATOR_TEST_POSTGRESQL")
        self.socket: str | None = None
        self.started = False
        self.databases: list[str] = []
        self.roles: list[str] = []
        self.asks_passwords = False  # only the cluster started here is known to

    def start(self) -> None:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            _unavailable("psycopg is not installed")
        if self.admin_url:
            return
        self.bindir = _binaries()
        if self.bindir is None:
            _unavailable("initdb and pg_ctl were not found")
        self.folder = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
        self.socket = str(self.folder)
        data = self.folder / "data"
        demote = None
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # initdb refuses to run as root
            import pwd

            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                _unavailable("running as root and there is no 'postgres' user to run the server as")
            os.chown(self.folder, user.pw_uid, user.pw_gid)

            def demote():
                os.setgid(user.pw_gid)
                os.setuid(user.pw_uid)
        run = dict(preexec_fn=demote, capture_output=True, text=True)
        done = subprocess.run([str(self.bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                               "-E", "UTF8", "--no-sync", "--no-locale"], **run)
        if done.returncode:
            _unavailable(f"initdb failed: {done.stderr.strip()}")
        # Members of password_users must give their password (the others are trusted): a test
        # of what a password in a URL does needs a server that asks for it.
        hba = data / "pg_hba.conf"
        hba.write_text("local all +password_users scram-sha-256\n" + hba.read_text())
        done = subprocess.run([str(self.bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(self.folder / "log"),
                               "-o", f"-k {self.socket} -c listen_addresses=''" + (
                                   " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
                                   if self.fast else ""), "start"], **run)
        if done.returncode:
            log = (self.folder / "log").read_text(errors="replace") if (self.folder / "log").exists() else ""
            _unavailable(f"the server did not start: {done.stderr.strip()} {log[-500:]}")
        self.started = True
        self.admin_url = self.url("postgres")
        self.admin("CREATE ROLE password_users NOLOGIN")
        self.asks_passwords = True

    def start_or_exit(self) -> None:
        """start() outside pytest: a server that cannot start ends the program with the reason."""
        try:
            self.start()
        except BaseException as exc:  # pytest's skip and fail outcomes are BaseExceptions
            if isinstance(exc, KeyboardInterrupt):
                raise
            self.stop()
            sys.exit(f"no PostgreSQL server: {exc}")

    def stop(self) -> None:
        if self.admin_url and not self.started and self.databases + self.roles:
            self._drop_what_tests_made()
        if self.started:
            subprocess.run([str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
                           capture_output=True, preexec_fn=_demote_like(self.folder))
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str, user: str = "postgres") -> str:
        if self.socket is None:  # a server given by URL: same host, another database/user
            from urllib.parse import urlsplit, urlunsplit

            parts = urlsplit(self.admin_url)
            netloc = parts.netloc.rpartition("@")[2]
            return urlunsplit((parts.scheme, f"{user}@{netloc}", f"/{database}", parts.query, ""))
        return f"postgresql://{user}@/{database}?host={self.socket}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, owner: str = "postgres") -> str:
        name = f"t{os.getpid()}_{next(_counter)}"
        self.admin(f'CREATE DATABASE {name} OWNER "{owner}"')
        self.databases.append(name)
        return name

    def create_role(self, name: str, options: str = "LOGIN") -> None:
        """A role for a test (dropped at the end on a server that outlives the tests)."""
        self.admin(f"CREATE ROLE {name} {options}")
        self.roles.append(name)

    def _drop_what_tests_made(self) -> None:
        # A server given by ANNOTATOR_TEST_POSTGRESQL is someone's: leave it as found.
        for name in self.databases:
            self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        for name in reversed(self.roles):
            self.admin(f"DROP ROLE IF EXISTS {name}")


def _demote_like(folder: Path):
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return None
    stat = folder.stat()

    def demote():
        os.setgid(stat.st_gid)
        os.setuid(stat.st_uid)
    return demote


if sys.platform == "win32":  # pragma: no cover - the tests' own cluster needs a Unix socket
    Cluster.start = lambda self: _unavailable("the throwaway cluster is started on Unix only; "
                                              "set ANNOTATOR_TEST_POSTGRESQL")
