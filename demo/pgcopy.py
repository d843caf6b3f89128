"""Loading rows with PostgreSQL's COPY, for seeding a million articles in minutes.

``bulk_create`` builds one INSERT per batch whose parameters Django prepares and
psycopg quotes in Python. COPY streams the rows instead, and needs neither model
instances for the link tables nor a second UPDATE to undo ``auto_now``.

Three more things keep a large load quick (measured for 100,000 articles on two
cores: 3 min 31 s before, see docs/performance.md for after):

- ``set_aside_indexes``: the loaded tables' secondary indexes, unique and foreign-key
  constraints are dropped before the load and created again, under the same names
  and definitions, once the rows are in. Building an index once is far cheaper than
  keeping it up to date row by row, and one validating join per foreign key replaces
  millions of deferred row checks at commit. All of it happens inside the seed's
  transaction, so a failed seed rolls back to the tables as they were.
- ``Pipeline``: the batches are sent from a thread of their own, so PostgreSQL
  loads one batch (computing its search documents, the costliest part) while
  Python writes the next on the other core.
- The caller computes derived columns in the same statement that inserts the rows
  (see ``demo.builder``), so no row is written twice.

COPY returns no ids, so ids are taken from the table's sequence first.
"""

import queue
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import Model

# Building the indexes of a million articles sorts gigabytes; PostgreSQL's default 64 MB
# would spill most of it to disk. For this transaction only.
MAINTENANCE_WORK_MEM = "1GB"
# Workers that help the loading connection compute a batch's derived columns.
PARALLEL_WORKERS = 2


def allocate_ids(model: type[Model], count: int) -> range:
    """``count`` fresh consecutive primary keys from the table's sequence, in one statement."""
    if count <= 0:
        return range(0)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, %s), nextval(pg_get_serial_sequence(%s, %s)) + %s - 1)",
            [model._meta.db_table, model._meta.pk.column] * 2 + [count],
        )
        last = cursor.fetchone()[0]
    return range(last - count + 1, last + 1)


def prefer_parallel_plans(cursor, is_preferred: bool = True) -> None:
    """Let a batch's query run in parallel however small the batch, for the rest of the
    transaction (or back to the session's settings)."""
    for setting in ("parallel_setup_cost", "parallel_tuple_cost"):
        cursor.execute(f"SET LOCAL {setting} = 0" if is_preferred else f"RESET {setting}")


def columns_of(model: type[Model], field_names: Sequence[str]) -> str:
    quote = connection.ops.quote_name
    return ", ".join(quote(model._meta.get_field(name).column) for name in field_names)


def copy_rows(cursor, table: str, columns: str, rows: Iterable[Sequence]) -> None:
    """COPY ready-to-store values into ``table``'s ``columns`` (SQL, already quoted)."""
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def row_maker(fields) -> Callable[[dict], list]:
    """A function from a dict of values by attribute name to the row of ``fields`` to COPY,
    each missing value the field's default. The demo gives values psycopg stores as they
    are (text, numbers, aware datetimes), so ``get_db_prep_save`` is not called per row.
    Nor is ``pre_save``: ``auto_now`` keeps the value given."""
    defaults = [
        (field.attname, None if field.primary_key else field.get_db_prep_save(field.get_default(), connection))
        for field in fields
    ]

    def row(values: dict) -> list:
        return [values.get(name, default) for name, default in defaults]

    return row


# Indexes and constraints built after the load --------------------------------------------


@dataclass(frozen=True)
class SetAside:
    """Statements that give the loaded tables back their indexes and constraints."""

    statements: list[str]

    def restore(self, progress: Callable[[int], None] | None = None) -> None:
        if not self.statements:
            return
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
            for statement in self.statements:
                cursor.execute(statement)
                if progress is not None:
                    progress(1)


def set_aside_indexes(models: Sequence[type[Model]]) -> SetAside:
    """Drop the secondary indexes and the unique and foreign-key constraints of the
    ``models``' tables (primary keys stay, other tables' foreign keys point at them);
    ``restore()`` creates them again, indexes first, foreign keys last. Both must run in
    the same transaction as the load."""
    tables = [model._meta.db_table for model in models]
    if connection.in_atomic_block:
        # Rows written earlier in this transaction may have foreign-key checks pending,
        # and PostgreSQL alters no table with pending trigger events: run them now.
        connection.check_constraints()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, quote_ident(c.conname), pg_get_constraintdef(c.oid), c.contype
            FROM pg_constraint c
            WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u')
            ORDER BY c.contype DESC, c.conrelid, c.conname
            """,
            [tables],
        )
        constraints = cursor.fetchall()  # unique ones first, so they are dropped after the foreign keys
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid = ANY(%s::regclass[])
              AND NOT EXISTS (
                  SELECT FROM pg_constraint c
                  WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x')
              )
            ORDER BY i.indrelid, i.indexrelid::regclass::text
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        foreign_keys = [row for row in constraints if row[3] == "f"]
        uniques = [row for row in constraints if row[3] == "u"]
        for table, name, _definition, _kind in foreign_keys + uniques:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    return SetAside(
        [definition for _name, definition in indexes]
        + [f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}" for table, name, definition, _ in uniques]
        + [f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}" for table, name, definition, _ in foreign_keys]
    )


# Loading on a thread of its own ------------------------------------------------------------


class Pipeline:
    """Runs ``load(cursor, *args)`` calls one after another on a thread of its own, over this
    thread's connection and in its transaction, while this thread prepares the next batch.

    Until ``close()`` returns, this thread must not use the database: the two would
    share one connection. At most ``depth`` batches wait, which bounds the memory held.
    An error in a load is raised by the next ``submit()`` or by ``close()``.
    """

    def __init__(self, *, depth: int = 2):
        connection.ensure_connection()
        self.raw = connection.connection  # psycopg's own connection: no Django wrapper on the other thread
        self.waiting: queue.Queue = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.is_cancelled = False
        self.thread = threading.Thread(target=self._run, name="seed-loader", daemon=True)
        self.thread.start()

    def __enter__(self) -> "Pipeline":
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if error is not None:
            # The caller failed (or was interrupted): load nothing more, and let the thread
            # finish before the transaction is rolled back on the connection it uses.
            self.is_cancelled = True
            if self.thread.is_alive():
                self.waiting.put(None)
                self.thread.join()
        else:
            self.close()

    def _run(self) -> None:
        while (job := self.waiting.get()) is not None:
            if self.error is not None or self.is_cancelled:
                continue  # drain what is queued; an error is raised in the caller's thread
            load, args = job
            try:
                with self.raw.cursor() as cursor:
                    load(cursor, *args)
            except BaseException as error:  # handed to the caller's thread
                self.error = error

    def submit(self, load: Callable, *args) -> None:
        self._raise()
        self.waiting.put((load, args))

    def close(self) -> None:
        """Wait for every batch to be loaded (leaving the ``with`` block does it)."""
        if self.thread.is_alive():
            self.waiting.put(None)
            self.thread.join()
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error
