"""Updates of many stored rows by an import: the rows read in bulk (locked on PostgreSQL), then
each written with update_row, which the audit trail records with its before and after.

The catalog's update_product per row (four built peewee queries: read, category lookup, save,
barcodes) made an all-update upsert 6 to 11 times slower than creating the same rows; this way
it runs about as fast as the create path (bench/imports.py --upsert).
"""
from ..db.sql import fetch, update_row
from ..errors import Conflict

CHUNK = 500  # ids per IN (...), below SQLite's 999 parameters


def stored_rows(model, ids):
    """The rows of `model` with these ids, by id; on PostgreSQL each is locked (in id order)
    until the transaction ends, so the before the audit trail records is the row replaced.
    Conflict changed_meanwhile when one of them is gone."""
    key = model._meta.primary_key.column_name
    ordered, found = sorted(set(ids)), {}
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start:start + CHUNK]
        where = f'"{key}" IN ({", ".join("?" * len(chunk))}) ORDER BY "{key}"'
        for instance in fetch(model, where, chunk, lock=True):
            found[instance.get_id()] = instance
    if len(found) < len(ordered):  # deleted by another writer since the check (PostgreSQL)
        raise Conflict(f"{len(ordered) - len(found)} of the rows to update were deleted "
                       "meanwhile; nothing was imported, try again.", field="file",
                       code="changed_meanwhile")
    return found


def changed_values(current, values):
    """The entries of `values` (by field name) that differ from the row `current` as stored
    (each compared as the database would give it back)."""
    fields = current._meta.fields
    return {name: value for name, value in values.items()
            if fields[name].python_value(fields[name].db_value(value)) != current.__data__.get(name)}


def update_fields(model, current, values):
    """UPDATE the fields in `values` (by field name) of the row `current`, an instance read
    with stored_rows in this transaction; audited with before and after like a save()."""
    fields = model._meta.fields
    names = sorted(values)
    assignments = ", ".join(f'"{fields[name].column_name}" = ?' for name in names)
    params = [fields[name].db_value(values[name]) for name in names]
    return update_row(model, current.get_id(), assignments, params, current=current)
