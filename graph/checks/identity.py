"""`finding_id` (contract section 6): an opaque id determined only by a finding's identity, the same
in every run, so scans, the ledger, drift and the what-if can follow one finding over time.

The identity of each check is the tuple of fields below. The id is the check's name and a hash
of the identity: at most 64 characters of [A-Za-z0-9_-], and readable enough to tell the check.
"""

import hashlib
import json
from collections.abc import Mapping

# Each check's identity fields, as contract section 6 lists them.
IDENTITY: dict[str, tuple[str, ...]] = {
    "ab_gap": ("post_id", "kind"),
    "sod_conflict": ("person_id", "duties"),
    "sod_post": ("post_id", "duties"),
    "uncontrolled": ("risk_id",),
    "two_person": ("node_id",),
    "concentration": ("person_id",),
    "unsupervised_discretion": ("node_id",),
    # Raised by a level-3 supervisor's task result (contract section 6), keyed by the task.
    "inspection": ("task_id",),
}


def finding_id(check: str, fields: Mapping[str, object]) -> str:
    """The id of the finding of `check` whose fields are `fields` (only its identity is read)."""
    identity: list[object] = [check]
    for name in IDENTITY[check]:
        value = fields[name]
        # A pair of duties is the same pair in either order.
        identity.append(sorted(value) if isinstance(value, list | tuple) else value)
    digest = hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode()).hexdigest()
    return f"{check.replace('_', '-')}-{digest[:32]}"
