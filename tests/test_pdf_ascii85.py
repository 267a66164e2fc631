"""The PDF reader's ASCII85 decoding against pdfminer's (``base64.a85decode``), valid input or not."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapportkoll.readers import pdf_ascii85


def _pdfminer(data: bytes):
    from pdfminer.ascii85 import ascii85decode

    try:
        return ascii85decode(data)
    except ValueError:
        return ValueError


def _ours(data: bytes):
    try:
        return pdf_ascii85.ascii85decode(data)
    except ValueError:
        return ValueError


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_encoded_bytes_decode_as_pdfminer_decodes_them(payload):
    # a85encode writes 'z' for a group of four zero bytes; framed as ReportLab frames a stream ('~>' at the end).
    encoded = base64.a85encode(payload, wrapcol=17) + b"~>"
    assert _ours(encoded) == _pdfminer(encoded) == payload


_ALPHABET = st.sampled_from([b"!", b"u", b"v", b"z", b"A", b"s8", b" ", b"\n", b"\f", b"~", b"<~", b"~>", b"\x00"])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([b"", b"s8W-!" * 60, b"  " * 150]), st.lists(_ALPHABET, max_size=40).map(b"".join))
def test_any_input_decodes_or_is_refused_as_by_pdfminer(long, data):
    # Bytes outside the alphabet, 'z' inside a group, groups past 2**32 - 1 ('uuuuu'), framing anywhere; after
    # 300 bytes or none (the end's framing is searched in the last 256 bytes first).
    assert _ours(long + data) == _pdfminer(long + data)


def test_a_stream_longer_than_one_batch(monkeypatch):
    monkeypatch.setattr(pdf_ascii85, "_GROUPS", 3)
    payload = bytes(range(256)) * 3 + b"\0" * 9
    assert pdf_ascii85.ascii85decode(base64.a85encode(payload) + b"~>") == payload


@pytest.mark.parametrize("data", [b"uuuuu", b"!!z!!!", b"ab\fcd", b"s8W-!s8W-\""])
def test_what_pdfminer_refuses_is_refused(data):
    assert _ours(data) is ValueError and _pdfminer(data) is ValueError
