"""Editorial fidelity on the development set (issue 13): the brackets of the 32 real
documents of ../shared/samples/wilson-dev are read as ``brackets.tsv`` reads them, at
least 98% of them; the documents round-trip and are valid like the other samples.

The score is bench/bracket_fidelity.py's (one scorer: the mapping of TEI to the table's
kinds is written there, from the table's header).
"""

from __future__ import annotations

import importlib.util
import sys

from tei_edition.encoder.pipeline import encode_file
from tei_edition.tei import canonical, parse_bytes
from tests.conftest import REPO, SHARED, need_shared
from tests.test_samples import assert_round_trip, assert_valid

DEV = SHARED / "samples" / "wilson-dev"


def _scorer():
    spec = importlib.util.spec_from_file_location("bracket_fidelity",
                                                  REPO / "bench" / "bracket_fidelity.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclass looks itself up there)
    spec.loader.exec_module(module)
    return module


def test_the_development_set_is_read_as_an_editor_reads_it():
    need_shared(DEV / "brackets.tsv")
    result = _scorer().score()
    print("\n" + result.table())
    print("\n".join(result.wrong))
    assert sum(result.total.values()) == 216
    assert result.share >= 0.98, "\n".join(result.wrong)


def test_every_development_document_is_valid_and_exports_back(tei_all) -> None:
    """As for the other real samples (tests/test_samples.py): valid against tei_all (and
    the project's schema: tests/test_jing.py), exported back word for word, and the tree is
    what its bytes parse to."""
    paths = sorted(need_shared(DEV).glob("*.txt"))
    assert len(paths) == 32
    for path in paths:
        result = encode_file(path)
        assert_valid(tei_all, result.tree, path.name)
        assert_round_trip(path, result.tree)
        assert canonical(parse_bytes(result.data).getroot()) == canonical(result.tree)
