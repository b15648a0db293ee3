"""Front-end packages from node_modules: only the listed files are served, and the shell's
precache names the view and database libraries but not the camera decoder (fetched when a
camera opens)."""
import json
import re

import pytest

from backend.web import vendor


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.mark.parametrize(("name", "mimetype"), [("htm-preact.js", "text/javascript"),
                                                ("idb.js", "text/javascript"),
                                                ("zxing-reader.js", "text/javascript"),
                                                ("zxing_reader.wasm", "application/wasm")])
def test_listed_vendor_files_are_served_with_their_type(client, name, mimetype):
    with client.get(f"/vendor/{name}") as response, open(vendor.path_of(name), "rb") as handle:
        # closed: the file send_file opened is otherwise left to the collector (a ResourceWarning)
        assert response.status_code == 200 and response.mimetype == mimetype
        assert response.data == handle.read()


@pytest.mark.parametrize("path", ["/vendor/package.json", "/vendor/..%2fpackage.json",
                                  "/vendor/zxing-wasm/package.json", "/vendor/htm"])
def test_nothing_else_of_node_modules_is_served(client, path):
    assert client.get(path).status_code == 404


def test_the_shell_precaches_the_view_and_database_libraries_and_not_the_decoder(client):
    source = client.get("/sw.js").get_data(as_text=True)
    shell = json.loads(re.search(r"const SHELL_FILES = (\[.*?\]);", source).group(1))
    decoder = json.loads(re.search(r"const DECODER_FILES = (\[.*?\]);", source).group(1))
    assert {"/vendor/htm-preact.js", "/vendor/idb.js", "/js/scan/gs1-ais.js"} <= set(shell)
    assert decoder == ["/vendor/zxing-reader.js", "/vendor/zxing_reader.wasm"]
    assert not set(decoder) & set(shell)
    assert re.search(r"stocktap-decoder-[0-9a-f]{12}", source)


def test_the_gs1_table_module_is_written_from_the_scanner(client):
    from scanner.gs1_ais import AIS
    text = client.get("/js/scan/gs1-ais.js").get_data(as_text=True)
    table = json.loads(re.search(r"export const AIS = (\{.*?\});\n", text).group(1))
    assert set(table) == set(AIS)
    assert table["17"] == {"ai": "17", "title": "USE BY or EXPIRY", "charset": "N", "min_len": 6,
                           "max_len": 6, "kind": "date", "key": None}
