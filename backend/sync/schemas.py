"""What a batch of queued writes looks like, and its answer."""
import marshmallow as ma
from marshmallow import fields, validate

from ..api import Text
from ..idempotency import MAX_KEY_LENGTH

MAX_OPERATIONS = 500
MAX_OP_ID = 100
MAX_PATH = 500


class OperationSchema(ma.Schema):
    """One queued write: what a single request would send, and the ops it must follow."""

    id = Text(MAX_OP_ID, required=True, metadata={"description": "The client's name for it, "
                                                  "unique in the batch; answers and `after` use it."})
    method = fields.String(required=True, validate=validate.OneOf(
        ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]),
        metadata={"description": "POST, PUT, PATCH or DELETE; any other answers 405 for "
                                 "this operation alone."})
    path = Text(MAX_PATH, required=True, metadata={"description": "A write under /api/v1/."})
    idempotency_key = Text(MAX_KEY_LENGTH, required=True,
                           metadata={"description": "Its Idempotency-Key, as sent alone."})
    body = fields.Dict(load_default=dict, metadata={"description": "Its JSON body."})
    after = fields.List(Text(MAX_OP_ID, required=True), load_default=list,
                        validate=validate.Length(max=MAX_OPERATIONS),
                        metadata={"description": "Ids of earlier operations it needs: if one "
                                                 "of them is refused, this one answers 424."})


class BatchSchema(ma.Schema):
    """Writes to apply in order, each exactly once under its own Idempotency-Key."""

    operations = fields.List(fields.Nested(OperationSchema), required=True,
                             validate=validate.Length(min=1, max=MAX_OPERATIONS))

    @ma.validates_schema
    def _ids_and_dependencies(self, data, **kwargs):
        seen, keys = set(), set()
        for index, op in enumerate(data.get("operations", [])):
            if op["id"] in seen:
                raise ma.ValidationError("Each operation needs its own id.",
                                         f"operations.{index}.id")
            if op["idempotency_key"] in keys:
                raise ma.ValidationError("Each operation needs its own Idempotency-Key.",
                                         f"operations.{index}.idempotency_key")
            for position, needed in enumerate(op["after"]):
                if needed not in seen:
                    raise ma.ValidationError("`after` names only operations earlier in the "
                                             "batch.", f"operations.{index}.after.{position}")
            seen.add(op["id"])
            keys.add(op["idempotency_key"])


class OperationAnswerSchema(ma.Schema):
    """One operation's answer: the status and JSON body it gets when sent alone."""

    id = fields.String(required=True)
    status = fields.Integer(required=True)
    body = fields.Raw(allow_none=True, metadata={"description": "Its JSON body (an error "
                                                 "body {\"error\": ...} when refused)."})


class BatchAnswerSchema(ma.Schema):
    """The answers, in the operations' order."""

    results = fields.List(fields.Nested(OperationAnswerSchema), required=True)
