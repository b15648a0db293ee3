"""HTTP layer of fast sync: POST /api/v1/batch."""
from functools import wraps

from flask import request

from ..api import Blueprint
from ..errors import ApiError
from ..request_life import own_transaction
from . import service
from .schemas import BatchAnswerSchema, BatchSchema

MAX_BATCH_BYTES = 2 * 1024 * 1024

blp = Blueprint("sync", __name__, url_prefix="/api/v1",
                description="A device's queued writes, applied in one request")


def _within_size(view):
    """413 before the body is parsed when it is larger than a batch may be."""
    @wraps(view)
    def checked(*args, **kwargs):
        if (request.content_length or 0) > MAX_BATCH_BYTES:
            raise ApiError(f"A batch may be at most {MAX_BATCH_BYTES} bytes; send fewer "
                           "operations at a time.", field="body", status=413,
                           code="batch_too_large")
        return view(*args, **kwargs)
    return checked


@blp.post("/batch")
@_within_size
@blp.arguments(BatchSchema)
@blp.response(200, BatchAnswerSchema)
@own_transaction  # each operation commits on its own, as if sent alone
def apply_batch(batch):
    """Apply queued writes in order, each exactly once under its own Idempotency-Key, as if
    sent alone (same permission, checks, audit and stored answer); one answer per operation.
    A refused operation stops only those naming it in `after` (424 dependency_failed); the
    same batch sent again replays each stored answer."""
    return {"results": service.apply_batch(batch["operations"])}
