"""HTTP layer of scanning: resolve a code, decode an uploaded image. Any signed-in user may call."""
from flask import current_app, request

from ..api import Blueprint
from ..auth.actor import current_actor
from ..errors import ApiError, Invalid
from ..request_life import no_transaction
from . import (
    service,
    socket,  # noqa: F401  (registers the scan.frame Socket.IO channel)
)
from .schemas import DecodeArgs, DecodeResultSchema, ResolutionSchema, ResolveArgs

blp = Blueprint("scan", __name__, url_prefix="/api/v1/scan",
                description="What a scanned code is; decoding camera images")

IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp")
_IMAGE_BODY = {"schema": {"type": "string", "format": "binary"}}
DECODE_BODY = {"required": True, "content": {
    **{kind: _IMAGE_BODY for kind in IMAGE_TYPES},
    "multipart/form-data": {"schema": {"type": "object", "required": ["image"], "properties": {
        "image": {"type": "string", "format": "binary"}}}},
}}


@blp.get("/resolve")
@blp.arguments(ResolveArgs, location="query")
@blp.response(200, ResolutionSchema)
def resolve_code(args):
    """What a code is: product, location, document or SSCC (404 unknown_code, 422 bad_gs1)."""
    return service.resolve(args["code"], current_actor(), args.get("symbology"))


@blp.post("/resolve")
@blp.arguments(ResolveArgs)
@blp.response(200, ResolutionSchema)
@no_transaction
def resolve_code_posted(data):
    """The same as GET, for codes too long or awkward for a query string."""
    return service.resolve(data["code"], current_actor(), data.get("symbology"))


@blp.post("/decode")
@blp.arguments(DecodeArgs, location="query")
@blp.response(200, DecodeResultSchema)
@blp.doc(requestBody=DECODE_BODY)
@no_transaction
def decode_image(args):
    """Decode the codes in an uploaded image (413 too big, 415 not an image type, 422 bad_image)."""
    readings = service.decode_image(_uploaded_image(), current_actor(), args["mode"])
    return {"readings": readings}


def _uploaded_image():
    """The image bytes of a raw image body or of the multipart field "image"."""
    mimetype = request.mimetype
    if mimetype not in IMAGE_TYPES and mimetype != "multipart/form-data":
        raise ApiError(f"Send image/jpeg, image/png or image/webp, or multipart/form-data; "
                       f"got {mimetype or 'no Content-Type'}.", field="Content-Type",
                       code="unsupported_media_type", status=415)
    # Set before the body is touched: werkzeug refuses a longer body with 413.
    request.max_content_length = current_app.extensions["settings"].max_image_bytes
    if mimetype in IMAGE_TYPES:
        return request.get_data(cache=False)
    upload = request.files.get("image")
    if upload is None:
        raise Invalid("Put the image in the multipart field \"image\".", field="image",
                      code="missing_image")
    return upload.read()
