"""`/health`: open to all; 200 with the Neo4j version, 503 when the database does not answer."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from neo4j.exceptions import DriverError, Neo4jError
from pydantic import BaseModel

from api.deps import DatabaseDep, DriverDep
from api.errors import database_unavailable
from api.openapi import RETRY_AFTER, ErrorOut
from graph.connection import server_version

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    neo4j: str


@router.get(
    "/health",
    response_model=Health,
    responses={
        503: {
            "model": ErrorOut,
            "description": "数据库没有响应 / the database does not answer",
            "headers": RETRY_AFTER,
        }
    },
)
def health(driver: DriverDep, database: DatabaseDep) -> Health | JSONResponse:
    try:
        return Health(status="ok", neo4j=server_version(driver, database))
    except (DriverError, Neo4jError, OSError):
        return database_unavailable()
