"""Walk every URL pattern of the project as a member of another organisation and as an
anonymous visitor. New URLs are covered automatically: a pattern whose arguments nobody
registered makes this test fail, and so does a pattern that answers anything but 404."""

import importlib

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse


def _patterns(resolvers=None, namespace=""):
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}{ns}:" if ns else namespace
            yield from _patterns(entry.url_patterns, full)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def _registry():
    public, arguments = set(), {}
    for app in settings.INSTALLED_APPS:
        if not app.startswith("bedoeling."):
            continue
        try:
            module = importlib.import_module(f"{app}.tests.urlwalk")
        except ModuleNotFoundError:
            continue
        public |= set(module.PUBLIC)
        arguments.update(module.ARGUMENTS)
    return public, arguments


def _full_converters(name):
    """Parameters of the whole route, including those of enclosing includes."""
    resolver = get_resolver()
    ns_path = name.split(":")
    view_name = ns_path[-1]
    for ns in ns_path[:-1]:
        _prefix, resolver = resolver.namespace_dict[ns]
    possibilities = resolver.reverse_dict.getlist(view_name)
    names = set()
    for possibility, _pattern, _defaults, _converters in possibilities:
        for _result, params in possibility:
            names |= set(params)
    return names


@pytest.mark.django_db
def test_every_url_is_404_for_a_member_of_another_organisation(cast, client_for):
    public, factories = _registry()
    victim = cast.org
    outsider = client_for(cast.outsider)
    anonymous = client_for()
    checked, missing = [], []
    for name, _pattern in _patterns():
        if name in public:
            continue
        params = _full_converters(name)
        unknown = params - set(factories)
        if unknown:
            missing.append(f"{name}: {sorted(unknown)}")
            continue
        values = {p: factories[p](victim, cast) for p in params}
        url = reverse(name, kwargs=values)
        for method in ("get", "post"):
            response = getattr(outsider, method)(url)
            assert response.status_code == 404, (
                f"{method.upper()} {url} ({name}) gave {response.status_code} to an outsider"
            )
            response = getattr(anonymous, method)(url)
            assert response.status_code in (302, 404), (
                f"{method.upper()} {url} ({name}) gave {response.status_code} to a visitor"
            )
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("accounts:login"))
        checked.append(name)
    assert not missing, (
        "Register how to build these URL arguments in <app>/tests/urlwalk.py: "
        + "; ".join(missing)
    )
    assert len(checked) >= 10
