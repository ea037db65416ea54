"""A throwaway database for the benchmarks that fill one: of the configured kind
(`test_<name>` on PostgreSQL, SQLite otherwise), set up the way Django's test runner does,
and removed afterwards — so that `make bench` can run one suite after another."""

import os


def open_test_db():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bedoeling.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return connection, old_name


def close_test_db(connection, old_name) -> None:
    from django.test.utils import teardown_test_environment

    connection.creation.destroy_test_db(old_name, verbosity=0)
    teardown_test_environment()
