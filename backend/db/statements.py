"""SQL for the hot paths, built from the peewee models once at import and run with run_sql.

Building a peewee query costs more than running it, so the scan paths run ready-made text.
Generating that text from the models keeps it in step with them: a renamed field fails at
import (so every test fails), and a renamed column or table changes the SQL.
"""
import peewee

P = peewee.SQL("?")  # a parameter: run_sql turns it into the driver's placeholder
SQL_ZERO = peewee.SQL("0")  # a literal 0, for values that are no parameter

# Both databases read what peewee writes for SQLite here: double-quoted names, ON CONFLICT
# clauses and "?" placeholders (made the driver's by run_sql).
_DIALECT = peewee.SqliteDatabase(None)


def sql_of(query):
    """The SQL text of a peewee query; ValueError when a value in it is not P or literal SQL."""
    text, params = _DIALECT.get_sql_context().sql(query).query()
    if params:  # a bound value would shift every "?" after it
        raise ValueError(f"{text} binds {params!r}: write each value as P (or SQL_ZERO)")
    return text


def insert(model, **values):
    """model.insert(**values) without RETURNING, refusing values out of the model's field
    order: peewee writes the columns in that order, and the parameters are bound by position."""
    names = list(values)
    unknown = [name for name in names if name not in model._meta.fields]
    if unknown:
        raise AttributeError(f"{model.__name__} has no field {unknown}")
    in_order = [name for name in model._meta.sorted_field_names if name in values]
    if names != in_order:
        raise ValueError(f"{model.__name__} values {names} are not in field order {in_order}")
    # peewee adds RETURNING when the bound database has it: the text must not depend on that.
    return model.insert(**values).returning()


def excluded(field):
    """The value the row refused by ON CONFLICT brought for `field` (by its column name)."""
    return peewee.EXCLUDED[field.column_name]


def instances(row, *field_lists):
    """One model instance per list of fields of one model, from their values side by side in
    `row` (as a select of them all lists them), each through its field's python_value; a field
    not listed reads as None."""
    found, start = [], 0
    for fields in field_lists:
        instance = fields[0].model(__no_default__=True)
        instance.__data__ = {field.name: field.python_value(value)
                             for field, value in zip(fields, row[start:start + len(fields)])}
        found.append(instance)
        start += len(fields)
    return found
