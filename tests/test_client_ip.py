"""The address recorded in the audit trail: REMOTE_ADDR, or X-Forwarded-For behind trusted proxies only."""

from django.test import RequestFactory

from saferhub.audit.middleware import client_ip


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "10.0.0.5"


def test_behind_one_proxy_the_rightmost_forwarded_address_is_the_client(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"


def test_a_malformed_address_is_not_recorded(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(request) is None
