"""The README's table of roles is the permission table the server enforces."""
from pathlib import Path

from backend.auth.permissions import markdown_table

README = Path(__file__).resolve().parents[3] / "README.md"


def test_readme_shows_the_enforced_permission_table():
    assert markdown_table().strip() in README.read_text(encoding="utf-8")
