"""Sign a grading report with the run's secret, and check that signature.

Kept apart from the plugin so that the runner (and the CLI that imports it)
can check reports without importing pytest.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

SIGNATURE_FIELD = "grader_signature"


def report_signature(secret: str, report: dict[str, Any]) -> str:
    """HMAC of the report's canonical JSON, leaving out the signature itself."""
    body = {key: value for key, value in report.items() if key != SIGNATURE_FIELD}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hmac.new(secret.encode(), canonical.encode(), hashlib.sha256).hexdigest()
