"""The Cypher queries of powermap, one per .cypher file, loaded by name through graph.queries."""
