"""Shell files the server writes from Python sources, so the device and the server share
one definition: the GS1 Application Identifier table the device's GS1 parser reads."""
import functools
import json

from scanner.gs1_ais import AIS, MEASURES


@functools.cache
def gs1_table_module():
    """JavaScript module text: AIS (ai -> spec) and MEASURES, from scanner/gs1_ais.py."""
    ais = {ai: {"ai": spec.ai, "title": spec.title, "charset": spec.charset,
                "min_len": spec.min_len, "max_len": spec.max_len, "kind": spec.kind,
                "key": list(spec.key) if spec.key else None}
           for ai, spec in AIS.items()}
    return ("// Written by the server from scanner/gs1_ais.py (backend/web/generated.py): "
            "do not edit.\n"
            f"export const AIS = {json.dumps(ais, separators=(',', ':'))};\n"
            f"export const MEASURES = {json.dumps(MEASURES, separators=(',', ':'))};\n")


# URL -> function making the file's text.
FILES = {"/js/scan/gs1-ais.js": gs1_table_module}
