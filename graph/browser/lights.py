"""Traffic-light labels: Neo4j Browser's style colours by label, the rating writes `light`."""

from neo4j import Driver

from graph.connection import write


def label_lights(driver: Driver, database: str) -> dict[str, int]:
    """Give every rated node the label Red, Yellow or Green of its `light`, and only that one.

    Run it after the rating writes `light`; returns how many nodes carry each label.
    """
    row = write(driver, database, "browser/light_labels")[0]
    return {"red": row["red"], "yellow": row["yellow"], "green": row["green"]}
