"""`GET /api/v1/people/{id}` and `GET /api/v1/posts/{id}`: who holds what, and what it brings."""

from fastapi import APIRouter, HTTPException, status

from api.deps import DatabaseDep, DriverDep, Viewer
from api.ids import PathId
from api.openapi import not_found
from graph.people import PersonView, PostView, read_person, read_post

router = APIRouter(tags=["people"])


@router.get(
    "/people/{person_id}",
    response_model=PersonView,
    responses=not_found("没有这个人员 / no such person"),
    summary=(
        "人员画像：所任岗位与A/B角、带来的职责、不相容职责与风险暴露度 / "
        "one person's posts, duties and exposure"
    ),
)
def person(person_id: PathId, driver: DriverDep, database: DatabaseDep, _: Viewer) -> PersonView:
    found = read_person(driver, database, person_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"没有这个人员 / no such person: {person_id}")
    return found


@router.get(
    "/posts/{post_id}",
    response_model=PostView,
    responses=not_found("没有这个岗位 / no such post"),
    summary=("岗位画像：A/B角是否在岗、执行哪些环节、有无A/B角缺口 / one post's holders, nodes and gaps"),
)
def post(post_id: PathId, driver: DriverDep, database: DatabaseDep, _: Viewer) -> PostView:
    found = read_post(driver, database, post_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"没有这个岗位 / no such post: {post_id}")
    return found
