# The powermap API image used by docker-compose.yml.
FROM python:3.11-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends graphviz fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph graph
COPY api api
COPY importers importers
COPY viz viz
COPY cypher cypher
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["powermap", "serve", "--host", "0.0.0.0", "--port", "8000"]
