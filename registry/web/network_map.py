"""`/map.json`: the network map for the dashboard, the same document as GraphQL's
`networkMap`, served from its cache as encoded bytes with an ETag.

The parameters are the graph export's filter (`communityIds`, `areaIds`, `topicIds`, `kinds`,
`yearFrom`, `yearTo`) and `asOf`. A request whose `If-None-Match` names the current map gets
304 with no body. Responses are private (the map is for signed-in callers) and revalidated
every time, so a write shows at the next load.
"""

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from registry.domain.accounts import Caller, Role
from registry.services.access import require
from registry.services.network_maps import NetworkMaps, map_filter
from registry.web.exports import refusing


def routes(maps: NetworkMaps) -> list[Route]:
    async def map_json(request: Request) -> Response:
        caller: Caller = request.state.caller
        require(caller, Role.VIEWER, "networkMap")
        params = {k: request.query_params.getlist(k) for k in request.query_params}
        found = await maps.encoded(map_filter(params))
        headers = {"ETag": found.etag, "Cache-Control": "private, no-cache"}
        wanted = {tag.strip() for tag in request.headers.get("if-none-match", "").split(",")}
        if found.etag in wanted or "*" in wanted:
            return Response(status_code=304, headers=headers)
        return Response(found.body, media_type="application/json", headers=headers)

    return [Route("/map.json", refusing(map_json), methods=["GET"])]
