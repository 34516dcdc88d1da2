"""`GET /api/v1/me`: who the token belongs to and its role — lets an integrator check its set-up."""

from fastapi import APIRouter

from api.deps import Viewer
from graph.tokens import TokenInfo

router = APIRouter(tags=["auth"])


@router.get("/me", response_model=TokenInfo, summary="当前令牌 / the calling token")
def me(token: Viewer) -> TokenInfo:
    return token
