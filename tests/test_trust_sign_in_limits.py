"""Issue 10 #7 and #9: password guessing is slowed without locking the owner out.

#7: failing on purpose from other addresses must not lock the owner out of their account.
#9: the password change checks the current password, so it gets the same limits as sign-in
(and shares their counts).
"""

# Threat model (docs/threat-model.md): S1.15, S1.16.

from __future__ import annotations

from .conftest import TEST_PASSWORD, Client

WRONG = "wrong password here"


def _sign_in(client: Client, name: str, password: str, address: str):
    token = client.token or client.csrf()
    return client.http.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def _change_password(client: Client, current: str, address: str = "127.0.0.1"):
    token = client.csrf()
    return client.http.post(
        "/settings/password",
        data={"current": current, "new": "another long password", "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def test_failures_from_elsewhere_do_not_lock_the_owner_out(app, make_user):
    make_user("ana", "reviewer")
    owner = Client(app)
    assert _sign_in(owner, "ana", TEST_PASSWORD, "192.0.2.10").status_code == 302
    known = owner.http.get_cookie("wb_known")
    assert known is not None and known.http_only and "ana" not in known.decoded_value
    attacker = Client(app)
    codes = [_sign_in(attacker, "ana", WRONG, f"198.51.100.{n}").status_code for n in range(60)]
    assert 429 in codes  # the attacker is slowed down...
    assert codes.count(401) <= 10  # ...to the per-account limit for unknown browsers
    # ...but the owner's browser, known to the account, still signs in from its own address
    owner.http.post("/logout", data={"csrf_token": owner.csrf()})
    owner.token = None
    assert _sign_in(owner, "ana", TEST_PASSWORD, "192.0.2.10").status_code == 302
    # A browser that never signed in to ana waits like the attacker (documented trade-off).
    assert _sign_in(Client(app), "ana", TEST_PASSWORD, "192.0.2.77").status_code == 429


def test_one_address_guessing_one_account_is_limited_even_from_a_known_browser(app, make_user):
    make_user("ana", "reviewer")
    client = Client(app)
    assert _sign_in(client, "ana", TEST_PASSWORD, "192.0.2.10").status_code == 302
    client.http.post("/logout", data={"csrf_token": client.csrf()})
    client.token = None
    codes = [_sign_in(client, "ana", WRONG, "192.0.2.10").status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]


def test_a_forged_or_foreign_known_cookie_does_not_exempt(app, make_user):
    make_user("ana", "reviewer")
    make_user("bob", "reviewer")
    bob = Client(app)
    assert _sign_in(bob, "bob", TEST_PASSWORD, "192.0.2.20").status_code == 302
    bob.http.post("/logout", data={"csrf_token": bob.csrf()})
    bob.token = None
    codes = [_sign_in(bob, "ana", WRONG, f"198.51.100.{n}").status_code for n in range(11)]
    assert codes == [401] * 10 + [429]  # bob's browser is known to bob, not to ana
    forged = Client(app)
    forged.http.set_cookie("wb_known", bob.http.get_cookie("wb_known").value.replace("W", "X"))
    assert _sign_in(forged, "ana", WRONG, "198.51.100.200").status_code == 429


def test_password_change_is_limited_like_sign_in(app, make_user):
    make_user("ana", "reviewer")
    client = Client(app)
    assert client.login("ana").status_code == 302
    codes = [_change_password(client, WRONG).status_code for _ in range(6)]
    assert codes == [422] * 5 + [429]
    # and the count is shared with sign-in from that address
    assert _sign_in(Client(app), "someone", WRONG, "127.0.0.1").status_code == 429


def test_password_change_failures_count_only_for_a_wrong_current_password(app, make_user):
    make_user("ana", "reviewer")
    client = Client(app)
    assert client.login("ana").status_code == 302
    for _ in range(6):  # a new password too short is no guess at the current one
        token = client.csrf()
        data = {"current": TEST_PASSWORD, "new": "short", "csrf_token": token}
        r = client.http.post("/settings/password", data=data)
        assert r.status_code == 422
    assert _change_password(client, TEST_PASSWORD).status_code == 302
