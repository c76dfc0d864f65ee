import hashlib

from builder.decode import decode
from builder.doc import Doc, Rejection, RejectReason


def _doc(raw: bytes) -> Doc:
    return Doc("f.txt", raw, hashlib.sha256(raw).hexdigest(), "f")


def test_utf8_lines_are_numbered_and_blank_lines_skipped():
    doc = decode(_doc("Title\r\n\r\n  Body  text\u00a0here ".encode()))
    assert [(line.no, line.text) for line in doc.lines] == [(1, "Title"), (3, "Body text here")]


def test_nul_bytes_are_not_text():
    result = decode(_doc(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert isinstance(result, Rejection) and result.reason is RejectReason.not_text


def test_cp1252_and_bom_inputs_decode():
    assert decode(_doc("caf\u00e9 \u2019".encode("cp1252"))).lines[0].text == "caf\u00e9 \u2019"
    assert decode(_doc("\ufeffHello".encode("utf-8"))).lines[0].text == "Hello"
    assert decode(_doc("Hi there".encode("utf-16"))).lines[0].text == "Hi there"


def test_text_is_nfc():
    assert decode(_doc("Mali\u0301".encode())).lines[0].text == "Mal\u00ed"


def test_curly_quotes_stay():
    assert decode(_doc("\u201cHelp \u2014 France.\u201d".encode())).lines[0].text == (
        "\u201cHelp \u2014 France.\u201d"
    )


def test_mojibake_is_repaired_and_noted():
    broken = "The café’s plan — now “ready".encode().decode("cp1252").encode("utf-8")
    doc = decode(_doc(broken))
    assert doc.lines[0].text == "The café’s plan — now “ready"
    assert doc.meta["text_repaired"] is True


def test_latin1_page_is_detected():
    text = "Le président malien a salué l'intervention française à Konna, déclarant que « la"
    doc = decode(_doc((text + " situation était grave ».").encode("latin-1")))
    assert doc.lines[0].text.startswith("Le président malien a salué")
    assert doc.meta["encoding"] == "cp1252"


def test_seeds_are_left_as_they_are():
    from tests.conftest import SEEDS

    for path in sorted(SEEDS.iterdir()):
        raw = path.read_bytes()
        doc = decode(_doc(raw))
        assert doc.meta["text_repaired"] is False, path.name
        assert doc.text == raw.decode("utf-8"), path.name


def test_stray_control_characters_are_spaces():
    sentence = "The regional force met in Bamako on Monday to plan the deployment."
    text = "Mali talks resume\x08in Algiers\n\x08\x08\n" + "\n".join([sentence] * 20)
    doc = decode(_doc(text.encode()))
    assert [line.text for line in doc.lines][:2] == ["Mali talks resume in Algiers", sentence]
    assert [line.no for line in doc.lines][:2] == [1, 3]  # the line of controls alone is blank
