"""The contract's key of each finding (contract section 3), for comparing sets of findings."""

from collections.abc import Callable
from typing import Any

KEY_OF: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    "ab_gap": lambda f: (f.post_id, f.kind),
    "sod_conflict": lambda f: (f.person_id, *f.duties),
    "sod_post": lambda f: (f.post_id, *f.duties),
    "uncontrolled": lambda f: (f.risk_id, f.reason),
    "two_person": lambda f: (f.node_id, f.holders, f.required),
    "concentration": lambda f: (f.person_id, f.count),
    "unsupervised_discretion": lambda f: (f.node_id,),
}


def key(finding: Any) -> tuple[Any, ...]:
    return KEY_OF[finding.check](finding)
