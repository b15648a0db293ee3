"""What `make run` and `make run-https` tell the person starting them (issue 14, "as a new user
would"): the one address to open, never 0.0.0.0, and where phones go; Chromium is for tests."""
import os
import re
import runpy
import subprocess

from config import ROOT

GUNICORN_CONF = os.path.join(ROOT, "config", "gunicorn.conf.py")


def started(monkeypatch, capsys, **env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    runpy.run_path(GUNICORN_CONF)["when_ready"](None)
    return capsys.readouterr().out


def test_make_run_prints_the_local_address_and_sends_phones_to_https(monkeypatch, capsys):
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    out = started(monkeypatch, capsys, PORT="8000")
    assert "open http://localhost:8000" in out and "make run-https" in out
    assert "0.0.0.0" not in out


def test_make_run_https_prints_the_phones_address(monkeypatch, capsys):
    out = started(monkeypatch, capsys, PUBLIC_URL="https://stock-pc.local:8443")
    assert "open https://stock-pc.local:8443" in out and "make run-https" not in out


def test_gunicorn_does_not_announce_the_address_it_binds():
    assert runpy.run_path(GUNICORN_CONF)["loglevel"] == "warning"


def make_dry_run(target, **env):
    return subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, **env), check=True).stdout


def test_make_run_serves_this_computer_and_installs_no_browser():
    commands = make_dry_run("run")
    assert "--bind 127.0.0.1:8000" in commands
    assert "chromium" not in commands


def test_make_test_installs_the_browser():
    assert re.search(r"for pkg in [^;]*chromium", make_dry_run("test"))


def test_make_run_https_serves_the_lan_under_the_machines_name():
    commands = make_dry_run("run-https")
    assert "--bind 0.0.0.0:8443" in commands and "--certfile" in commands
