"""Load Cypher from `cypher/<area>/<name>.cypher` by name.

Every file holds one query and opens with a `//` header saying what it is for, its
parameters and what it returns.
The text is handed to the driver as is: comments are valid Cypher, so the query analysts
paste into Neo4j Browser is byte for byte the one powermap runs.
"""

from functools import cache
from importlib import resources
from typing import LiteralString

_SUFFIX = ".cypher"


class UnknownQueryError(LookupError):
    pass


@cache
def query(name: str) -> LiteralString:
    """The text of `cypher/<name>.cypher`, e.g. `query("checks/ab_gap")`."""
    path = resources.files("cypher").joinpath(*f"{name}{_SUFFIX}".split("/"))
    if not path.is_file():
        raise UnknownQueryError(f"没有这个查询 / no such query: cypher/{name}{_SUFFIX}")
    # Query files ship with the package, never user input: as safe as a literal.
    return path.read_text(encoding="utf-8")


def all_names() -> list[str]:
    """Every query name under cypher/, sorted."""
    root = resources.files("cypher")
    names: list[str] = []

    def walk(node: "resources.abc.Traversable", prefix: str) -> None:
        for child in node.iterdir():
            if child.is_dir() and not child.name.startswith("__"):
                walk(child, f"{prefix}{child.name}/")
            elif child.name.endswith(_SUFFIX):
                names.append(prefix + child.name.removesuffix(_SUFFIX))

    walk(root, "")
    return sorted(names)
