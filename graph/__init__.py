"""The graph side of powermap: connection, schema, queries, and what reads and writes the graph."""
