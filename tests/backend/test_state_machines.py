"""Each document's state table against the code that moves it and the README that prints it."""
import ast
import importlib
import pathlib
import re

import peewee
import pytest

from backend.state_machine import DECLARED_IN, StateMachine, declared, readme_section

ROOT = pathlib.Path(__file__).resolve().parents[2]
MACHINES = declared()
TAKING = {"claim", "move", "check"}  # the helper's calls that name an action


def machine_names():
    """{variable name: machine} over the modules that declare them."""
    names = {}
    for module_name in DECLARED_IN:
        for name, value in vars(importlib.import_module(module_name)).items():
            if isinstance(value, StateMachine):
                names[name] = value
    return names


def constants(node):
    """The string constants an action argument can be (`"a" if x else "b"` gives both)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return constants(node.body) | constants(node.orelse)
    return set()


def backend_calls():
    """(machine name, method, call node) of every call on a machine in backend/."""
    names = machine_names()
    for path in sorted((ROOT / "backend").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in names):
                yield node.func.value.id, node.func.attr, node, path


def actions_used():
    """{machine name: actions the code claims, moves or checks}."""
    used = {}
    for name, method, call, _ in backend_calls():
        if method in TAKING and len(call.args) >= 2:
            used.setdefault(name, set()).update(constants(call.args[1]))
    return used


@pytest.mark.parametrize("machine", MACHINES, ids=lambda m: m.noun)
def test_every_status_is_reachable_from_a_start(machine):
    reached, frontier = set(machine.initial), list(machine.initial)
    while frontier:
        status = frontier.pop()
        for sources, targets in machine.transitions.values():
            if status in sources:
                new = set(targets) - reached
                reached |= new
                frontier += new
    assert reached == set(machine.statuses)


@pytest.mark.parametrize("machine", MACHINES, ids=lambda m: m.noun)
def test_the_table_names_only_declared_statuses(machine):
    named = set(machine.initial)
    for sources, targets in machine.transitions.values():
        named |= set(sources) | set(targets)
    assert named == set(machine.statuses)


@pytest.mark.parametrize("name", sorted(machine_names()))
def test_every_declared_action_is_taken_somewhere_and_no_other(name):
    assert actions_used().get(name, set()) == set(machine_names()[name].transitions)


def test_every_model_with_a_status_has_a_machine():
    from backend import create_app  # noqa: F401  (imports every area's models)
    with_status = {model for model in _models(peewee.Model) if "status" in model._meta.fields
                   and model._meta.table_name != "idempotency_key"}
    assert with_status == {machine.model for machine in MACHINES}


def _models(base):
    for sub in base.__subclasses__():
        yield sub
        yield from _models(sub)


def test_only_the_helper_writes_a_document_status():
    machine_models = {machine.model.__name__ for machine in MACHINES}
    writes = []
    for path in sorted((ROOT / "backend").rglob("*.py")):
        if path.name == "state_machine.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Attribute) and t.attr == "status"
                    and getattr(t.value, "id", None) != "self" for t in node.targets):
                writes.append(f"{path.name}:{node.lineno}")
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("update", "create", "insert")
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in machine_models
                    and any(k.arg == "status" for k in node.keywords)):
                writes.append(f"{path.name}:{node.lineno}")
    assert writes == []


def test_the_readme_prints_the_tables():
    readme = (ROOT / "README.md").read_text()
    section = re.search(r"^### Document states\n.*?\n\n(.*?)(?=^#|\Z)", readme, re.S | re.M)
    assert section, "README.md has no ### Document states section"
    assert section.group(1).strip() == readme_section().strip(), (
        "Paste the output of: python -c 'from backend.state_machine import readme_section; "
        "print(readme_section())'")
