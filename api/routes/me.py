"""`GET /api/v1/me`: who the token belongs to and its role — lets an integrator check its set-up."""

from fastapi import APIRouter

from api.deps import Viewer
from graph.tokens import TokenInfo

router = APIRouter(tags=["auth"])


@router.get(
    "/me",
    response_model=TokenInfo,
    summary="当前令牌的名称与角色（查看/分析/管理）/ who is calling, with which role",
)
def me(token: Viewer) -> TokenInfo:
    return token
