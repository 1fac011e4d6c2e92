from app.kit.pagination import Sortable
from app.kit.repository import TenantRepository
from app.models import ApiToken


class ApiTokenRepository(TenantRepository[ApiToken]):
    model = ApiToken
    sorts = Sortable.by(ApiToken.created_at, ApiToken.name, default="-created_at")
