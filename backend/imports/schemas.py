"""What the import and export API reads and writes."""
import marshmallow as ma
from marshmallow import fields, validate

FORMATS = ("csv", "xlsx")


MODES = ("create", "upsert")


class ImportArgs(ma.Schema):
    """Check only (dry_run=true: nothing is written), or check and import. mode=upsert (products,
    suppliers, customers) updates the rows whose SKU or code exists instead of refusing them."""

    dry_run = fields.Boolean(load_default=False)
    mode = fields.String(load_default="create", validate=validate.OneOf(MODES))


class FormatArgs(ma.Schema):
    """The file format of a template or an export."""

    format = fields.String(load_default="csv", validate=validate.OneOf(FORMATS))


class ProblemSchema(ma.Schema):
    """One problem of one cell (row 1 is the header)."""

    row = fields.Integer()
    column = fields.String()
    code = fields.String()
    message = fields.String()


class OutcomeSchema(ma.Schema):
    """What an upsert does (or, in a dry run, would do) with one row."""

    row = fields.Integer()
    action = fields.String(metadata={"enum": ["create", "update"]})


class ImportSummarySchema(ma.Schema):
    """What a dry run found, or what an import wrote."""

    entity = fields.String()
    dry_run = fields.Boolean()
    rows = fields.Integer()
    problem_count = fields.Integer()
    problems = fields.List(fields.Nested(ProblemSchema))
    imported = fields.Integer()
    mode = fields.String()
    created = fields.Integer(metadata={"description": "mode=upsert: rows that create"})
    updated = fields.Integer(metadata={"description": "mode=upsert: rows that update"})
    outcomes = fields.List(fields.Nested(OutcomeSchema),
                           metadata={"description": "mode=upsert: each clean row's action"})


_BINARY = {"schema": {"type": "string", "format": "binary"}}
UPLOAD_BODY = {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"],
                                       "properties": {"file": _BINARY["schema"]}}},
    "text/csv": _BINARY, "application/octet-stream": _BINARY,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _BINARY}}
FILE_RESPONSE = {"description": "The file, CSV (UTF-8, no BOM) or XLSX.", "content": {
    "text/csv": {"schema": {"type": "string"}},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
        "schema": {"type": "string", "format": "binary"}}}}
