"""The ASGI application: GraphQL at /graphql, health and readiness probes."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from registry.api.http import GraphQLEndpoint
from registry.api.schema import schema
from registry.store.base import Store

STATIC = Path(__file__).parent / "web" / "static"


def create_app(store: Store) -> Starlette:
    """An app over `store`; the app opens the store on start-up and closes it on shutdown."""
    graphql = GraphQLEndpoint(store, schema=schema, graphql_ide="graphiql")

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> JSONResponse:
        try:
            ready = await store.ping()
        except Exception:  # any failure to answer means not ready
            ready = False
        body = {"status": "ready" if ready else "unavailable", "store": store.name}
        return JSONResponse(body, status_code=200 if ready else 503)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await store.open()
        try:
            yield
        finally:
            await store.close()

    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        lifespan=lifespan,
    )
