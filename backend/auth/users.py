"""People: created by an admin or a manager, limited to warehouses, revoked.

Nobody grants more than they hold: a new or changed user's role may not carry a permission the
grantor lacks, and a grantor limited to some warehouses may only give those (a user with no
warehouses may work in all, so a limited grantor must name them: an unnamed limit is refused
rather than filled in, so what was granted is always what was asked for). Approvers (and their
enrolment links) are an admin's to make, or a manager could approve their own requests through
a second account of their own.
"""
import peewee

from ..db import writing
from ..errors import Forbidden, NotFound, from_body
from .models import Passkey, User, UserWarehouse
from .permissions import permissions_of
from .sessions import end_all_sessions

DECIDES = "approvals.decide"


def _require_within(grantor, role, warehouses, verb="give"):
    """Refuse a role or warehouses beyond the grantor's own. Raises Forbidden."""
    beyond = sorted(permissions_of(role) - grantor.permissions)
    if beyond:
        raise Forbidden(f"You may not {verb} the role {role}: it may do what you may not "
                        f"({', '.join(beyond[:3])}).", field="role", code="grant_exceeds_own")
    # A manager who could make (or enrol) another approver could approve their own requests
    # through an account they hold themselves: approvers are an admin's to make.
    if DECIDES in permissions_of(role) and not grantor.may("users.admin"):
        raise Forbidden(f"Only an admin may {verb} a user who decides approvals ({role}).",
                        field="role", code="grant_needs_admin")
    if grantor.warehouses is None:
        return
    if not warehouses:  # none named (None or []) means every warehouse
        raise Forbidden("You are limited to some warehouses, so you may only "
                        f"{verb} a user limited to yours: name them in warehouses.",
                        field="warehouses", code="grant_exceeds_own")
    outside = sorted(set(warehouses) - grantor.warehouses)
    if outside:
        raise Forbidden(f"Warehouse {outside[0]} is not one of yours.", field="warehouses",
                        code="grant_exceeds_own")


def get_user(user_id):
    """One user. Raises NotFound."""
    user = User.get_or_none(User.id == user_id)
    if user is None:
        raise NotFound(f"User {user_id} does not exist.")
    return user


def _limited_elsewhere(actor):
    """SQL: the user is limited to a warehouse outside the actor's."""
    outside = UserWarehouse.select().where(UserWarehouse.user == User.id,
                                           UserWarehouse.warehouse_id.not_in(
                                               sorted(actor.warehouses)))
    return peewee.fn.EXISTS(outside)


def search_users(actor):
    """A query of the users a (limited) actor may see: none of another warehouse's."""
    query = User.select()
    return query if actor.warehouses is None else query.where(~_limited_elsewhere(actor))


def visible_user(user_id, actor):
    """One user, unless they are limited to a warehouse outside the actor's; NotFound,
    Forbidden "warehouse"."""
    user = get_user(user_id)
    if actor.warehouses is not None and not search_users(actor).where(User.id == user.id).exists():
        raise Forbidden(f"User {user.username} works in a warehouse outside yours.",
                        code="warehouse")
    return user


def warehouses_of(user_id):
    """The warehouse ids a user is limited to, or None for all."""
    ids = [r.warehouse_id for r in UserWarehouse.select().where(UserWarehouse.user == user_id)
           .order_by(UserWarehouse.warehouse_id)]
    return ids or None


def _set_warehouses(user_id, warehouse_ids):
    from ..stock.service import get_warehouse
    for n, warehouse_id in enumerate(warehouse_ids or []):
        from_body(f"warehouses.{n}", get_warehouse, warehouse_id)
    UserWarehouse.delete().where(UserWarehouse.user == user_id).execute()
    for warehouse_id in sorted(set(warehouse_ids or [])):
        UserWarehouse.create(user=user_id, warehouse_id=warehouse_id)


def create_user(data, grantor):
    """Create a user (no passkey yet: issue an enrolment link). Raises Forbidden, Invalid."""
    _require_within(grantor, data["role"], data.get("warehouses"))
    with writing():
        user = User.create(username=data["username"], display_name=data["display_name"],
                           role=data["role"])
        _set_warehouses(user.id, data.get("warehouses"))
    return user


def update_user(user_id, data, grantor):
    """Change role, active, warehouses or the sees_all_stock grant; deactivating signs the
    user out everywhere.

    The user must be within the grantor's reach before and after. Raises NotFound, Forbidden."""
    with writing():
        user = get_user(user_id)
        _require_within(grantor, user.role, warehouses_of(user.id), "change")
        _require_within(grantor, data.get("role", user.role),
                        data["warehouses"] if "warehouses" in data else warehouses_of(user.id))
        for name in ("role", "active", "display_name", "sees_all_stock"):
            if name in data:
                setattr(user, name, data[name])
        user.save()
        if "warehouses" in data:
            _set_warehouses(user.id, data["warehouses"])
        if data.get("active") is False:
            end_all_sessions(user.id)
    return user


def check_may_enrol(user_id, grantor):
    """Refuse an enrolment link for a user beyond the grantor's reach, or, unless the grantor
    is an admin, for a user who already has a passkey (the link would let its holder take the
    account over). Raises NotFound, Forbidden."""
    user = get_user(user_id)
    _require_within(grantor, user.role, warehouses_of(user.id), "enrol")
    if not grantor.may("users.admin") and user.passkeys.count() > 0:
        raise Forbidden(f"{user.username} already has a passkey: only an admin may give them "
                        "a new enrolment link.", code="re_enrolment")


def revoke_passkeys(user_id, grantor):
    """A lost phone: remove every passkey of the user and end their sessions.

    Raises NotFound, Forbidden (a user beyond the grantor's reach)."""
    with writing():
        user = get_user(user_id)
        _require_within(grantor, user.role, warehouses_of(user.id), "change")
        removed = Passkey.delete().where(Passkey.user == user_id).execute()
        end_all_sessions(user_id)
    return removed
