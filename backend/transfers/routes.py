"""HTTP layer of transfers."""
from ..api import Blueprint

blp = Blueprint("transfers", __name__, url_prefix="/api/v1", description="Transfers")
