"""SQLite for the embedded default: Django's backend, with the process's writers taking
turns.

SQLite allows one writer at a time. When two threads of the same process both begin a
write transaction, the second gets "database is locked" and SQLite's busy handler puts it
to sleep for 1, 2, 5, 10 … 100 ms before it tries again, however soon the lock is free:
with eight threads writing (a hall full of phones voting) most of the time went to those
sleeps. Here a write transaction first waits for a lock in the process, which wakes it
the moment the previous writer commits; SQLite's own lock is then always free for it.
(Other processes, like a management command, still meet SQLite's busy handler.)"""

import threading

from django.db.backends.sqlite3 import base

_WRITERS: dict[str, threading.Lock] = {}
_GUARD = threading.Lock()


def _writer_lock(name: str) -> threading.Lock:
    with _GUARD:
        return _WRITERS.setdefault(str(name), threading.Lock())


class DatabaseWrapper(base.DatabaseWrapper):
    _holds_writer = False

    def _start_transaction_under_autocommit(self):
        lock = _writer_lock(self.settings_dict["NAME"])
        # Never wait forever: after the timeout SQLite's own locking decides (and says
        # "database is locked" if it must).
        if lock.acquire(timeout=self.settings_dict.get("OPTIONS", {}).get("timeout", 20)):
            self._holds_writer = lock
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer()
            raise

    def _release_writer(self):
        lock = self._holds_writer
        if lock:
            self._holds_writer = False
            lock.release()

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_writer()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_writer()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_writer()
