"""What the URL walk needs from this app (bedoeling/orgs/tests/test_url_walk.py)."""

from bedoeling.cases import selectors, services

PUBLIC: set[str] = set()


def _case(org, cast):
    return services.case_create(org, cast.member, title="Casus", situation="s", dilemma="d",
                                question="v", purpose_part="statement").pk


ARGUMENTS = {"case": _case}


def _method(org, cast):
    name = f"Eigen {selectors.custom_methods(org).count() + 1}"
    return services.custom_method_save(org, cast.facilitator, name=name,
                                       steps=["sketch", "evaluation"]).pk


ARGUMENTS["method"] = _method
