"""One module per `powermap` command group; `api.cli` assembles them."""
