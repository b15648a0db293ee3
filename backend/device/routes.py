"""HTTP layer of the device copy: GET /api/v1/device/catalog."""
from flask import g

from ..api import Blueprint
from . import service
from .schemas import CatalogCopySchema

blp = Blueprint("device", __name__, url_prefix="/api/v1/device",
                description="Compact read-only copies a device keeps for offline work")


@blp.get("/catalog")
@blp.response(200, CatalogCopySchema)
def catalog_copy():
    """Products, barcodes, prices, lots, and the bins, stock and incoming orders of my warehouses."""
    principal = g.principal
    return service.catalog_copy(principal.warehouses,
                                with_documents=principal.may("purchasing.read"))
