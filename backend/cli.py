"""Command-line tasks: `flask --app backend init-db | seed-demo | create-admin`."""
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
    def create_admin(username, name):
        """Create an admin (or re-issue an existing admin's link) and print a one-time
        enrolment link with its QR code, to register a passkey from a phone."""
        import segno
        from flask import current_app
        from .auth.enrolment import create_link
        from .auth.models import User
        from .migrations import migrate
        migrate()
        with db.atomic():
            user = User.get_or_none(User.username == username)
            if user is None:
                user = User.create(username=username, display_name=name or username, role="admin")
            elif user.role != "admin":
                raise click.ClickException(f"{username} exists and is not an admin.")
        settings = current_app.extensions["settings"]
        link, url, _token = create_link(settings, user.id)
        click.echo(f"admin {username}: open this link on the phone that will sign in "
                   f"(valid once, until {link.expires_at:%Y-%m-%d %H:%M} UTC):\n{url}\n")
        segno.make(url, error="m").terminal(compact=True)
