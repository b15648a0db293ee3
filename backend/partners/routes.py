"""HTTP layer of partners: /suppliers on purchasing's blueprint, /customers on sales'."""
from flask import url_for

from ..api import paginate
from . import service
from .schemas import PartnerInSchema, PartnerListArgs, PartnerPage, PartnerPatchSchema, PartnerSchema


def _named(name, doc):
    """Give a view the endpoint name (and OpenAPI summary) of its role: list_suppliers..."""
    def rename(view):
        view.__name__ = view.__qualname__ = name
        view.__doc__ = doc
        return view
    return rename


def add_partner_routes(blp, model):
    """List, create, get and change one role's partners (model Supplier or Customer) on the
    blueprint of the area that uses them, so permissions stay the area's."""
    noun = model._meta.table_name
    plural = f"{noun}s"
    key = service.id_field(model)  # the path says supplier_id / customer_id, as the API always did
    item = f"/{plural}/<int:{key}>"

    @blp.get(f"/{plural}")
    @blp.arguments(PartnerListArgs, location="query")
    @blp.response(200, PartnerPage)
    @_named(f"list_{plural}", f"{model.__name__}s, filtered by a code/name fragment (?q=) and "
                              "the active flag.")
    def list_partners(args):
        return paginate(service.search_partners(model, args.get("q"), args.get("active")),
                        model, args)

    @blp.post(f"/{plural}")
    @blp.arguments(PartnerInSchema)
    @blp.response(201, PartnerSchema)
    @_named(f"create_{noun}", f"Create a {noun}.")
    def create_partner(data):
        partner = service.create_partner(model, data)
        return partner, 201, {"Location": url_for(f"{blp.name}.get_{noun}", **{key: partner.id})}

    @blp.get(item)
    @blp.response(200, PartnerSchema)
    @_named(f"get_{noun}", f"One {noun}.")
    def get_partner(**path):
        return service.get_partner(model, path[key])

    @blp.patch(item)
    @blp.arguments(PartnerPatchSchema)
    @blp.response(200, PartnerSchema)
    @_named(f"update_{noun}", f"Change a {noun}.")
    def update_partner(data, **path):
        return service.update_partner(model, path[key], data)
