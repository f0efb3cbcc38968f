"""Every SaferHub model has exactly one access policy, or a stated reason why it needs none."""

import inspect

from django.apps import apps

from saferhub.policy import registry

# Models that are never shown or listed on their own, each with the reason.
NO_POLICY = {
    # Reached only through the user it belongs to (the users policy), never listed by itself.
}


def test_every_model_has_an_access_policy():
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("saferhub."):
            continue
        if model not in registry() and model._meta.label not in NO_POLICY:
            missing.append(model._meta.label)
    assert not missing, f"models without an access policy in their app's access.py: {missing}"


def test_every_policy_states_its_rule():
    for model, policy in registry().items():
        assert (inspect.getdoc(type(policy)) or "").strip(), (
            f"{type(policy).__name__} ({model.__name__}) has no docstring"
        )


def test_links_between_apps_are_in_place_from_start_up():
    """The incidents app widens the register's view as soon as Django is ready, not only after
    something happens to import its access module."""
    from saferhub.register.access import LOCATION_LINKS, PERSON_LINKS

    assert PERSON_LINKS and LOCATION_LINKS
