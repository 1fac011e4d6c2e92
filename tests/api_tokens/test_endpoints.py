import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.models import ApiToken, Event
from tests.support.http import ClientFactory


async def test_token_is_shown_once_and_stored_as_digest(
    clients: ClientFactory, sessionmaker
) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()

    created = await owner.token(workspace["id"], ["workspace:read"])
    listed = (await owner.client.get(f"/api/v1/workspaces/{workspace['id']}/api-tokens")).json()

    assert created["token"].startswith("wl_pat_")
    assert "token" not in listed["items"][0]
    assert listed["items"][0]["prefix"] == created["token"][:12]
    async with sessionmaker() as session:
        row = await session.scalar(select(ApiToken).where(ApiToken.prefix == created["prefix"]))
    assert row is not None
    assert created["token"] not in (row.digest, row.prefix)


async def test_bearer_token_works_within_its_workspace_and_records_use(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    token = await owner.token(workspace["id"], ["workspace:read"])
    script = clients.bearer(token["token"])

    response = await script.get(f"/api/v1/workspaces/{workspace['id']}/members")

    assert response.status_code == 200
    listed = (await owner.client.get(f"/api/v1/workspaces/{workspace['id']}/api-tokens")).json()
    assert listed["items"][0]["last_used_at"] is not None


async def test_token_cannot_reach_another_workspace_of_its_user(clients: ClientFactory) -> None:
    owner = await clients.user()
    first, second = await owner.workspace(), await owner.workspace()
    token = await owner.token(first["id"], ["workspace:read"])

    response = await clients.bearer(token["token"]).get(f"/api/v1/workspaces/{second['id']}")

    assert response.status_code == 404
    listed = await clients.bearer(token["token"]).get("/api/v1/workspaces")
    assert [w["id"] for w in listed.json()["items"]] == [first["id"]]


async def test_token_never_exceeds_its_users_role(clients: ClientFactory) -> None:
    owner, viewer = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    await owner.add_member(workspace["id"], viewer, role="viewer")
    token = await viewer.token(workspace["id"], ["admin", "workspace:read"])

    response = await clients.bearer(token["token"]).patch(
        f"/api/v1/workspaces/{workspace['id']}", json={"name": "Hijacked"}
    )

    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_role"


async def test_revoked_expired_and_malformed_tokens_are_unauthorized(
    clients: ClientFactory, sessionmaker
) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    url = f"/api/v1/workspaces/{workspace['id']}"
    revoked = await owner.token(workspace["id"], ["workspace:read"])
    expiring = await owner.token(
        workspace["id"],
        ["workspace:read"],
        expires_at=(datetime.now(UTC) + timedelta(hours=1)).isoformat(),
    )
    await owner.client.delete(f"{url}/api-tokens/{revoked['id']}")
    async with sessionmaker() as session:
        row = await session.scalar(select(ApiToken).where(ApiToken.prefix == expiring["prefix"]))
        assert row is not None
        row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
        await session.commit()

    answers = [
        await clients.bearer(secret).get(url)
        for secret in (
            revoked["token"],
            expiring["token"],
            "wl_pat_notatoken",
            revoked["token"][:-1] + "x",
        )
    ]

    assert [a.status_code for a in answers] == [401, 401, 401, 401]
    assert {a.json()["code"] for a in answers} == {"invalid_token"}


async def test_tokens_are_not_accepted_from_query_or_cookie(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    token = (await owner.token(workspace["id"], ["workspace:read"]))["token"]
    url = f"/api/v1/workspaces/{workspace['id']}"
    cookie_client = clients.client()
    cookie_client.cookies.set("wl_session", token)

    from_query = await clients.client().get(url, params={"access_token": token})
    from_cookie = await cookie_client.get(url)

    assert from_query.status_code == from_cookie.status_code == 401


async def test_tokens_cannot_create_workspaces(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    token = await owner.token(workspace["id"], ["admin"])

    response = await clients.bearer(token["token"]).post(
        "/api/v1/workspaces", json={"name": "From script"}
    )

    assert response.status_code == 403
    assert response.json()["code"] == "token_not_allowed"


async def test_unknown_scope_and_past_expiry_are_rejected(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    url = f"/api/v1/workspaces/{workspace['id']}/api-tokens"

    unknown = await owner.client.post(url, json={"name": "x", "scopes": ["root"]})
    past = await owner.client.post(
        url, json={"name": "x", "scopes": ["admin"], "expires_at": "2001-01-01T00:00:00Z"}
    )

    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["pointer"] == "/scopes"
    assert past.status_code == 422
    assert past.json()["errors"][0]["pointer"] == "/expires_at"


async def test_members_cannot_revoke_each_others_tokens_but_admins_can(
    clients: ClientFactory,
) -> None:
    owner, person = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    await owner.add_member(workspace["id"], person)
    owners_token = await owner.token(workspace["id"], ["workspace:read"])
    persons_token = await person.token(workspace["id"], ["workspace:read"])
    base = f"/api/v1/workspaces/{workspace['id']}/api-tokens"

    by_member = await person.client.delete(f"{base}/{owners_token['id']}")
    by_admin = await owner.client.delete(f"{base}/{persons_token['id']}")

    assert by_member.status_code == 404
    assert by_admin.status_code == 204


async def test_a_stale_if_match_on_revoke_is_412_and_the_token_keeps_working(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    base = f"/api/v1/workspaces/{workspace['id']}"
    created = await owner.client.post(
        f"{base}/api-tokens", json={"name": "CI", "scopes": ["workspace:read"]}
    )
    token = created.json()
    script = clients.bearer(token["token"])
    await script.get(f"{base}/members")  # using a token does not make its ETag stale

    stale = await owner.client.delete(
        f"{base}/api-tokens/{token['id']}", headers={"If-Match": '"2"'}
    )

    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert stale.json()["code"] == "stale_version"
    assert (await script.get(f"{base}/members")).status_code == 200
    assert created.headers["ETag"] == f'"{token["version"]}"'
    revoked = await owner.client.delete(
        f"{base}/api-tokens/{token['id']}", headers={"If-Match": created.headers["ETag"]}
    )
    assert revoked.status_code == 204
    assert (await script.get(f"{base}/members")).status_code == 401


async def test_creating_and_revoking_a_token_are_events_without_the_secret(
    clients: ClientFactory, sessionmaker
) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    expires_at = datetime.now(UTC) + timedelta(days=30)
    token = await owner.token(
        workspace["id"], ["workspace:read"], name="Deploy", expires_at=expires_at.isoformat()
    )
    await owner.client.delete(f"/api/v1/workspaces/{workspace['id']}/api-tokens/{token['id']}")
    await owner.client.delete(f"/api/v1/workspaces/{workspace['id']}/api-tokens/{token['id']}")

    async with sessionmaker() as session:
        rows = (
            await session.scalars(
                select(Event)
                .where(Event.entity_type == "api_token", Event.entity_id == uuid.UUID(token["id"]))
                .order_by(Event.created_at, Event.type)
            )
        ).all()

    assert [row.type for row in rows] == ["api_token.created", "api_token.revoked"]
    created, revoked = rows
    assert str(created.actor_id) == owner.member_ids[workspace["id"]]
    assert created.changes["name"] == {"before": None, "after": "Deploy"}
    assert created.changes["scopes"] == {"before": None, "after": ["workspace:read"]}
    assert datetime.fromisoformat(created.changes["expires_at"]["after"]) == expires_at
    assert revoked.changes["revoked_at"]["before"] is None
    assert revoked.changes["revoked_at"]["after"] is not None
    text = repr([row.changes for row in rows])
    assert token["token"] not in text
    assert token["prefix"] not in text


def _in(days: float) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


def _expiry_refusal(response: object) -> list[str]:
    assert response.status_code == 422, response.text  # type: ignore[attr-defined]
    return [e["pointer"] for e in response.json()["errors"]]  # type: ignore[attr-defined]


async def test_a_token_cannot_create_a_token_that_outlives_it(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    maker = await owner.token(wid, ["admin"], expires_at=_in(1))
    script = clients.bearer(maker["token"])
    url = f"/api/v1/workspaces/{wid}/api-tokens"

    longer = await script.post(url, json={"name": "x", "scopes": ["admin"], "expires_at": _in(2)})
    forever = await script.post(url, json={"name": "x", "scopes": ["admin"]})
    shorter = await script.post(
        url, json={"name": "x", "scopes": ["admin"], "expires_at": _in(0.5)}
    )

    assert _expiry_refusal(longer) == _expiry_refusal(forever) == ["/expires_at"]
    assert shorter.status_code == 201


async def test_new_tokens_must_expire_within_the_workspaces_maximum_lifetime(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    url = f"/api/v1/workspaces/{wid}/api-tokens"
    capped = await owner.client.patch(
        f"/api/v1/workspaces/{wid}", json={"max_token_lifetime_days": 30}
    )

    beyond = await owner.client.post(
        url, json={"name": "x", "scopes": ["admin"], "expires_at": _in(31)}
    )
    forever = await owner.client.post(url, json={"name": "x", "scopes": ["admin"]})
    within = await owner.client.post(
        url, json={"name": "x", "scopes": ["admin"], "expires_at": _in(29)}
    )

    assert capped.json()["max_token_lifetime_days"] == 30
    assert _expiry_refusal(beyond) == _expiry_refusal(forever) == ["/expires_at"]
    assert within.status_code == 201


async def test_clearing_the_maximum_lifetime_allows_tokens_without_expiry_again(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace(max_token_lifetime_days=7))["id"]

    cleared = await owner.client.patch(
        f"/api/v1/workspaces/{wid}", json={"max_token_lifetime_days": None}
    )
    forever = await owner.client.post(
        f"/api/v1/workspaces/{wid}/api-tokens", json={"name": "x", "scopes": ["admin"]}
    )

    assert cleared.json()["max_token_lifetime_days"] is None
    assert forever.status_code == 201


async def test_the_maximum_lifetime_is_bounded(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]

    answers = [
        await owner.client.patch(
            f"/api/v1/workspaces/{wid}", json={"max_token_lifetime_days": days}
        )
        for days in (0, 3651)
    ]

    assert [a.status_code for a in answers] == [422, 422]
    assert {e["pointer"] for a in answers for e in a.json()["errors"]} == {
        "/max_token_lifetime_days"
    }
