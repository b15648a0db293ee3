"""What the audit API shows: entries and their filters."""
import json
from datetime import UTC

import marshmallow as ma
from marshmallow import fields

from ..api import PageArgs, Text


class AuditArgs(PageArgs):
    """Filters: who, which endpoint, which record, when."""

    user_id = fields.Integer()
    action = Text(100)
    target_type = Text(60)
    target_id = Text(60)
    since = fields.AwareDateTime(default_timezone=UTC)
    until = fields.AwareDateTime(default_timezone=UTC)


def _json(text):
    return None if text is None else json.loads(text)


class AuditEntrySchema(ma.Schema):
    """One audit entry."""

    id = fields.Integer()
    at = fields.DateTime()
    user_id = fields.Integer(allow_none=True)
    token_id = fields.Integer(allow_none=True)
    device = fields.String(allow_none=True)
    action = fields.String()
    method = fields.String()
    path = fields.String()
    request_id = fields.String()
    target_type = fields.String(allow_none=True)
    target_id = fields.String(allow_none=True)
    before = fields.Function(lambda e: _json(e.before))
    after = fields.Function(lambda e: _json(e.after))

