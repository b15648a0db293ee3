"""People: created by an admin (or a manager, for non-admins), limited to warehouses, revoked."""
import peewee

from ..db import writing
from ..errors import Forbidden, NotFound
from .models import Passkey, User, UserWarehouse
from .sessions import end_all_sessions


def _require_may_manage(actor_role, role):
    if role == "admin" and actor_role != "admin":
        raise Forbidden("Only an admin may create or change admins.", field="role")


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
    for warehouse_id in warehouse_ids or []:
        get_warehouse(warehouse_id)
    UserWarehouse.delete().where(UserWarehouse.user == user_id).execute()
    for warehouse_id in sorted(set(warehouse_ids or [])):
        UserWarehouse.create(user=user_id, warehouse_id=warehouse_id)


def create_user(data, actor_role):
    """Create a user (no passkey yet: issue an enrolment link). Raises Forbidden, NotFound."""
    _require_may_manage(actor_role, data["role"])
    with writing():
        user = User.create(username=data["username"], display_name=data["display_name"],
                           role=data["role"])
        _set_warehouses(user.id, data.get("warehouses"))
    return user


def update_user(user_id, data, actor_role):
    """Change role, active, warehouses or the sees_all_stock grant; deactivating signs the
    user out everywhere. Raises NotFound, Forbidden."""
    with writing():
        user = get_user(user_id)
        _require_may_manage(actor_role, data.get("role", user.role))
        for name in ("role", "active", "display_name", "sees_all_stock"):
            if name in data:
                setattr(user, name, data[name])
        user.save()
        if "warehouses" in data:
            _set_warehouses(user.id, data["warehouses"])
        if data.get("active") is False:
            end_all_sessions(user.id)
    return user


def check_may_enrol(user_id, actor_role):
    """Refuse a manager enrolling an admin. Raises NotFound, Forbidden."""
    _require_may_manage(actor_role, get_user(user_id).role)


def revoke_passkeys(user_id):
    """A lost phone: remove every passkey of the user and end their sessions. Raises NotFound."""
    with writing():
        get_user(user_id)
        removed = Passkey.delete().where(Passkey.user == user_id).execute()
        end_all_sessions(user_id)
    return removed
