import codecs
import hashlib

import pytest

from builder.decode import decode, garble
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


def test_soft_hyphens_leave_the_words_they_split_whole():
    doc = decode(_doc("Gov\u00adern\u00adment talks in Ba\u00admako".encode("cp1252")))
    assert doc.lines[0].text == "Government talks in Bamako"
    assert doc.meta["text_repaired"] is False  # a hint removed, nothing mis-decoded repaired
    assert decode(_doc("ex\u00adpect".encode())).lines[0].text == "expect"


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


def test_utf8_with_a_stray_byte_stays_utf8_with_the_byte_replaced():
    raw = b"\xe2\x80\x9ctalks\xe2\x80\x9d resume in Algiers \xff after a pause, officials said."
    doc = decode(_doc(raw))
    assert doc.text == "\u201ctalks\u201d resume in Algiers \ufffd after a pause, officials said."
    assert (doc.meta["encoding"], doc.meta["text_repaired"]) == ("utf-8", True)


def test_a_replacement_character_the_page_has_is_no_stray_byte():
    # U+FFFD written as UTF-8 decodes correctly: it counts as a good sequence, not a bad one.
    doc = decode(_doc("\ufffd\ufffd\ufffd Bamako ".encode() + b"caf\xe9"))
    assert doc.text == "\ufffd\ufffd\ufffd Bamako caf\ufffd"
    assert (doc.meta["encoding"], doc.meta["text_repaired"]) == ("utf-8", True)
    doc = decode(_doc("\ufffd ".encode() + b"caf\xe9 \xe0 l'\xe9t\xe9 \x93Bamako\x94"))
    assert doc.meta["encoding"] != "utf-8"


def test_a_cp1252_page_with_one_utf8_lookalike_stays_cp1252():
    # "\xc2\xa0" (Â then a no-break space) is also valid UTF-8; the three bad bytes outvote it.
    doc = decode(_doc(b"\xc2\xa0caf\xe9 \x93Bamako\x94 \xe0 midi"))
    assert doc.meta["encoding"] == "cp1252"
    assert doc.text.endswith("caf\u00e9 \u201cBamako\u201d \u00e0 midi")


def test_shift_jis_is_not_taken_for_utf8_with_stray_bytes():
    text = "マリ北部で戦闘が続いている。政府軍は反政府勢力と交戦した。"
    doc = decode(_doc(text.encode("shift_jis")))
    assert doc.text == text


def test_bytes_replaced_after_a_byte_order_mark_are_noted():
    doc = decode(_doc(codecs.BOM_UTF8 + "caf\u00e9 ".encode() + b"\xff"))
    assert doc.text == "caf\u00e9 \ufffd"
    assert (doc.meta["encoding"], doc.meta["text_repaired"]) == ("utf-8", True)


def test_a_short_cp1252_page_is_not_taken_for_a_dos_code_page():
    doc = decode(_doc(b"caf\xe9 \x93quoted\x94"))  # charset-normalizer's guess: cp1125
    assert doc.text == "caf\u00e9 \u201cquoted\u201d"
    assert (doc.meta["encoding"], doc.meta["text_repaired"]) == ("cp1252", False)


def test_a_koi8_page_is_not_forced_into_cp1252():
    text = "Президент Мали приветствовал вмешательство Франции в Конне, заявив, что всё серьёзно."
    doc = decode(_doc(text.encode("koi8-r")))
    assert (doc.text, doc.meta["encoding"]) == (text, "koi8_r")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Правительство Мали объявило о начале переговоров с вооружёнными группами.", "cp1251"),
        ("أعلنت الحكومة المالية بدء المحادثات مع الجماعات المسلحة في شمال البلاد.", "cp1256"),
        ("Η κυβέρνηση του Μάλι ανακοίνωσε την έναρξη συνομιλιών με τις ένοπλες ομάδες.", "cp1253"),
        ("Rząd Mali ogłosił rozpoczęcie rozmów z grupami zbrojnymi na północy kraju.", "cp1250"),
        ("Привет мир", "cp1251"),  # charset-normalizer's guess: the DOS page cp1125
        ("รัฐบาลมาลีประกาศเริ่มการเจรจากับกลุ่มติดอาวุธทางตอนเหนือของประเทศ", "cp874"),
        ("Le gouvernement malien a annoncé l'ouverture de pourparlers à Ouagadougou.", "cp1252"),
        ("col·lecció de Größe", "cp1252"),  # its guess: cp1006 (Urdu)
        # Read as Windows-1250, "très" is "trčs" and "m²" loses its sign: no garble there.
        ("Appartement de 45 m² à Bamako, très lumineux, près du fleuve, 5 µg.", "cp1252"),
    ],
)
def test_a_single_byte_page_is_read_in_its_own_code_page(text, encoding):
    doc = decode(_doc(text.encode(encoding)))
    assert (doc.text, doc.meta["encoding"]) == (text, encoding)


def test_garble_counts_the_words_a_wrong_code_page_makes():
    assert garble("Le café de Bamako, naïve et déjà “cité” — col·lecció") == 0
    assert garble("Ïðàâèòåëüñòâî Ìàëè") == 2  # Cyrillic read as Windows-1252
    assert garble("cafй") == 1  # French read as Windows-1251
    assert garble("wys³aæ") == 1  # Polish read as Windows-1252
    assert garble("45 m² à 5 µg, au 1º étage") == 0  # signs that go with any script
    assert garble("マリ北部で戦闘が続いている") == 0  # kana and kanji make one script
