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


def test_any_element_of_a_real_document_twice_still_renders():
    """Regression (the campaign found it): TEI lets most elements repeat, and a stylesheet
    that took one where there were two (two titleStmts, two gap descriptions) failed."""
    import copy

    from lxml import etree

    from tests.fuzz_xml import SEEDS

    base = etree.parse(str(SEEDS[0]))
    count = sum(1 for _ in base.getroot().iter())
    for i in range(1, count):
        tree = copy.deepcopy(base)
        target = list(tree.getroot().iter())[i]
        target.addnext(copy.deepcopy(target))
        check_every_entry_point(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
