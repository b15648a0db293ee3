"""The demo data set: two warehouses, ~200 products, partners, and orders in every state.

Everything goes through the areas' own services, so the demo stock is on the ledger like any
other and the invariants hold. Deterministic: the same data on every machine.
"""
import random
from decimal import Decimal

from .catalog.codes import gtin_check_digit
from .db import writing

CATEGORIES = {
    "Beverages": ["Green tea", "Jasmine tea", "Oolong tea", "Sparkling water", "Orange juice",
                  "Soy milk", "Coconut water", "Cola", "Lemon tea", "Mineral water"],
    "Snacks": ["Rice crackers", "Seaweed snack", "Sunflower seeds", "Dried mango",
               "Peanut candy", "Shrimp chips", "Biscuits", "Egg rolls"],
    "Household": ["Dish soap", "Laundry pods", "Paper towels", "Trash bags", "Sponges",
                  "Glass cleaner", "Toilet paper", "Aluminium foil"],
    "Personal care": ["Toothpaste", "Shampoo", "Hand cream", "Face masks", "Body wash",
                      "Cotton pads", "Toothbrush"],
    "Stationery": ["Gel pens", "A4 paper", "Sticky notes", "Notebook", "Stapler",
                   "Packing tape", "Markers"],
}
SIZES = ["250 ml", "500 ml", "1 L", "Small", "Medium", "Large", "Pack of 6"]
SUPPLIERS = ["Huaxin Trading", "Pearl River Foods", "Jiangnan Paper", "Sunrise Household",
             "Lotus Beverage Co.", "Golden Harvest Snacks"]
CUSTOMERS = ["FreshMart Jing'an", "Corner Store 88", "Lianhua Supermarket", "CloudShop Online",
             "Campus Mini-Mart", "Harbour Hotel", "Green Leaf Café", "Oriental Wholesale",
             "BlueSky E-commerce", "Riverside Canteen"]
USERS = [("admin", "Ada Admin", "admin"), ("manager", "Mei Manager", "manager"),
         ("picker", "Pete Picker", "warehouse"), ("sales", "Sam Sales", "sales"),
         ("viewer", "Vera Viewer", "readonly")]


def ean13(n):
    """A valid EAN-13 in the 693 (China) prefix from a running number."""
    body = f"693{n:09d}"
    return body + str(gtin_check_digit(body))


def case_gtin(ean):
    """The GTIN-14 of a case of this item (indicator digit 1)."""
    body = "1" + ean[:12]
    return body + str(gtin_check_digit(body))


def _users():
    from .auth.models import User
    ids = {}
    for username, name, role in USERS:
        user, _ = User.get_or_create(username=username,
                                     defaults={"display_name": name, "role": role})
        ids[username] = user.id
    return ids


def _warehouses(actor):
    from .stock import service as stock
    places = {}
    for code, name, aisles in (("SH", "Shanghai Central", "ABC"), ("GZ", "Guangzhou South", "AB")):
        warehouse = stock.create_warehouse({"code": code, "name": name})
        bins = [stock.create_location(warehouse.id, {
            "code": f"{aisle}-{bay:02d}-{level}", "zone": aisle,
            "sort_key": f"{aisle}{bay:02d}{level}"}, actor)
            for aisle in aisles for bay in range(1, 6) for level in (1, 2)]
        places[code] = (warehouse, bins)
    return places


def _products(rng):
    from .catalog.service import create_product
    products, n = [], 0
    for category, names in CATEGORIES.items():
        for name in names:
            for size in rng.sample(SIZES, 5):
                n += 1
                cost = Decimal(rng.randint(80, 4000)) / 100
                code = ean13(n)
                barcodes = [{"code": code, "pack_qty": Decimal(1)}]
                if n % 4 == 0:
                    barcodes.append({"code": case_gtin(code), "pack_qty": Decimal(rng.choice([6, 12, 24]))})
                products.append(create_product({
                    "sku": f"{category[:3].upper()}-{n:04d}", "name": f"{name} {size}",
                    "category": category, "cost": cost, "price": (cost * Decimal("1.45")).quantize(Decimal("0.01")),
                    "tracks_lots": category in ("Beverages", "Snacks") and n % 3 == 0,
                    "barcodes": barcodes}))
                if len(products) >= 200:
                    return products
    return products


def _partners():
    from .partners.models import Customer, Supplier
    from .partners.service import create_partner
    suppliers = [create_partner(Supplier, {"code": f"S{i + 1:03d}", "name": name, "email":
                                            f"orders@{name.split()[0].lower()}.example"})
                 for i, name in enumerate(SUPPLIERS)]
    customers = [create_partner(Customer, {"code": f"C{i + 1:03d}", "name": name})
                 for i, name in enumerate(CUSTOMERS)]
    return suppliers, customers


def _purchase(supplier, warehouse, lines, actor, approval_amount=Decimal("1e12")):
    from .purchasing.service import create_order, submit_order
    order = create_order({"supplier_id": supplier.id, "warehouse_id": warehouse.id,
                          "lines": lines}, actor)
    return submit_order(order.id, approval_amount, actor)


def _receive_all(order, bins, rng, actor, share=Decimal(1)):
    from .purchasing.models import PurchaseOrderLine
    from .purchasing.receiving import receive
    lines = []
    for line in PurchaseOrderLine.select().where(PurchaseOrderLine.order == order.id):
        qty = (line.qty_ordered * share).to_integral_value()
        if qty <= 0:
            continue
        entry = {"order_line_id": line.id, "qty": qty, "location_id": rng.choice(bins).id}
        if line.product.tracks_lots:
            entry.update(lot=f"L{rng.randint(1000, 9999)}",
                         expiry=f"2027-{rng.randint(1, 12):02d}-28")
        lines.append(entry)
    return receive(order.id, lines, actor)


def _purchasing(rng, places, products, suppliers, actor):
    from .purchasing.service import close_order
    sh, sh_bins = places["SH"]
    gz, gz_bins = places["GZ"]
    stocked = products[:170]
    for i, supplier in enumerate(suppliers):
        chunk = stocked[i::len(suppliers)]
        lines = [{"product_id": p.id, "unit_cost": p.cost,
                  "qty_ordered": rng.choice([24, 48, 60, 120, 200])} for p in chunk]
        # Every tenth product arrives in small numbers, so it sits near its minimum.
        for line, product in zip(lines, chunk):
            if product.id % 10 == 0:
                line["qty_ordered"] = rng.choice([12, 18, 24])
        closed = _purchase(supplier, sh, lines, actor)
        _receive_all(closed, sh_bins, rng, actor)
        close_order(closed.id, actor)
        partly = _purchase(supplier, sh, [dict(l, qty_ordered=60) for l in lines[:6]], actor)
        _receive_all(partly, sh_bins, rng, actor, Decimal("0.5"))
        _purchase(supplier, sh, [dict(l, qty_ordered=100) for l in lines[6:10]], actor)
        gz_order = _purchase(supplier, gz, [dict(l, qty_ordered=30) for l in lines[:8]], actor)
        _receive_all(gz_order, gz_bins, rng, actor)
    from .purchasing.service import create_order
    create_order({"supplier_id": suppliers[0].id, "warehouse_id": sh.id, "lines": [
        {"product_id": p.id, "unit_cost": p.cost, "qty_ordered": 50} for p in products[170:180]]},
        actor)
    _purchase(suppliers[1], sh, [{"product_id": p.id, "unit_cost": p.cost, "qty_ordered": 500}
                                 for p in products[180:195]], actor, approval_amount=Decimal(5000))


def _thresholds(places, products, actor):
    from .stock.service import set_thresholds
    sh, _ = places["SH"]
    for product in products:
        set_thresholds(product.id, sh.id, {"min_qty": Decimal(20), "reorder_point": Decimal(30),
                                           "max_qty": Decimal(400)}, actor)


def _sell(customer, warehouse, products, rng, actor):
    from .sales.service import create_order
    chosen = rng.sample(products, rng.randint(2, 5))
    return create_order({"customer_id": customer.id, "warehouse_id": warehouse.id, "lines": [
        {"product_id": p.id, "qty_ordered": Decimal(rng.randint(1, 6))} for p in chosen]}, actor)


def _pick_all(order, actor, limit=None):
    from .sales.picking import pick, pick_list
    items = [i for i in pick_list(order.id, actor)["items"] if i["pick_qty"] > 0][:limit]
    for item in items:
        pick(order.id, {"order_line_id": item["order_line_id"], "location_id": item["location_id"],
                        "qty": item["pick_qty"], "lot_id": item["lot_id"]}, actor)


def _sales(rng, places, products, customers, actor):
    from .sales.service import confirm_order
    from .sales.shipping import ship_order
    sh, _ = places["SH"]
    stocked = [p for p in products[:170] if p.id % 10]
    for i, customer in enumerate(customers):
        shipped = _sell(customer, sh, stocked, rng, actor)
        confirm_order(shipped.id, actor)
        _pick_all(shipped, actor)
        ship_order(shipped.id, {}, actor)
        if i % 2 == 0:
            confirm_order(_sell(customer, sh, stocked, rng, actor).id, actor)
        if i % 3 == 0:
            picking = _sell(customer, sh, stocked, rng, actor)
            confirm_order(picking.id, actor)
            _pick_all(picking, actor, limit=1)
        if i % 4 == 0:
            _sell(customer, sh, stocked, rng, actor)


def seed_demo():
    """Load the demo data into an empty database; returns a one-line summary."""
    from .stock.ledger import Actor
    rng = random.Random(2026)
    with writing():
        users = _users()
        actor = Actor(user_id=users["admin"], device="demo-seed")
        places = _warehouses(actor)
        products = _products(rng)
        suppliers, customers = _partners()
        _purchasing(rng, places, products, suppliers, actor)
        _thresholds(places, products, actor)
        _sales(rng, places, products, customers, actor)
    return (f"demo data: {len(products)} products, {len(suppliers)} suppliers, "
            f"{len(customers)} customers, 2 warehouses, users {', '.join(users)}")
