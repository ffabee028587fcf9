"""The ASGI application: GraphQL at /graphql, pages, health and readiness probes."""

import asyncio
import functools
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from registry.api.http import GraphQLEndpoint
from registry.api.schema import schema, sdl
from registry.http.auth import Authentication
from registry.http.hardening import BodyLimit, RequestLog, SecurityHeaders
from registry.http.unavailable import StoreOutage
from registry.services.analyses import AnalysisService
from registry.services.audit_trail import AuditTrail
from registry.services.network_maps import NetworkMaps
from registry.services.token_cache import TokenCache
from registry.settings import Settings, get_settings
from registry.store.base import Store
from registry.web import dashboard, exports, imports, network_map, oidc, signin

__all__ = ["create_app", "sdl"]

STATIC = Path(__file__).parent / "web" / "static"
# Orchestrators give a readiness probe a few seconds; a store that cannot answer a ping
# within this is not ready, whether it is down or hung.
READY_TIMEOUT_SECONDS = 1.0


def create_app(store: Store, settings: Settings | None = None) -> Starlette:
    """An app over `store`; the app opens the store on start-up and closes it on shutdown."""
    settings = settings or get_settings()
    analysis = AnalysisService(store)
    maps = NetworkMaps(analysis)
    trail = AuditTrail(store)
    graphql = GraphQLEndpoint(
        store, settings, analysis, maps, trail, schema=schema, graphql_ide="graphiql"
    )

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> JSONResponse:
        try:
            async with asyncio.timeout(READY_TIMEOUT_SECONDS):
                ready = await store.ping()
        except Exception:  # any failure to answer means not ready
            ready = False
        # Public like /healthz, for orchestrators; it says no more than ready or not.
        body = {"status": "ready" if ready else "unavailable"}
        return JSONResponse(body, status_code=200 if ready else 503)

    async def warm_up() -> None:
        await maps.warm_up()
        settle_heap()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await store.open()
        warming = asyncio.create_task(warm_up())
        try:
            yield
        finally:
            await warming
            await trail.close()
            await store.close()

    token_cache = TokenCache(settings.token_cache_seconds)
    middleware = [
        Middleware(RequestLog),
        Middleware(SecurityHeaders, hsts=settings.cookies_secure),
        Middleware(StoreOutage),
        Middleware(BodyLimit, limit=settings.max_body_bytes),
        Middleware(
            SessionMiddleware,
            secret_key=settings.session_secret(),
            session_cookie="registry_session",
            max_age=settings.session_hours * 3600,
            same_site="lax",  # links from e-mails open signed in; writes need the CSRF token
            https_only=settings.cookies_secure,
        ),
        Middleware(
            Authentication,
            store=store,
            session_hours=settings.session_hours,
            requests_per_minute=settings.rate_limit_per_minute,
            tokens=token_cache,
        ),
    ]
    if settings.cors_origins:  # closed unless origins are named
        cors = Middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
        middleware.insert(1, cors)
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            *signin.routes(store, settings),
            *oidc.routes(store, settings),
            *dashboard.routes(),
            *exports.routes(store, analysis),
            *network_map.routes(maps),
            *imports.routes(store),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
    app.state.token_cache = token_cache  # for tests and benchmarks to look into
    app.state.audit_trail = trail  # flushed by those that run no lifespan
    return app


@functools.cache  # once a process
def settle_heap() -> None:
    """Moves what the started process holds (modules, the schema, the loaded kernels: some
    180,000 objects) out of the cyclic collector's sight. Each full collection walked them
    all, 100 ms that one request in twenty waited for; they live as long as the process."""
    gc.freeze()
