"""Imports: a file checked whole, then written all or nothing."""
from ..db import writing
from ..errors import Forbidden, Invalid, NotFound
from .entities import ENTITIES
from .files import read_rows
from .rows import Report, parse_rows

MAX_PROBLEMS = 1000  # a report past this many says so rather than growing without end


def get_entity(name):
    """The importable entity of that name, or NotFound."""
    entity = ENTITIES.get(name)
    if entity is None:
        raise NotFound(f"Nothing named {name} can be imported; try one of "
                       f"{', '.join(ENTITIES)}.", field="entity")
    return entity


def require_permission(principal, permission):
    """Forbidden unless the caller holds the permission (it depends on the entity)."""
    if principal is None or not principal.may(permission):
        raise Forbidden(f"This needs the permission {permission}.", code="forbidden")


def _header(entity, header):
    """The file's header, lower-cased; Invalid bad_header unless it names exactly known
    columns, with every required one."""
    names = [name.strip().lower() for name in header]
    known = [column.name for column in entity.COLUMNS]
    required = [column.name for column in entity.COLUMNS if column.required]
    unknown = [name for name in names if name not in known]
    missing = [name for name in required if name not in names]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if unknown or missing or repeated:
        raise Invalid(f"The header does not match the {entity.name} template: unknown "
                      f"{unknown or '-'}, missing {missing or '-'}, repeated {repeated or '-'}.",
                      field="file", code="bad_header",
                      extra={"expected": known, "unknown": unknown, "missing": missing})
    return names


def import_file(entity, data, dry_run, actor, settings, mode="create"):
    """Check every row of the file; unless dry_run and when no row has a problem, write them all
    in the request's transaction. mode "upsert" updates the rows whose key exists (the summary
    says per row whether it creates or updates). The summary; Invalid import_problems when a
    real import finds problems (nothing is written), Invalid upsert_not_supported, or the
    file's own refusals (files.read_rows)."""
    upsert = mode == "upsert"
    if upsert and not hasattr(entity, "upsert"):
        raise Invalid(f"{entity.name} can only be created by an import, not updated.",
                      field="mode", code="upsert_not_supported")
    header, rows = read_rows(data, settings.max_import_unzipped_bytes)
    header = _header(entity, header)
    report = Report()
    with writing():
        records = parse_rows(entity.COLUMNS, header, rows, report)
        (entity.check_upsert if upsert else entity.check)(records, report, actor)
        problems = sorted(report.problems, key=lambda p: (p["row"], p["column"]))
        summary = {"entity": entity.name, "dry_run": dry_run, "rows": len(rows), "mode": mode,
                   "problem_count": len(problems), "problems": problems[:MAX_PROBLEMS],
                   "imported": 0}
        if upsert:
            summary["outcomes"] = [{"row": r.row, "action": r.action} for r in records]
            for action in ("create", "update"):
                summary[f"{action}d"] = sum(r.action == action for r in records)
        if problems and not dry_run:
            raise Invalid(f"{len(problems)} problems in the file; nothing was imported.",
                          field="file", code="import_problems", extra=summary)
        if not dry_run:
            write = entity.upsert if upsert else entity.write
            summary["imported"] = write(records, actor, settings)
    return summary
