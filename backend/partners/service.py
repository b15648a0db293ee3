"""Suppliers and customers: the same rules for both roles, given the role's model."""
from ..db import writing
from ..errors import Conflict, NotFound

FIELDS = ("code", "name", "email", "phone", "active", "payment_terms")


def id_field(model):
    """The name a body or path gives a partner's id: supplier_id, customer_id."""
    return f"{model._meta.table_name}_id"


def get_partner(model, partner_id):
    """The supplier or customer, or NotFound."""
    partner = model.get_or_none(model.id == partner_id)
    if partner is None:
        raise NotFound(f"{model.__name__} {partner_id} does not exist.", field=id_field(model))
    return partner


def _check_code_free(model, code, partner_id=None):
    query = model.select().where(model.code == code)
    if partner_id is not None:
        query = query.where(model.id != partner_id)
    if query.exists():
        raise Conflict(f"{model.__name__} code {code} already exists.", field="code",
                       code="duplicate_code")


def create_partner(model, data):
    """Create a supplier or customer; Conflict when the code is taken."""
    with writing():
        _check_code_free(model, data["code"])
        return model.create(**{k: data[k] for k in FIELDS if k in data})


def update_partner(model, partner_id, data):
    """Change a partner's fields; NotFound, or Conflict when the new code is taken."""
    with writing():
        partner = get_partner(model, partner_id)
        if "code" in data:
            _check_code_free(model, data["code"], partner.id)
        for key in FIELDS:
            if key in data:
                setattr(partner, key, data[key])
        partner.save()
    return partner


def search_partners(model, q=None, active=None):
    """A query of partners matching a code/name fragment and the active flag."""
    query = model.select()
    if q:
        like = f"%{q}%"
        query = query.where((model.code ** like) | (model.name ** like))
    if active is not None:
        query = query.where(model.active == active)
    return query
