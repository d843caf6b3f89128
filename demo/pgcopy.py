"""Loading rows with PostgreSQL's COPY, for seeding 100,000 articles in about half a minute.

``bulk_create`` builds one INSERT per batch whose parameters Django prepares and
psycopg quotes in Python; with a column Django cannot pass through UNNEST (the
``search_vector`` column) it falls back to one placeholder per value. COPY streams
the rows instead, and needs neither model instances for the link tables nor a
second UPDATE to undo ``auto_now``. Measured for 100,000 articles on two cores:
bulk_create 66–94 s, COPY 30–36 s.

COPY returns no ids, so article ids are taken from the table's sequence first.
"""

from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import Model


def allocate_ids(model: type[Model], count: int) -> list[int]:
    """``count`` fresh primary keys from the table's sequence, ascending."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return sorted(row[0] for row in cursor.fetchall())


def copy_rows(model: type[Model], field_names: Sequence[str], rows: Iterable[Sequence]) -> None:
    """COPY ready-to-store values into the named fields' columns."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in field_names)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def copy_instances(model: type[Model], instances: Iterable[Model]) -> None:
    """COPY unsaved instances, primary key included, with values prepared as the ORM would.

    ``pre_save`` is not called, so ``auto_now`` keeps the value the instance carries.
    """
    fields = model._meta.concrete_fields
    rows = ([field.get_db_prep_save(field.value_from_object(obj), connection) for field in fields] for obj in instances)
    copy_rows(model, [field.name for field in fields], rows)
