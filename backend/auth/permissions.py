"""Who may use what: THE table. Every Flask endpoint and Socket.IO event is declared here.

A permission is "<area>.<verb>"; API tokens scoped to areas keep only the permissions of
those areas. An endpoint missing from ENDPOINTS is refused (403 "undeclared") and fails
tests/backend/auth/test_permission_walk.py, so a new route cannot slip through.
"""

PUBLIC = "public"  # anyone, signed in or not

ROLE_PERMISSIONS = {
    "readonly": {
        "account.self", "catalog.read", "stock.read", "purchasing.read", "sales.read",
        "transfers.read", "stocktake.read", "approvals.read", "scan.use",
    },
    "sales": {
        "account.self", "catalog.read", "stock.read", "sales.read", "sales.write", "scan.use",
    },
    "warehouse": {
        "account.self", "catalog.read", "stock.read", "stock.lots", "purchasing.read",
        "purchasing.receive", "purchasing.return", "sales.read", "sales.pick", "sales.ship",
        "sales.return", "transfers.read", "transfers.write", "transfers.ship",
        "transfers.receive", "stocktake.read", "stocktake.count", "scan.use",
    },
}
ROLE_PERMISSIONS["manager"] = set().union(*ROLE_PERMISSIONS.values()) | {
    "catalog.write", "stock.setup", "stock.adjust", "purchasing.write", "stocktake.manage",
    "approvals.read", "approvals.decide", "users.read", "users.create", "audit.read",
}
# picking an expired lot, against first expiry first out (sales/fefo.py)
ROLE_PERMISSIONS["manager"] |= {"sales.override_fefo"}
ROLE_PERMISSIONS["admin"] = ROLE_PERMISSIONS["manager"] | {"users.admin", "tokens.manage"}

ENDPOINTS = {
    # outside the API, and the ways in
    "healthz": PUBLIC,
    "api-docs.openapi_json": PUBLIC,
    "auth.get_login_options": PUBLIC,
    "auth.log_in": PUBLIC,
    "auth.get_enrolment": PUBLIC,
    "auth.get_enrolment_options": PUBLIC,
    "auth.complete_enrolment": PUBLIC,
    "web.index": PUBLIC,  # the PWA shell and its files: no data, needed to sign in
    "web.manifest": PUBLIC,
    "web.service_worker": PUBLIC,
    "web.asset": PUBLIC,
    "web.ca_certificate": PUBLIC,
    "web.gs1_table": PUBLIC,
    "web.vendor_file": PUBLIC,
    # the signed-in user's own account
    "auth.get_signed_in_user": "account.self",
    "auth.log_out": "account.self",
    "auth.log_out_everywhere": "account.self",
    "auth.list_passkeys": "account.self",
    "auth.list_enrolment_links": "account.self",
    "auth.rename_passkey": "account.self",
    "auth.delete_passkey": "account.self",
    "auth.get_passkey_options": "account.self",
    "auth.add_passkey": "account.self",
    # people and integrations
    "users.list_users": "users.read",
    "users.get_user": "users.read",
    "users.create_user": "users.create",
    "users.create_enrolment_link": "users.create",
    "users.update_user": "users.admin",
    "users.revoke_user_passkeys": "users.admin",
    "tokens.list_tokens": "tokens.manage",
    "tokens.create_token": "tokens.manage",
    "tokens.revoke_token": "tokens.manage",
    "audit.list_audit_entries": "audit.read",
    # scanning (decoding and resolving codes: a lookup)
    "scan.resolve_code": "scan.use",
    "scan.resolve_code_posted": "scan.use",
    "scan.decode_image": "scan.use",
    # the device's offline copy (what the look-up needs: stock, prices, what is incoming)
    "device.get_device_catalog": "stock.read",
    # the floor screens' offline copy (sections by the caller's read permissions)
    "floor.get_floor_copy": "stock.read",
    # fast sync: any signed-in user; each operation then needs its own endpoint's permission
    "sync.apply_batch": "account.self",
    # imports and exports: the view checks the entity's own permission (imports/routes.py)
    "imports.create_import": "account.self",
    "imports.get_import_template": "account.self",
    "imports.get_export": "account.self",
    # catalog
    "catalog.list_products": "catalog.read",
    "catalog.get_product": "catalog.read",
    "catalog.look_up_code": "catalog.read",
    "catalog.create_product": "catalog.write",
    "catalog.update_product": "catalog.write",
    "catalog.add_barcode": "catalog.write",
    # stock
    "stock.list_warehouses": "stock.read",
    "stock.get_warehouse": "stock.read",
    "stock.list_locations": "stock.read",
    "stock.list_lots": "stock.read",
    "stock.list_stock_balances": "stock.read",
    "stock.list_stock_levels": "stock.read",
    "stock.list_stock_moves": "stock.read",
    "stock.create_warehouse": "stock.setup",
    "stock.create_location": "stock.setup",
    "stock.set_stock_thresholds": "stock.setup",
    # warehouses and bins: edit, walking order, deactivate
    "stock.update_warehouse": "stock.setup",
    "stock.update_location": "stock.setup",
    "stock.create_lot": "stock.lots",
    "stock.create_stock_adjustment": "stock.adjust",
    "stock.suggest_putaway": "stock.read",
    "stock.list_quarantine": "stock.read",
    "stock.release_quarantine": "stock.adjust",  # a manager's decision on returned goods
    "stock.write_off_quarantine": "stock.adjust",
    # low-stock alerts and reordering (a draft PO is a purchasing write)
    "alerts.list_alerts": "stock.read",
    "alerts.get_alert": "stock.read",
    "alerts.create_alert_purchase_order": "purchasing.write",
    "alerts.create_supplier_purchase_order": "purchasing.write",
    # Web Push: the server's key, and the signed-in user's own devices and choices
    "push.get_push_key": "account.self",
    "push.create_push_subscription": "account.self",
    "push.delete_push_subscription": "account.self",
    "push.get_notification_choices": "account.self",
    "push.set_notification_choices": "account.self",
    # live events: each is filtered by the rooms the caller may hear (events/rooms.py)
    "events.list_events": "account.self",
    # approvals
    "approvals.list_approvals": "approvals.read",
    "approvals.get_approval": "approvals.read",
    "approvals.approve_request": "approvals.decide",
    "approvals.reject_request": "approvals.decide",
    # purchasing
    "purchasing.list_suppliers": "purchasing.read",
    "purchasing.get_supplier": "purchasing.read",
    "purchasing.list_purchase_orders": "purchasing.read",
    "purchasing.get_purchase_order": "purchasing.read",
    "purchasing.get_purchase_order_line": "purchasing.read",
    "purchasing.get_purchase_receipt": "purchasing.read",
    "purchasing.get_purchase_return": "purchasing.read",
    "purchasing.create_supplier": "purchasing.write",
    "purchasing.update_supplier": "purchasing.write",
    "purchasing.create_purchase_order": "purchasing.write",
    "purchasing.update_purchase_order": "purchasing.write",
    "purchasing.add_purchase_order_line": "purchasing.write",
    "purchasing.update_purchase_order_line": "purchasing.write",
    "purchasing.delete_purchase_order_line": "purchasing.write",
    "purchasing.submit_purchase_order": "purchasing.write",
    "purchasing.cancel_purchase_order": "purchasing.write",
    "purchasing.close_purchase_order": "purchasing.write",
    "purchasing.receive_purchase_order": "purchasing.receive",
    "purchasing.finish_receiving_purchase_order": "purchasing.receive",  # closing short ends the receiving
    "purchasing.return_to_supplier": "purchasing.return",
    # sales
    "sales.list_customers": "sales.read",
    "sales.get_customer": "sales.read",
    "sales.list_sales_orders": "sales.read",
    "sales.get_sales_order": "sales.read",
    "sales.get_pick_list": "sales.read",
    "sales.list_sales_returns": "sales.read",
    "sales.get_sales_return": "sales.read",
    "sales.create_customer": "sales.write",
    "sales.update_customer": "sales.write",
    "sales.create_sales_order": "sales.write",
    "sales.update_sales_order": "sales.write",
    "sales.add_sales_order_line": "sales.write",
    "sales.update_sales_order_line": "sales.write",
    "sales.remove_sales_order_line": "sales.write",
    "sales.confirm_sales_order": "sales.write",
    "sales.cancel_sales_order": "sales.write",
    "sales.record_pick": "sales.pick",
    "sales.record_short_pick": "sales.pick",
    "sales.ship_sales_order": "sales.ship",
    "sales.get_pick_walk": "sales.pick",
    "sales.create_sales_return": "sales.return",
    "sales.list_shipments": "sales.read",
    # transfers
    "transfers.list_transfers": "transfers.read",
    "transfers.get_transfer": "transfers.read",
    "transfers.create_transfer": "transfers.write",
    "transfers.update_transfer": "transfers.write",
    "transfers.cancel_transfer": "transfers.write",
    "transfers.create_bin_move": "transfers.write",  # a move of stock, as a transfer is
    "transfers.get_bin_move": "transfers.read",
    "transfers.ship_transfer": "transfers.ship",
    "transfers.receive_transfer": "transfers.receive",
    "transfers.finish_transfer": "transfers.receive",  # the receiver reports what is short
    # stocktake
    "stocktake.list_stocktakes": "stocktake.read",
    "stocktake.get_stocktake": "stocktake.read",
    "stocktake.list_stocktake_variances": "stocktake.read",
    "stocktake.record_stocktake_count": "stocktake.count",
    "stocktake.create_stocktake": "stocktake.manage",
    "stocktake.submit_stocktake": "stocktake.manage",
    "stocktake.cancel_stocktake": "stocktake.manage",
    # stocktake on the phone: bins, and the review per place
    "stocktake.list_stocktake_bins": "stocktake.read",
    "stocktake.finish_stocktake_bin": "stocktake.count",
    "stocktake.remove_stocktake_bin_counts": "stocktake.count",
    "stocktake.set_stocktake_line_decision": "approvals.decide",
    "stocktake.finish_stocktake_review": "approvals.decide",
    # labels: the read permission of what is labelled (bins and documents: their warehouse too)
    "labels.get_product_label": "catalog.read",
    "labels.get_location_label": "stock.read",
    "labels.get_purchase_order_label": "purchasing.read",
    "labels.get_received_labels": "purchasing.read",
    "labels.get_sales_order_label": "sales.read",
    "labels.get_transfer_label": "transfers.read",
    "labels.get_stocktake_label": "stocktake.read",
}

# Socket.IO events, keyed "namespace event". Connecting needs a session or a bearer token.
SOCKET_EVENTS = {
    "/ connect": "account.self",
    "/ disconnect": PUBLIC,
    "/ scan.frame": "scan.use",
    "/ scan.reset": "scan.use",
    # live events: what a connection hears is checked per room (events/rooms.py)
    "/ live.hello": "account.self",
    "/ live.join": "account.self",
    "/ live.leave": "account.self",
    "/ live.catch_up": "account.self",
}


def permissions_of(role, scopes=()):
    """The permissions a role has, limited to the given areas when scopes are named."""
    granted = ROLE_PERMISSIONS.get(role, set())
    if scopes:
        granted = {p for p in granted if p == "account.self" or p.split(".")[0] in scopes}
    return frozenset(granted)


def rule_for(endpoint):
    """The permission an endpoint needs, PUBLIC, or None when it is undeclared."""
    return ENDPOINTS.get(endpoint)


def all_areas():
    """The areas a token's scopes may name."""
    return sorted({p.split(".")[0] for perms in ROLE_PERMISSIONS.values() for p in perms})


def markdown_table():
    """The role x permission table as Markdown (`python -m backend.auth.permissions`)."""
    roles = ["admin", "manager", "warehouse", "sales", "readonly"]
    names = sorted(ROLE_PERMISSIONS["admin"])
    lines = ["| permission | " + " | ".join(roles) + " |", "|---" * (len(roles) + 1) + "|"]
    for name in names:
        marks = ["✓" if name in ROLE_PERMISSIONS[r] else "" for r in roles]
        lines.append(f"| {name} | " + " | ".join(marks) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table())
