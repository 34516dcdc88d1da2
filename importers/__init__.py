"""Readers that turn station workbooks and BPMN files into validated rows; no Cypher here."""
