"""Document state machines: each document's moves in one table, claimed under its row lock.

A document's table maps an action to the statuses it may start from and the statuses it may
end in (none: the status stays). A service claims an action as the first thing it does to a
document: the row is read with the row lock (ROW_LOCK on PostgreSQL; on SQLite the writer
lock taken by writing() already serialises writers), so the status it checks stays true until
commit, and the documents of one transaction are locked in the order the services claim them.

Every action taken (and every start) tells the document's room once per request, after commit:
`document.changed` {type (the document's table), id, number, status}, to
"document:<type>:<id>" (events/rooms.py says who may join it).
"""
import importlib

from .auth.access import require_warehouse
from .db.fields import utcnow
from .db.sql import fetch, update_row
from .errors import Conflict, NotFound
from .events.queue import queue_once

# The modules declaring a machine, one per area with documents: the README prints them all.
DECLARED_IN = ("backend.purchasing.states", "backend.sales.states", "backend.transfers.states",
               "backend.stocktake.states", "backend.stock.states", "backend.approvals.states")


class StateMachine:
    """One document's statuses and the actions that move it between them."""

    def __init__(self, model, noun, id_field, statuses, initial, transitions, code="bad_state"):
        self.model, self.noun, self.id_field = model, noun, id_field
        self.statuses, self.initial = statuses, initial
        self.transitions = {action: (tuple(sources), tuple(targets))
                            for action, (sources, targets) in transitions.items()}
        self.code = code  # the error code clients know this document's refusals by
        self.stamp = model._meta.fields.get("updated_at")

    def allowed(self, status):
        """The actions allowed from `status`, in declaration order."""
        return [action for action, (sources, _) in self.transitions.items() if status in sources]

    def label(self, row):
        """How messages name the document: its number, else its id."""
        return getattr(row, "number", None) or row.id

    def refusal(self, row, action, field="status"):
        """The 409 for `action` on a document whose status does not allow it."""
        allowed = self.allowed(row.status)
        named = ", ".join(a.replace("_", " ") for a in allowed)
        why = (f"it is {row.status}; from {row.status} it can {named}." if allowed
               else f"it is {row.status}, which is final.")
        return Conflict(f"Cannot {action.replace('_', ' ')} {self.noun.lower()} "
                        f"{self.label(row)}: {why}",
                        field=field, code=self.code,
                        extra={"status": row.status, "allowed": allowed})

    def check(self, row, action, field="status"):
        """Conflict (the machine's code, naming the status and the allowed actions) unless
        `action` may start from the row's status."""
        if row.status not in self.transitions[action][0]:
            raise self.refusal(row, action, field)

    def lock(self, doc_id, actor=None, warehouse="warehouse_id"):
        """The document with its row locked; NotFound, Forbidden "warehouse" unless the actor
        works at its `warehouse` (None: the caller has checked access)."""
        found = fetch(self.model, "id = ?", (doc_id,), lock=True)
        if not found:
            raise NotFound(f"{self.noun} {doc_id} does not exist.", field=self.id_field)
        if warehouse is not None:
            require_warehouse(actor, getattr(found[0], warehouse))
        return found[0]

    def start(self, row, status):
        """Give a document made in this transaction another of its initial statuses."""
        if status not in self.initial:
            raise ValueError(f"{self.noun}s do not start {status}")
        update_row(self.model, row.id, "status = ?", (status,), current=row)
        row.status = status
        self.announce(row)
        return row

    def announce(self, row):
        """Queue the request's one document.changed of this document (its status at commit)."""
        doc_type = self.model._meta.table_name
        queue_once(("document.changed", doc_type, row.id), "document.changed",
                   lambda: {"type": doc_type, "id": row.id,
                            "number": getattr(row, "number", None), "status": row.status},
                   f"document:{doc_type}:{row.id}")

    def move(self, row, action, to=None, touch=False, **changes):
        """Take `action` on a locked row: Conflict unless allowed from its status, then write
        status `to` (or the action's only target) with `changes`; `touch` stamps an edit that
        keeps the status. An action with several targets writes nothing until given one."""
        self.check(row, action)
        self.announce(row)
        targets = self.transitions[action][1]
        if to is None:
            to = targets[0] if len(targets) == 1 else row.status
        elif to not in targets:
            raise ValueError(f"{self.noun}: {action} does not lead to {to}")
        if to == row.status and not touch and not changes:
            return row  # the hot paths' scans: nothing to write, the lock is already held
        changes["status"] = to
        if self.stamp is not None:
            changes[self.stamp.name] = utcnow()
        fields = [self.model._meta.fields[name] for name in changes]
        update_row(self.model, row.id, ", ".join(f'"{f.column_name}" = ?' for f in fields),
                   [f.db_value(changes[f.name]) for f in fields], current=row)
        for name, value in changes.items():
            setattr(row, name, value)
        return row

    def claim(self, doc_id, action, actor=None, warehouse="warehouse_id", to=None, touch=False,
              **changes):
        """Lock the document, check `action` is allowed from its status and take it; the row.

        NotFound, Forbidden "warehouse", Conflict (the machine's code)."""
        row = self.lock(doc_id, actor, warehouse)
        return self.move(row, action, to, touch, **changes)

    def markdown(self):
        """The table as the README prints it."""
        rows = [f"**{self.noun}** (starts {' or '.join(self.initial)})", "",
                "| action | from | to |", "|---|---|---|"]
        for action, (sources, targets) in self.transitions.items():
            rows.append(f"| {action} | {', '.join(sources)} | "
                        f"{', '.join(targets) or '(stays)'} |")
        return "\n".join(rows)


def declared():
    """Every document's machine, in README order."""
    machines = []
    for name in DECLARED_IN:
        module = importlib.import_module(name)
        machines += [value for value in vars(module).values() if isinstance(value, StateMachine)]
    return machines


def readme_section():
    """The README's "Document states" tables, generated from the declarations."""
    return "\n\n".join(machine.markdown() for machine in declared()) + "\n"
