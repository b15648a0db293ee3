"""HTTP layer of imports and exports: /api/v1/imports/<entity>, /api/v1/exports/<entity>.

Who may: an import needs the entity's write permission (catalog.write for products,
stock.adjust for opening stock, ...), a template or an export its read one; the permission
table lets every signed-in caller reach the views, which check the entity's permission."""
from flask import Response, current_app, request, stream_with_context

from ..api import Blueprint
from ..auth.actor import current_actor, current_principal
from ..errors import Invalid
from . import exports, service
from .schemas import FILE_RESPONSE, UPLOAD_BODY, FormatArgs, ImportArgs, ImportSummarySchema

blp = Blueprint("imports", __name__, url_prefix="/api/v1",
                description="Spreadsheet imports (CSV, XLSX) with a dry run, and exports")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@blp.before_request
def _allow_import_files():
    """An import's body may be as large as MAX_IMPORT_BYTES (set before anything reads it)."""
    if request.endpoint == "imports.create_import":
        request.max_content_length = current_app.extensions["settings"].max_import_bytes


@blp.post("/imports/<entity>")
@blp.arguments(ImportArgs, location="query")
@blp.response(200, ImportSummarySchema)
@blp.doc(requestBody=UPLOAD_BODY)
def create_import(args, entity):
    """Check a CSV or XLSX file (dry_run=true) or import it all or nothing (422 import_problems,
    bad_header, empty_file, not_utf8, formula_in_file, upsert_not_supported; 413 too large;
    415 not_a_spreadsheet). mode=upsert updates existing SKUs or codes (products, suppliers,
    customers; 409 changed_meanwhile when one is deleted during the import)."""
    found = service.get_entity(entity)
    service.require_permission(current_principal(), found.write_permission)
    settings = current_app.extensions["settings"]
    return service.import_file(found, _uploaded_file(), args["dry_run"], current_actor(),
                               settings, args["mode"])


def _uploaded_file():
    """The file's bytes: the multipart field "file", or the whole body (a raw body is the same
    bytes on a retry, so its Idempotency-Key replays; a new multipart boundary would not)."""
    if request.mimetype != "multipart/form-data":
        return request.get_data(cache=False)
    upload = request.files.get("file")
    if upload is None:
        raise Invalid("Put the file in the multipart field \"file\".", field="file",
                      code="missing_file")
    try:
        return upload.read()
    finally:
        upload.close()  # a large part is spooled to a temporary file


@blp.get("/imports/<entity>/template")
@blp.arguments(FormatArgs, location="query")
@blp.response(200, description="The empty template: its header row.", content_type="text/csv")
@blp.doc(responses={"200": FILE_RESPONSE})
def get_import_template(args, entity):
    """The header row an import of this entity expects, as CSV or XLSX."""
    found = service.get_entity(entity)
    service.require_permission(current_principal(), found.read_permission)
    columns = [column.name for column in found.COLUMNS]
    return _file(f"{entity}-template", args["format"], columns, iter(()))


@blp.get("/exports/<entity>")
@blp.arguments(FormatArgs, location="query")
@blp.response(200, description="The rows, as CSV (streamed) or XLSX.", content_type="text/csv")
@blp.doc(responses={"200": FILE_RESPONSE})
def get_export(args, entity):
    """Every row of products, suppliers, customers, stock (on hand per bin and lot) or moves,
    in the warehouses the caller sees."""
    columns, rows, permission = exports.get_export(entity)
    service.require_permission(current_principal(), permission)
    return _file(entity, args["format"], columns, rows(current_actor()))


def _file(name, format_, columns, rows):
    disposition = {"Content-Disposition": f'attachment; filename="{name}.{format_}"'}
    if format_ == "xlsx":
        handle = exports.xlsx_file(columns, rows)
        return Response(_chunks_of(handle), mimetype=XLSX, headers=disposition)
    return Response(stream_with_context(exports.csv_chunks(columns, rows)),
                    mimetype="text/csv", headers=disposition)


def _chunks_of(handle):
    with handle:
        while chunk := handle.read(64 * 1024):
            yield chunk
