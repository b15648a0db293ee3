"""The scanner package stays free of the web framework and the ORM."""

import subprocess
import sys


def test_importing_scanner_imports_neither_flask_nor_peewee():
    code = ("import sys, scanner, scanner.bench; "
            "print(sorted(m for m in ('flask', 'peewee') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
