"""PostgreSQL breaks a deadlock by aborting one transaction: a scan that loses runs again and is
applied once, and the phone never sees the loss."""
import threading
import time

import psycopg2
import pytest

from tests.backend.factories import add_stock, balance, make_location, make_partner, make_product, make_warehouse, ok
from tests.backend.sales import factories as sales
from tests.conftest import PG_BASE

pytestmark = pytest.mark.parametrize("database_url", ["postgres"], indirect=True)


def _deadlocks():
    con = psycopg2.connect(PG_BASE)
    try:
        with con.cursor() as cur:
            cur.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
            return cur.fetchone()[0]
    finally:
        con.close()


def _wait_for_a_blocked_backend(cur):
    for _ in range(200):
        cur.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        if cur.fetchone()[0]:
            return
        time.sleep(0.05)
    raise AssertionError("the pick never waited for the other transaction")


def test_a_pick_that_loses_a_deadlock_runs_again_and_is_applied_once(api, database_url):
    warehouse, product = make_warehouse(api), make_product(api)
    bin_ = make_location(api, warehouse)
    add_stock(api, product, bin_, 10)
    order = sales.make_order(api, make_partner(api, "customers"), warehouse, [(product, 5)])
    ok(sales.act(api, order, "confirm"))
    deadlocks_before = _deadlocks()

    # Another transaction (a back-office job, say) holds the bin's balance...
    other = psycopg2.connect(database_url)
    cur = other.cursor()
    cur.execute("SET deadlock_timeout = '30s'")  # so PostgreSQL picks the pick as the victim
    cur.execute("UPDATE stock_balance SET on_hand = on_hand WHERE product_id = %s "
                "AND location_id = %s", (product["id"], bin_["id"]))
    answer = {}
    picking = threading.Thread(target=lambda: answer.update(response=sales.pick(
        api, order, sales.line_of(order), bin_, 2)))
    picking.start()
    # ...the pick takes the product's warehouse level and waits for the balance; then the
    # other transaction wants the level too: a deadlock, which PostgreSQL breaks by aborting
    # the pick.
    _wait_for_a_blocked_backend(other.cursor())
    cur.execute("UPDATE stock_level SET incoming = incoming WHERE product_id = %s",
                (product["id"],))
    other.commit()
    other.close()
    picking.join(timeout=30)

    response = answer["response"]
    assert response.status_code == 201, response.get_json()
    assert _deadlocks() == deadlocks_before + 1
    assert sales.get_order(api, order)["lines"][0]["qty_picked"] == 2
    assert balance(api, product, bin_) == 8
    assert len(sales.moves_of(api, order, "pick")) == 2  # out of the bin, into staging: once
