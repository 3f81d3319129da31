"""Build the test templates of the configured database ahead of pytest: `python -m tests.prebuild`.

`make test` runs this twice in the background. For SQLite, before the lint and pytest's start:
the embedded profile's tests that need the migrated template (tests/database.py) or the demo
template (tests/demo_database.py) wait for it under their locks, and it has a head start. For
PostgreSQL while the embedded profile runs, so the services profile finds both ready instead of
building them on one worker while the other waits.
Building is what the first test process would do itself, under the same locks; nothing else
is written (the copy made on the way is dropped).
"""

import os
import tempfile
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cluster.settings.test")
    import django

    django.setup()
    from django.db import connection

    from tests import database, demo_database

    with tempfile.TemporaryDirectory() as workdir:
        saved = connection.settings_dict["TEST"].get("NAME")
        connection.settings_dict["TEST"]["NAME"] = f"{connection.settings_dict['NAME']}_prebuild"
        try:
            database.prepare_from_template("default", "prebuild", Path(workdir), 0)
            with database.template_lock(f"{connection.vendor}-demo"):
                demo_database.ensure_template(connection)
        finally:
            if connection.vendor == "postgresql":
                with connection.creation._nodb_cursor() as cursor:
                    name = connection.ops.quote_name(connection.settings_dict["TEST"]["NAME"])
                    cursor.execute(f"DROP DATABASE IF EXISTS {name}")
            connection.settings_dict["TEST"]["NAME"] = saved
    print(f"test templates ready ({connection.vendor})")


if __name__ == "__main__":
    main()
