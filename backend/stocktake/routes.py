"""HTTP layer of stocktake."""
from ..api import Blueprint

blp = Blueprint("stocktake", __name__, url_prefix="/api/v1", description="Stocktake")
