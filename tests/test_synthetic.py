"""bench/synthetic.py: the generator of synthetic Wilson exports the build benches use.

It is deterministic; what it makes encodes to valid TEI that exports back; its brackets
reach the encoder's main kinds; its ids are unique; its lengths, brackets per document and
header fields are in the range of the real samples (../shared/samples, read at test time).
"""

from __future__ import annotations

import hashlib
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO, SHARED

from tei_edition.encoder.pipeline import encode_text
from tei_edition.export import export_tree
from tei_edition.validate import Validator

sys.path.insert(0, str(REPO / "bench"))
import synthetic  # noqa: E402

SAMPLE_DIRS = (SHARED / "samples" / "wilson", SHARED / "samples" / "wilson-dev")
LABEL_RE = re.compile(r"^\*\*([^*:\n]+):\*\*", re.M)


def digest(n: int, seed: int) -> str:
    h = hashlib.sha256()
    for name, text in synthetic.generate(n, seed):
        h.update(name.encode() + b"\0" + text.encode() + b"\0")
    return h.hexdigest()


def samples() -> list[str]:
    for folder in SAMPLE_DIRS:  # a test that needs ../shared fails without it
        assert folder.is_dir(), f"{folder} is absent: the real samples live in ../shared"
    return [p.read_text(encoding="utf-8") for d in SAMPLE_DIRS for p in sorted(d.glob("*.txt"))]


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    assert digest(50, 1) == digest(50, 1)
    assert digest(50, 1) != digest(50, 2)
    # a run is the prefix of a longer one (each document has its own generator)
    assert list(synthetic.generate(20, 3)) == list(synthetic.generate(40, 3))[:20]


@pytest.fixture(scope="module")
def encoded() -> list[tuple[str, str, object]]:
    return [(name, text, encode_text(text, name)) for name, text in synthetic.generate(60, 7)]


def test_documents_encode_to_valid_tei(encoded: list) -> None:
    validator = Validator()
    for name, _, result in encoded:
        report = validator.check_bytes(result.data, name)
        assert report.valid, (name, [d.message for d in report.diagnostics][:3])


def test_documents_export_back(encoded: list) -> None:
    spaced = 0
    for name, text, result in encoded:
        spaced += "\n\n" in text  # a blank line between all lines (metadata.spaced)
        assert export_tree(result.tree) == text, name
    assert 0 < spaced < len(encoded)  # both layouts were tried


#: The encoder's counts (Encoded.counts) by the kinds of brackets.tsv.
TSV_KIND = {"supplied": "supplied", "identification": "identification", "gap": "omitted",
            "note": "note", "remark": "note", "original": "note", "gloss": "reg",
            "expansion": "expansion", "handwritten": "physical", "stamp": "physical",
            "signature": "physical", "illegible": "physical", "unclear": "unclear",
            "uncertain": "unclear"}


def test_bracket_kinds_cover_the_main_kinds(encoded: list) -> None:
    counts: Counter[str] = Counter()
    for _, _, result in encoded:
        counts.update(result.counts)
    main = {"supplied", "identification", "gap", "note", "gloss", "remark", "expansion",
            "handwritten", "stamp", "unclear", "uncertain"}
    assert main <= set(counts), main - set(counts)
    # in about the proportions of the real bodies: brackets.tsv's first reading of each
    tsv = SHARED / "samples" / "wilson-dev" / "brackets.tsv"
    assert tsv.is_file(), f"{tsv} is absent: the real samples live in ../shared"
    real = Counter(line.split("\t")[2].split(",")[0].strip()
                   for line in tsv.read_text(encoding="utf-8").splitlines()
                   if line and not line.startswith("#"))
    ours: Counter[str] = Counter()
    for kind, n in counts.items():
        ours[TSV_KIND.get(kind, kind)] += n
    for kind in ("supplied", "identification", "omitted", "note", "physical"):
        share, real_share = ours[kind] / ours.total(), real[kind] / real.total()
        assert real_share / 2.5 < share < real_share * 2.5, (kind, share, real_share)


def test_ids_are_unique() -> None:
    """The file names, and the ids the encoder gives (TEI/@xml:id: the URL's number, else
    the date and the title's first words, which hold a registry number)."""
    docs = list(synthetic.generate(5000, 1))
    assert len({name for name, _ in docs}) == 5000
    ids = Counter(encode_text(text, name).ident for name, text in docs)
    assert len(ids) == 5000, ids.most_common(3)
    # both ways of making one were taken
    assert 1000 < sum(1 for i in ids if re.fullmatch(r"wilson-\d+", i)) < 4000


def test_statistics_are_like_the_samples() -> None:
    real = samples()
    texts = [text for _, text in synthetic.generate(1000, 1)]
    lengths = sorted(len(t) for t in texts)
    real_median = statistics.median(len(t) for t in real)
    # the bulk as long as the samples (which run from about 700 to 2,100 characters)...
    assert 0.6 * real_median < statistics.median(lengths) < 1.6 * real_median
    # ...some of a few lines, and a tail of long reports
    assert lengths[10] < 800 and lengths[-10] > 15000
    # brackets per document: the samples' mean within a factor of two
    def brackets(t: str) -> int:
        return t.split("**Contents:**")[-1].count("[")
    real_mean = statistics.mean(brackets(t) for t in real)
    mean = statistics.mean(brackets(t) for t in texts)
    assert real_mean / 2 < mean < real_mean * 2, (mean, real_mean)
    # the fields the samples have, in about their shares (±25 points), and some others
    def shares(docs: list[str]) -> dict[str, float]:
        c = Counter(label for t in docs for label in set(LABEL_RE.findall(t)))
        return {label: n / len(docs) for label, n in c.items()}
    ours, theirs = shares(texts), shares(real)
    for label in ("Summary", "Credits", "Source", "Contents"):
        assert abs(ours[label] - theirs[label]) < 0.25, (label, ours[label], theirs[label])
    assert {"Citation", "Original Language"} <= set(ours)
    languages = Counter(m for t in texts for m in
                        re.findall(r"\*\*Original Language:\*\*\n+([^\n,]+)", t))
    assert len(languages) >= 8, languages
    years = [int(m) for t in texts for m in re.findall(r"^\*\*\w+ (?:\d+, )?(\d{4})\*\*", t,
                                                        re.M)]
    assert min(years) >= 1945 and max(years) <= 1991 and len(set(years)) > 40


def test_the_command_makes_a_project(tmp_path: Path) -> None:
    out = tmp_path / "edition"
    assert synthetic.main([str(out), "-n", "5", "--seed", "2"]) == 0
    assert (out / "edition.toml").is_file()
    written = sorted(p.name for p in (out / "sources").iterdir())
    assert written == sorted(name for name, _ in synthetic.generate(5, 2))


def test_the_register_is_valid_and_links_the_documents(tmp_path: Path) -> None:
    """``--register N``: the N persons and N/4 places named in most documents, in register
    files the project schema accepts, whose names the linker finds in the documents."""
    from tei_edition.registers.check import check_register, check_register_files
    from tei_edition.registers.link import Linker
    from tei_edition.registers.model import load_register

    out = tmp_path / "edition"
    assert synthetic.main([str(out), "-n", "40", "--register", "30"]) == 0
    folder = out / "registers"
    errors = [d for d in [*check_register_files(folder), *check_register(load_register(folder))]
              if d.severity == "error"]
    assert errors == []
    register = load_register(folder)
    kinds = Counter(entry.kind for entry in register)
    assert kinds == {"person": 30, "place": 7}
    linker, refs = Linker(register), []
    for name, text in synthetic.generate(10, 1):
        tree = encode_text(text, name).tree
        linker.link(tree, name)
        refs += [ref for ref in tree.xpath("//@ref") if ref.startswith(("per:", "pla:"))]
    assert len(refs) >= 10
    assert all(register.resolve(ref) is not None for ref in refs)
