"""The HTTP API (FastAPI) and the `powermap` command line."""
