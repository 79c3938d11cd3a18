"""Where a project lives: a file path, or a ``postgresql://`` URL naming a database on a server.

Kept apart from the server store so that telling the two apart needs neither psycopg (an
optional extra) nor a connection.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SERVER_SCHEMES = ("postgresql", "postgres")


def is_server_url(location: object) -> bool:
    """True for a ``postgresql://`` (or ``postgres://``) URL, given as a string."""
    if not isinstance(location, str):
        return False
    scheme, sep, _ = location.partition("://")
    return bool(sep) and scheme.lower() in SERVER_SCHEMES


def shown_url(url: str) -> str:
    """The URL without its password, for messages and window titles (also a URL too broken
    to parse: whatever stands between the user name and the host goes)."""
    try:
        parts = urlsplit(url)
        password, port = parts.password, parts.port
    except ValueError:  # "postgresql://[bad", a port out of range: the server's reply will say
        return re.sub(r"^([^:/]+://[^:@/]*):[^@/]*@", r"\1@", url)
    if password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address goes back in brackets
        host = f"[{host}]"
    netloc = (f"{parts.username}@" if parts.username else "") + host + (f":{port}" if port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def project_location(value: str | Path) -> str | Path:
    """A command line's PROJECT argument: a server URL stays a string (a Path would fold its
    ``//``), anything else is a file path."""
    if isinstance(value, Path):
        return value
    return value if is_server_url(value) else Path(value)


def shown_location(location: str | Path) -> str | Path:
    """A project's location for messages: a path as it is, a server's URL without its password."""
    return shown_url(location) if is_server_url(location) else location
