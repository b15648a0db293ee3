"""`make run`'s start-up prints admin's enrolment link only while admin has no passkey: a link
in the service's log is a way in for whoever reads it (issue 14, finding 8)."""
STARTUP = ["create-admin", "admin", "--if-no-passkey"]  # what the Makefile's `db` target runs


def links(app):
    from backend.auth.models import EnrolmentLink
    with app.app_context():
        return EnrolmentLink.select().count()


def test_start_up_prints_a_link_while_admin_has_no_passkey(app):
    result = app.test_cli_runner().invoke(args=STARTUP)
    assert result.exit_code == 0, result.output
    assert "/enrol/" in result.output and links(app) == 1
    assert "For a new link later: .venv/bin/flask --app backend create-admin admin" \
        in result.output


def test_start_up_prints_no_link_once_admin_has_a_passkey(app):
    from backend.auth.models import Passkey, User
    app.test_cli_runner().invoke(args=STARTUP)
    with app.app_context():
        admin = User.get(User.username == "admin")
        Passkey.create(user=admin, credential_id="cred-1", public_key=b"key", name="phone")
    result = app.test_cli_runner().invoke(args=STARTUP)
    assert result.exit_code == 0, result.output
    assert "/enrol/" not in result.output and links(app) == 1
    assert "has a passkey: no link printed" in result.output
    assert ".venv/bin/flask --app backend create-admin admin" in result.output


def test_asking_for_a_link_gives_one_even_with_a_passkey(app):
    from backend.auth.models import Passkey, User
    app.test_cli_runner().invoke(args=STARTUP)
    with app.app_context():
        admin = User.get(User.username == "admin")
        Passkey.create(user=admin, credential_id="cred-1", public_key=b"key", name="phone")
    result = app.test_cli_runner().invoke(args=["create-admin", "admin"])
    assert result.exit_code == 0 and "/enrol/" in result.output


def test_a_localhost_link_comes_without_a_qr_code_and_points_phones_to_https(app):
    result = app.test_cli_runner().invoke(args=STARTUP)  # PUBLIC_URL: http://localhost:8000
    assert "http://localhost:8000/" in result.output
    assert "█" not in result.output and "▀" not in result.output  # no QR code
    assert "make run-https" in result.output


def test_a_lan_link_comes_with_its_qr_code(app):
    app.extensions["settings"].public_url = "https://stock-pc.local:8443"
    result = app.test_cli_runner().invoke(args=STARTUP)
    assert "https://stock-pc.local:8443/" in result.output
    assert "█" in result.output or "▀" in result.output or "▄" in result.output
