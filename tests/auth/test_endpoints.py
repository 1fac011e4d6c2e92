from sqlalchemy import select

from app.core.config import Settings
from app.main import create_app
from app.models import AuthSession, User
from tests.support.http import PASSWORD, ClientFactory, unique_email


async def _sign_up(clients: ClientFactory, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return await clients.client().post(
        "/api/v1/auth/signup", json={"email": email, "password": password, "name": "Ann"}
    )


async def test_signup_makes_an_account_to_sign_in_with(clients: ClientFactory) -> None:
    client, email = clients.client(), unique_email()

    response = await client.post(
        "/api/v1/auth/signup", json={"email": email, "password": PASSWORD, "name": "Ann"}
    )
    signed_in = await client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})

    assert response.status_code == 202
    assert "set-cookie" not in response.headers
    assert signed_in.status_code == 200
    session_cookie = next(h for h in signed_in.headers.get_list("set-cookie") if "wl_session=" in h)
    csrf_cookie = next(h for h in signed_in.headers.get_list("set-cookie") if "wl_csrf=" in h)
    assert "HttpOnly" in session_cookie
    assert "SameSite=lax" in session_cookie
    assert "HttpOnly" not in csrf_cookie
    me = await client.get("/api/v1/me")
    assert (me.status_code, me.json()["email"], me.json()["name"]) == (200, email, "Ann")


async def test_password_is_stored_as_argon2id_hash(clients: ClientFactory, sessionmaker) -> None:
    person = await clients.user()

    async with sessionmaker() as session:
        user = await session.scalar(select(User).where(User.email == person.email))

    assert user is not None
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


async def test_a_taken_email_gets_the_same_answer_as_a_free_one(clients: ClientFactory) -> None:
    person = await clients.user()

    free = await _sign_up(clients, unique_email(), "another password")
    taken = await _sign_up(clients, person.email.upper(), "another password")

    def seen(response):  # type: ignore[no-untyped-def]
        headers = {k: v for k, v in response.headers.items() if k != "x-request-id"}
        return response.status_code, headers, response.content

    assert seen(taken) == seen(free)


async def test_a_sign_up_with_a_taken_email_changes_nothing_and_signs_nobody_in(
    clients: ClientFactory,
) -> None:
    person = await clients.user()

    await _sign_up(clients, person.email, "another password")

    intruder = await clients.client().post(
        "/api/v1/auth/login", json={"email": person.email, "password": "another password"}
    )
    owner = await clients.client().post(
        "/api/v1/auth/login", json={"email": person.email, "password": PASSWORD}
    )
    assert (intruder.status_code, owner.status_code) == (401, 200)


async def test_the_owner_of_a_taken_email_is_told_once_until_they_read_it(
    clients: ClientFactory,
) -> None:
    person = await clients.user()
    await person.workspace()

    for _ in range(2):
        await _sign_up(clients, person.email, "another password")

    inbox = (await person.client.get("/api/v1/me/notifications")).json()["items"]
    assert [n["kind"] for n in inbox] == ["signup_attempt"]
    assert "sign up with your email" in inbox[0]["summary"]


async def test_short_password_is_rejected_with_pointer(clients: ClientFactory) -> None:
    response = await clients.client().post(
        "/api/v1/auth/signup", json={"email": unique_email(), "password": "short", "name": "A"}
    )

    assert response.status_code == 422
    assert [e["pointer"] for e in response.json()["errors"]] == ["/password"]


async def test_wrong_password_and_unknown_email_get_the_same_answer(clients: ClientFactory) -> None:
    person = await clients.user()
    client = clients.client(address="10.1.0.1")

    wrong = await client.post(
        "/api/v1/auth/login", json={"email": person.email, "password": "nope-nope"}
    )
    unknown = await client.post(
        "/api/v1/auth/login", json={"email": unique_email(), "password": "nope-nope"}
    )

    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


async def test_login_sets_a_new_session_and_ends_the_previous_one(
    clients: ClientFactory, sessionmaker
) -> None:
    person = await clients.user()
    old_secret = person.client.cookies["wl_session"]

    response = await person.client.post(
        "/api/v1/auth/login", json={"email": person.email, "password": PASSWORD}
    )

    assert response.status_code == 200
    assert person.client.cookies["wl_session"] != old_secret
    stale = clients.client()
    stale.cookies.set("wl_session", old_secret)
    assert (await stale.get("/api/v1/me")).status_code == 401


async def test_logout_ends_the_session(clients: ClientFactory, sessionmaker) -> None:
    person = await clients.user()

    response = await person.client.post("/api/v1/auth/logout")

    assert response.status_code == 204
    assert (await person.client.get("/api/v1/me")).status_code == 401
    async with sessionmaker() as session:
        rows = await session.scalars(
            select(AuthSession).join(User).where(User.email == person.email)
        )
        assert list(rows) == []


async def test_cookie_change_without_csrf_header_is_refused(clients: ClientFactory) -> None:
    person = await clients.user()
    del person.client.headers["X-CSRF-Token"]

    response = await person.client.post("/api/v1/workspaces", json={"name": "No CSRF"})

    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"


async def test_cookie_change_with_a_wrong_csrf_header_is_refused(clients: ClientFactory) -> None:
    person = await clients.user()
    right = person.client.headers["X-CSRF-Token"]
    # As long as the right one, and right but for its last character.
    person.client.headers["X-CSRF-Token"] = right[:-1] + ("A" if right[-1] != "A" else "B")

    response = await person.client.post("/api/v1/workspaces", json={"name": "Wrong CSRF"})

    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"


async def test_closed_signup_refuses_newcomers(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"signup_open": False}))
    client = ClientFactory(app).client()

    response = await client.post(
        "/api/v1/auth/signup", json={"email": unique_email(), "password": PASSWORD, "name": "Late"}
    )

    assert response.status_code == 403
    assert response.json()["code"] == "signup_closed"
    await app.state.engine.dispose()


async def test_me_without_credentials_is_unauthorized(clients: ClientFactory) -> None:
    response = await clients.client().get("/api/v1/me")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


async def test_auth_config_tells_whether_signup_is_open(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"signup_open": False}))
    client = ClientFactory(app).client()

    response = await client.get("/api/v1/auth/config")

    # The suite's users exist already, so a closed instance stays closed.
    assert response.json() == {"signup_open": False, "has_users": True}
    await app.state.engine.dispose()
