"""Fuzzing the XML entry points with hostile mutations of real TEI (issue 11).

The longer campaign is ``python bench/fuzz/xml.py --minutes 10``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings

from tests.fuzz_xml import check_every_entry_point, mutated_tei


@settings(max_examples=int(os.environ.get("TEI_EDITION_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(mutated_tei())
def test_every_xml_entry_point_succeeds_or_fails_cleanly(data: bytes) -> None:
    check_every_entry_point(data)
