import uuid

from app.kit.pagination import Sortable
from app.kit.repository import TenantRepository
from app.models import CapacityReservation


class ReservationRepository(TenantRepository[CapacityReservation]):
    """The weekly capacity ongoing work holds back."""

    model = CapacityReservation
    # UUIDv7 ids are time-ordered: sorting by id lists reservations as they came.
    sorts = Sortable.by(CapacityReservation.id)

    async def of_holder(
        self,
        workspace_id: uuid.UUID,
        project_id: uuid.UUID,
        *,
        member_id: uuid.UUID | None,
        team_id: uuid.UUID | None,
    ) -> CapacityReservation | None:
        """The project's reservation of this member's or this team's capacity, if any."""
        return await self.find(
            workspace_id,
            CapacityReservation.project_id == project_id,
            CapacityReservation.member_id.is_not_distinct_from(member_id),
            CapacityReservation.team_id.is_not_distinct_from(team_id),
        )
