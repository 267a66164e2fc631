"""The real tables' annotations are sound: every label resolves, every slip is printed as annotated,
and every annotated relation holds within rounding except where an annotated slip breaks it.

This guards the measuring stick itself (bench/recall.py and the golden slip tests use it); it
never runs rapportkoll's engine.
"""

from __future__ import annotations

import pytest

from realworld.annotations import annotated_files, kind_of, load, problems

FILES = annotated_files()


@pytest.mark.parametrize("sidecar", FILES, ids=[p.stem for p in FILES])
def test_annotation_is_sound(sidecar):
    annotation = load(sidecar)
    assert annotation.data.get("source", {}).get("url"), "every table names its source"
    assert annotation.relations or annotation.data.get("notes"), "a table with no relation says why in notes"
    for relation in annotation.relations:
        kind_of(relation)
    assert problems(annotation) == []

