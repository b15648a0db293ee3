"""Command-line tasks: `flask --app backend init-db | seed-demo | create-user`."""
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

    @app.cli.command("create-user")
    @click.argument("username")
    @click.option("--role", default="admin")
    @click.option("--name", default=None)
    def create_user(username, role, name):
        """Create a user with a role."""
        from .auth.models import User
        with db.atomic():
            User.create(username=username, display_name=name or username, role=role)
        click.echo(f"user {username} ({role}) created")
