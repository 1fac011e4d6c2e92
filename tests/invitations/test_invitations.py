import uuid
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.core.clock import utcnow
from app.core.security import digest
from app.models import Invitation
from tests.support.http import ClientFactory, Person, unique_email


async def _workspace(clients: ClientFactory) -> tuple[Person, str]:
    owner = await clients.user()
    return owner, (await owner.workspace())["id"]


async def _members(owner: Person, wid: str) -> list[tuple[str, str]]:
    listed = await owner.client.get(f"/api/v1/workspaces/{wid}/members")
    return sorted((m["email"], m["role"]) for m in listed.json()["items"])


async def test_the_invited_person_accepts_and_joins_with_the_role(clients: ClientFactory) -> None:
    (owner, wid), person = await _workspace(clients), await clients.user()
    invitation = await owner.invite(wid, person.email, role="viewer")

    accepted = await person.accept(invitation)

    assert accepted.status_code == 200, accepted.text
    assert (accepted.json()["workspace_id"], accepted.json()["role"]) == (wid, "viewer")
    assert (person.email, "viewer") in await _members(owner, wid)
    workspaces = (await person.client.get("/api/v1/workspaces")).json()["items"]
    assert [w["id"] for w in workspaces] == [wid]
    listed = await owner.client.get(f"/api/v1/workspaces/{wid}/invitations")
    assert listed.json()["items"] == []


async def test_the_admin_sees_the_same_answer_whether_or_not_an_account_exists(
    clients: ClientFactory,
) -> None:
    (owner, wid), person = await _workspace(clients), await clients.user()
    url = f"/api/v1/workspaces/{wid}/invitations"

    known = await owner.client.post(url, json={"email": person.email})
    unknown = await owner.client.post(url, json={"email": unique_email()})

    assert known.status_code == unknown.status_code == 201
    assert known.json().keys() == unknown.json().keys()
    assert known.headers.keys() == unknown.headers.keys()


async def test_someone_without_an_account_signs_up_and_accepts(clients: ClientFactory) -> None:
    owner, wid = await _workspace(clients)
    email = unique_email()
    invitation = await owner.invite(wid, email)

    newcomer = await clients.user(email=email)
    accepted = await newcomer.accept(invitation)

    assert accepted.status_code == 200
    assert (email, "member") in await _members(owner, wid)


async def test_another_signed_in_person_cannot_accept(clients: ClientFactory) -> None:
    (owner, wid), other = await _workspace(clients), await clients.user()
    invitation = await owner.invite(wid, unique_email())

    response = await other.accept(invitation)

    assert (response.status_code, response.json()["code"]) == (
        403,
        "invitation_for_another_email",
    )
    assert len(await _members(owner, wid)) == 1


async def test_an_invitation_expires_after_seven_days(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    (owner, wid), person = await _workspace(clients), await clients.user()
    invitation = await owner.invite(wid, person.email)
    async with sessionmaker() as session:
        row = await session.scalar(select(Invitation).where(Invitation.email == person.email))
        assert row is not None
        assert timedelta(days=6, hours=23) < row.expires_at - utcnow() <= timedelta(days=7)
        await session.execute(
            update(Invitation)
            .where(Invitation.id == row.id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        await session.commit()

    response = await person.accept(invitation)

    assert (response.status_code, response.json()["code"]) == (409, "invitation_expired")


async def test_a_revoked_invitation_cannot_be_accepted(clients: ClientFactory) -> None:
    (owner, wid), person = await _workspace(clients), await clients.user()
    invitation = await owner.invite(wid, person.email)

    revoked = await owner.client.delete(f"/api/v1/workspaces/{wid}/invitations/{invitation['id']}")
    response = await person.accept(invitation)

    assert revoked.status_code == 204
    assert (response.status_code, response.json()["code"]) == (404, "invitation_not_found")


async def test_inviting_again_replaces_the_open_invitation(clients: ClientFactory) -> None:
    (owner, wid), person = await _workspace(clients), await clients.user()
    first = await owner.invite(wid, person.email, role="viewer")

    second = await owner.invite(wid, person.email, role="admin")

    assert (await person.accept(first)).status_code == 404
    assert (await person.accept(second)).json()["role"] == "admin"


async def test_an_invitation_is_accepted_once(clients: ClientFactory) -> None:
    (owner, wid), person = await _workspace(clients), await clients.user()
    invitation = await owner.invite(wid, person.email)

    first, again = await person.accept(invitation), await person.accept(invitation)

    assert (first.status_code, again.status_code) == (200, 404)


async def test_a_member_is_not_invited_again(clients: ClientFactory) -> None:
    (owner, wid), person = await _workspace(clients), await clients.user()
    await owner.add_member(wid, person)

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/invitations", json={"email": person.email.upper()}
    )

    assert (response.status_code, response.json()["code"]) == (409, "already_member")


async def test_only_an_owner_invites_an_owner(clients: ClientFactory) -> None:
    (owner, wid), admin = await _workspace(clients), await clients.user()
    await owner.add_member(wid, admin, role="admin")

    response = await admin.client.post(
        f"/api/v1/workspaces/{wid}/invitations", json={"email": unique_email(), "role": "owner"}
    )

    assert (response.status_code, response.json()["code"]) == (403, "owner_only")


async def test_the_link_is_shown_once_and_stored_as_a_digest(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner, wid = await _workspace(clients)
    url = f"/api/v1/workspaces/{wid}/invitations"

    created = await owner.client.post(url, json={"email": unique_email()})

    token = created.json()["token"]
    assert created.headers["cache-control"] == "no-store"
    assert created.json()["accept_path"] == f"/invitations/accept#{token}"
    listed = (await owner.client.get(url)).json()["items"]
    fetched = (await owner.client.get(f"{url}/{created.json()['id']}")).json()
    assert "token" not in listed[0]
    assert "token" not in fetched
    async with sessionmaker() as session:
        stored = await session.scalar(
            select(Invitation.digest).where(Invitation.id == uuid.UUID(created.json()["id"]))
        )
    assert stored == digest(token)


async def test_accepting_needs_a_signed_in_session(clients: ClientFactory) -> None:
    owner, wid = await _workspace(clients)
    invitation = await owner.invite(wid, unique_email())

    response = await clients.client().post(
        "/api/v1/invitations/accept", json={"token": invitation["token"]}
    )

    assert response.status_code == 401
