"""Command-line tasks: `flask --app backend init-db | seed-demo | create-admin | create-token |
vapid-keys`."""
from urllib.parse import urlparse

import click

from .db import db


def init_app(app):
    """Register the commands on the app."""

    @app.cli.command("init-db")
    def init_db():
        """Create the schema, or upgrade an existing database to the latest version."""
        from .migrations import migrate
        before, after = migrate()
        click.echo(f"schema: created at version {after}" if before is None
                   else f"schema: version {before} -> {after}")

    @app.cli.command("vapid-keys")
    def vapid_keys():
        """Create the Web Push (VAPID) key pair under DATA_DIR if there is none; print the
        public key."""
        from flask import current_app

        from .push import vapid
        settings = current_app.extensions["settings"]
        vapid.ensure_keys(settings)  # the app's start may have made it already
        click.echo(f"VAPID key pair: {vapid.key_path(settings)}\n"
                   f"public key: {vapid.public_key(settings)}")

    @app.cli.command("seed-demo")
    @click.option("--if-empty", is_flag=True, help="Only seed a database without products.")
    def seed_demo(if_empty):
        """Load the demo data set (warehouses, products, partners, orders)."""
        from .migrations import migrate
        from .seed import seed_demo as run
        migrate()
        from .catalog.models import Product
        if if_empty and Product.select().exists():
            click.echo("demo data: database already has products, left alone")
            return
        click.echo(run())

    @app.cli.command("create-admin")
    @click.argument("username")
    @click.option("--name", default=None, help="Display name (default: the username).")
    @click.option("--if-no-passkey", is_flag=True,
                  help="Print a link only while the admin has no passkey (for start-up).")
    def create_admin(username, name, if_no_passkey):
        """Create an admin (or re-issue an existing admin's link) and print a one-time
        enrolment link with its QR code, to register a passkey from a phone."""
        from .auth.models import Passkey
        from .migrations import migrate
        migrate()
        user = _admin(username, name)
        if if_no_passkey and Passkey.select().where(Passkey.user == user.id).exists():
            # A link in the service's log would let whoever reads it add a passkey to admin.
            click.echo(f"admin {username} has a passkey: no link printed. For a link to add "
                       f"another phone: {ADMIN_LINK_COMMAND.format(username=username)}")
            return
        _print_link(user)

    @app.cli.command("create-token")
    @click.argument("name")
    @click.option("--role", default=None,
                  help="The token's role (default: the --user's role).")
    @click.option("--scope", "scopes", multiple=True,
                  help="Limit the token to an area (catalog, stock, sales, ...); repeatable.")
    @click.option("--user", "username", default=None,
                  help="Act as this user: moves and documents record them, and their "
                       "role and warehouses limit the token.")
    def create_token(name, role, scopes, username):
        """Create an API token for an ERP, CRM or script and print its secret (shown only
        here; it is stored hashed). Send it as `Authorization: Bearer <token>`."""
        from .auth.models import User
        from .auth.tokens import issue_token
        from .errors import ApiError
        from .migrations import migrate
        migrate()
        user_id = None
        if username is not None:
            user = User.get_or_none(User.username == username)
            if user is None:
                raise click.ClickException(f"There is no user {username}.")
            user_id = user.id
        try:
            token, secret = issue_token(name, role, scopes, user_id)
        except ApiError as error:
            raise click.ClickException(error.message) from None
        scope = ", ".join(token.scopes.split(",")) if token.scopes else "every area"
        click.echo(f"token {name} (role {token.role}, {scope}); keep it secret, it is shown "
                   f"only now:\n{secret}")


LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
ADMIN_LINK_COMMAND = ".venv/bin/flask --app backend create-admin {username}"


def _admin(username, name):
    """The admin user `username`, created if missing; ClickException for a non-admin."""
    from .auth.models import User
    with db.atomic():
        user = User.get_or_none(User.username == username)
        if user is None:
            user = User.create(username=username, display_name=name or username, role="admin")
        elif user.role != "admin":
            raise click.ClickException(f"{username} exists and is not an admin.")
    return user


def _print_link(user):
    """Make a one-time enrolment link for `user` and print it with its QR code."""
    import segno
    from flask import current_app

    from .auth.enrolment import create_link
    settings = current_app.extensions["settings"]
    link, url, _token = create_link(settings, user.id)
    if urlparse(url).hostname in LOCAL_HOSTS:  # a phone scanning a QR code cannot open it
        click.echo(f"admin {user.username}: open this link in a browser on this computer "
                   f"(valid once, until {link.expires_at:%Y-%m-%d %H:%M} UTC):\n{url}\n"
                   f"To sign in from a phone instead, serve with `make run-https`.")
    else:
        click.echo(f"admin {user.username}: open this link on the phone that will sign in "
                   f"(valid once, until {link.expires_at:%Y-%m-%d %H:%M} UTC):\n{url}\n")
        segno.make(url, error="m").terminal(compact=True)
    click.echo(f"For a new link later: {ADMIN_LINK_COMMAND.format(username=user.username)}")
