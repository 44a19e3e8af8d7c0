"""One holder at a time across processes, for work that must not run twice at once.

The reminder sweep writes its rows in many short transactions (chunks of items); if two
sweeps ran at once (two beats, or one sweep outlasting the beat's interval), one could
dispatch a recipient's rows while the other was still writing that recipient's next row,
and the recipient would get two emails for one send time (issue 13, point 9).

PostgreSQL: a session advisory lock, released by the server if the process dies or its
connection drops. SQLite (one machine by nature): an flock on a file beside the database,
released by the kernel when the process dies. Not re-entrant in one process on either.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


def _advisory_key(name: str) -> int:
    """A stable signed 64-bit key for pg_try_advisory_lock."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def _lock_file(name: str) -> Path:
    """A file beside the SQLite database (the temporary folder for an in-memory one)."""
    database = str(connection.settings_dict.get("NAME") or "")
    in_memory = not database or ":memory:" in database or "mode=memory" in database
    folder = Path(tempfile.gettempdir()) if in_memory else Path(database).parent
    digest = hashlib.sha256(f"{database}\0{name}".encode()).hexdigest()[:16]
    return folder / f".tracker-lock-{digest}"


@contextmanager
def held_alone(name: str) -> Iterator[bool]:
    """Try to hold the lock `name`; yields True if held (released on exit), False if another
    process holds it (do nothing: that holder is doing the work)."""
    if connection.vendor == "postgresql":
        with _advisory(name) as held:
            yield held
    else:
        with _flock(name) as held:
            yield held


@contextmanager
def _advisory(name: str) -> Iterator[bool]:
    key = _advisory_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        held = bool(cursor.fetchone()[0])
    try:
        yield held
    finally:
        if held:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            except DatabaseError:
                # The connection dropped meanwhile: the server released the lock with it.
                logger.warning("Lock %r: connection lost before unlocking; released with it", name)


@contextmanager
def _flock(name: str) -> Iterator[bool]:
    import fcntl

    with open(_lock_file(name), "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
