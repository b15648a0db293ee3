"""HTTP layer of purchasing."""
from ..api import Blueprint

blp = Blueprint("purchasing", __name__, url_prefix="/api/v1", description="Purchasing")
