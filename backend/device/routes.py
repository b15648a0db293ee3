"""HTTP layer of the device copy: GET /api/v1/device/catalog."""
from flask import g

from ..api import Blueprint
from ..auth.actor import current_actor
from . import service
from .schemas import CatalogCopySchema

blp = Blueprint("device", __name__, url_prefix="/api/v1/device",
                description="Compact read-only copies a device keeps for offline work")


@blp.get("/catalog")
@blp.response(200, CatalogCopySchema)
def get_device_catalog():
    """Products, barcodes, prices, lots, and the bins, stock and incoming orders of my warehouses."""
    return service.catalog_copy(current_actor(),
                                with_documents=g.principal.may("purchasing.read"))
