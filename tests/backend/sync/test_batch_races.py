"""The same batch sent at once from two client processes to the real server (gunicorn, 4
workers) on both databases: every operation takes effect once, and both get the same answers."""
import json
import subprocess
import sys
import uuid

import pytest

from tests.backend.factories import add_stock, balance, make_location, make_product, make_warehouse, ok

pytestmark = pytest.mark.slow

SENDER = """
import json, sys, requests
url, headers, batch = json.loads(sys.stdin.readline())
answers = requests.post(url + "/api/v1/batch", json=batch, headers=headers, timeout=120)
print(json.dumps([answers.status_code, answers.json()]))
"""


def send_from_two_processes(url, headers, batch):
    senders = [subprocess.Popen([sys.executable, "-c", SENDER], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True) for _ in range(2)]
    line = json.dumps([url, headers, batch]) + "\n"
    for sender in senders:  # both are up and waiting: write to each at once
        sender.stdin.write(line)
        sender.stdin.flush()
    return [json.loads(sender.communicate(timeout=180)[0]) for sender in senders]


def test_the_same_batch_from_two_processes_at_once_takes_effect_once(live_server, api):
    warehouse, product = make_warehouse(api), make_product(api)
    bin_a, bin_b = make_location(api, warehouse), make_location(api, warehouse)
    add_stock(api, product, bin_a, 100)
    batch = {"operations": [
        {"id": str(i), "method": "POST", "path": "/api/v1/bin-moves",
         "idempotency_key": uuid.uuid4().hex,
         "body": {"product_id": product["id"], "qty": 1, "from_location_id": bin_a["id"],
                  "to_location_id": bin_b["id"]}} for i in range(60)]}
    headers = dict(api.as_user("picker").headers, **{"X-Device": "twin"})
    (status_1, first), (status_2, second) = send_from_two_processes(live_server, headers, batch)
    assert (status_1, status_2) == (200, 200)
    assert [a["status"] for a in first["results"]] == [201] * 60
    assert first == second  # each operation's one answer, given to both
    assert (balance(api, product, bin_a), balance(api, product, bin_b)) == (40, 60)
    moves = ok(api.get("/api/v1/stock/moves?doc_type=bin_move&limit=500"))["items"]
    assert len(moves) == 120  # out of A and into B, once per operation
