"""HTTP layer of sales."""
from ..api import Blueprint

blp = Blueprint("sales", __name__, url_prefix="/api/v1", description="Sales")
