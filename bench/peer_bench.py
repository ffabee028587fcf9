"""The registry against the Neo4j GraphQL Library, on the same Neo4j with the same data.

    .venv/bin/python bench/peer_bench.py [--runs 50] [--orgs 10000] [--skip-10k]

Loads the demo network, then a generated network of --orgs organisations, into one Neo4j
(NEO4J_* when set, else one started with scripts/neo4j-test-server and stopped at the end);
for each starts `registry serve` and bench/peer/server.js (`@neo4j/graphql` with Apollo
Server, installed with `npm ci`) on it, checks that both return the same organisations,
warms both for 5 s, and times the same two pages on both, interleaved: the organisation page
(50 organisations with contacts, communities, areas and topics) and a search page. Prints
p50 and p95 of each and their ratios; the last line is the worst p95 ratio. It asserts
nothing (issue 15's goals are a p95 ratio of at most 1.0).
"""

import argparse
import math
import os
import statistics
import time
from typing import Any

import httpx
import peer_servers
from peer_network import Network, demo, generated, load

from registry.domain.rules import fold

# Both servers are asked for both pages this long before timing starts: the registry loads
# its compiled analysis kernels in the background for a second or two after a start, and
# Node compiles the peer's hot code as it runs. The pages are then timed warm, as served.
WARM_UP_SECONDS = 5.0
FIELDS = (
    "id name kind orgNumber {contacts} communities {{ name }} areas {{ name }} topics {{ name }}"
)
# The registry's list: active organisations in Norwegian name order, contact persons
# restricted from view left out. The peer is told the same in its arguments.
REGISTRY = {
    "organisation page": "{ organisations(first: 50) { totalCount pageInfo { endCursor }"
    " edges { node { " + FIELDS.format(contacts="contacts { name email phone }") + " } } } }",
    "search page": "query($search: String) { organisations(first: 20, filter: {search: $search})"
    " { totalCount edges { node { id name kind communities { name } areas { name } } } } }",
}
_ACTIVE = "archived: {eq: false}"
_ORDER = "sort: [{sort: ASC}, {id: ASC}]"
PEER = {
    "organisation page": f"{{ organisationsConnection(first: 50, where: {{{_ACTIVE}}}, {_ORDER})"
    " { totalCount pageInfo { endCursor } edges { node { "
    + FIELDS.format(contacts="contacts(where: {restricted: {eq: false}}) { name email phone }")
    + " } } } }",
    "search page": "query($search: String) { organisationsConnection(first: 20,"
    f" where: {{{_ACTIVE}, search: {{contains: $search}}}}, {_ORDER})"
    " { totalCount edges { node { id name kind communities { name } areas { name } } } } }",
}


class Server:
    """One GraphQL endpoint with its queries, over one kept-alive connection."""

    def __init__(
        self, name: str, url: str, queries: dict[str, str], headers: dict[str, str]
    ) -> None:
        self.name, self.url, self.queries = name, url, queries
        self.http = httpx.Client(headers=headers, timeout=60)

    def ask(self, page: str, search: str) -> dict[str, Any]:
        variables = {"search": search} if "$search" in self.queries[page] else {}
        body = self.http.post(self.url, json={"query": self.queries[page], "variables": variables})
        answer = body.json()
        if "errors" in answer or "data" not in answer:
            raise SystemExit(f"{self.name} refused the {page}: {body.text[:1000]}")
        (connection,) = answer["data"].values()
        return connection

    def timed(self, page: str, search: str) -> float:
        started = time.perf_counter()
        self.ask(page, search)
        return (time.perf_counter() - started) * 1000


def same_organisations(servers: list[Server], network: Network) -> None:
    """Refuses to time pages that differ: the same ids and names, in the same order."""
    for page in REGISTRY:
        found = []
        for server in servers:
            connection = server.ask(page, search_term(server, network))
            rows = [(e["node"]["id"], e["node"]["name"]) for e in connection["edges"]]
            found.append((connection["totalCount"], rows))
        if found[0] != found[1] or not found[0][1]:
            raise SystemExit(
                f"{network.name}, {page}: the servers differ or found nothing: {found}"
            )
        print(f"  {page}: both return the same {len(found[0][1])} of {found[0][0]}")


def search_term(server: Server, network: Network) -> str:
    # The registry folds the term itself; the peer matches the stored folded text as given.
    return network.search if server.name == "registry" else fold(network.search)


def p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def measure(
    servers: list[Server], network: Network, runs: int
) -> dict[str, dict[str, list[float]]]:
    """Both pages on both servers, interleaved, the first server alternating run by run."""
    timings: dict[str, dict[str, list[float]]] = {
        p: {s.name: [] for s in servers} for p in REGISTRY
    }
    warm_until = time.monotonic() + WARM_UP_SECONDS
    while time.monotonic() < warm_until:
        for page in REGISTRY:
            for server in servers:
                server.ask(page, search_term(server, network))
    for run in range(runs):
        for page in REGISTRY:
            for server in servers if run % 2 else reversed(servers):
                took = server.timed(page, search_term(server, network))
                timings[page][server.name].append(took)
    return timings


def bench(network: Network, runs: int) -> list[tuple[str, str, list[float], list[float]]]:
    print(f"{network.name}: loading {network.organisations:,} organisations", flush=True)
    token = load(network)
    with peer_servers.registry() as registry_url, peer_servers.peer() as peer_url:
        servers = [
            Server("registry", registry_url, REGISTRY, {"Authorization": f"Bearer {token}"}),
            Server("neo4j-graphql", peer_url, PEER, {}),
        ]
        same_organisations(servers, network)
        timings = measure(servers, network, runs)
    return [(network.name, page, t["registry"], t["neo4j-graphql"]) for page, t in timings.items()]


def report(rows: list[tuple[str, str, list[float], list[float]]], runs: int) -> None:
    print(f"\n{runs} runs each, ms; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'network':<22}{'page':<19}{'registry p50/p95':>18}{'@neo4j/graphql p50/p95':>24}"
          f"{'ratio p50':>11}{'ratio p95':>11}")  # fmt: skip
    worst = 0.0
    for network, page, ours, theirs in rows:
        mine, peer = (statistics.median(ours), p95(ours)), (statistics.median(theirs), p95(theirs))
        worst = max(worst, mine[1] / peer[1])
        print(f"{network:<22}{page:<19}{mine[0]:>9.1f} /{mine[1]:>6.1f}{peer[0]:>16.1f} /"
              f"{peer[1]:>6.1f}{mine[0] / peer[0]:>10.2f}x{mine[1] / peer[1]:>10.2f}x")  # fmt: skip
    print(f"ratio p95 registry/neo4j-graphql: {worst:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="timed requests per page and server")
    parser.add_argument("--orgs", type=int, default=10_000, help="the generated network's size")
    parser.add_argument("--skip-10k", action="store_true", help="the demo network only")
    args = parser.parse_args()
    networks = [demo] if args.skip_10k else [demo, lambda: generated(args.orgs)]
    started = time.monotonic()
    with peer_servers.neo4j():
        peer_servers.install_peer()
        rows = [row for make in networks for row in bench(make(), args.runs)]
    print(f"(took {time.monotonic() - started:.0f} s)")
    report(rows, args.runs)


if __name__ == "__main__":
    main()
