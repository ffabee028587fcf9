# Production image of the registry's GraphQL API; docker-compose.yml runs it beside Neo4j.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# Only what `pip install .` needs: copying the whole work tree would also copy .env (the
# Neo4j password), .venv and .git into an image layer.
COPY pyproject.toml README.md LICENSE ./
COPY registry ./registry
COPY seeds ./seeds
RUN pip install . && rm -rf build ./*.egg-info
# The demo network stays beside the installed package for `registry seed`.
ENV REGISTRY_SEEDS_DIR=/app/seeds

# The API needs no privileges; a fixed uid keeps volume ownership predictable.
# Its writable places are volumes made here, owned by it, before VOLUME freezes them (a new
# named volume starts as a copy of them): /backups for `registry dump`, and the cache of the
# analysis kernels that Numba compiles, so a restart does not compile them again.
ENV NUMBA_CACHE_DIR=/var/cache/registry/numba
RUN useradd --create-home --uid 10001 registry \
 && install -d -o registry -g registry -m 0700 /backups /var/cache/registry /var/cache/registry/numba
VOLUME ["/backups", "/var/cache/registry"]
# `docker compose exec registry registry dump -o backup.json` writes to the backup volume.
WORKDIR /backups
USER registry

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["registry", "serve", "--host", "0.0.0.0"]
