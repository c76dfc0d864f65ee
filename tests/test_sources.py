import datetime as dt
from pathlib import Path

import pytest

from builder.build import build
from builder.doc import BuildError
from builder.sources import Source, load_sources

TOML = """
["000_f43590dcf1fa9506.txt"]
url = "https://example.org/mali/aspen"
outlet = "Agence France-Presse"
license = "all rights reserved"

["003_4c147c20ba632c38.txt"]
date = "2013-01-16"
notes = "US government editorial"
"""


def _load_error(root, manifest, text):
    """The one-line error a manifest with this text stops the build with."""
    (root / "seeds" / manifest).write_text(text)
    with pytest.raises(BuildError) as err:
        load_sources(root / "seeds")
    return str(err.value)


def test_manifest_values_win_and_say_so(make_repo):
    root = make_repo()
    (root / "seeds" / "sources.toml").write_text(TOML)
    articles = {a.id: a for a in build(root / "seeds", root / "data").articles}
    aspen, editorial = articles["f43590dcf1fa9506"], articles["4c147c20ba632c38"]
    assert (aspen.outlet, aspen.outlet_source) == ("Agence France-Presse", "manifest")
    assert aspen.url == "https://example.org/mali/aspen"
    assert aspen.license == "all rights reserved"
    assert aspen.date_source == "text:stamp"  # the manifest gave no date for it
    assert (editorial.date, editorial.date_source) == (dt.date(2013, 1, 16), "manifest")
    assert len(articles) == 5  # the manifest itself is not an input


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '["000_f43590dcf1fa9506.txt"]\nauthor = "x"\n',
            r"line 2: .*unknown key 'author'; valid keys: url",
        ),
        ('["missing.txt"]\nurl = "x"\n', r"line 1: 'missing.txt' is not a file in seeds/"),
        ('\n["../etc/passwd"]\nurl = "x"\n', r"line 2: '../etc/passwd' leaves the seeds folder"),
        (
            '["000_f43590dcf1fa9506.txt"]\ndate = "15/01/2013"\n',
            r"date '15/01/2013' is not YYYY-MM-DD",
        ),
    ],
)
def test_manifest_errors_name_file_key_and_line(make_repo, text, message):
    root = make_repo()
    (root / "seeds" / "sources.toml").write_text(text)
    with pytest.raises(BuildError, match=message) as err:
        load_sources(root / "seeds")
    assert "seeds/sources.toml" in str(err.value)


def test_csv_manifest(make_repo):
    root = make_repo()
    (root / "seeds" / "sources.csv").write_text(
        "file,outlet,date\n002_85fd74c31d99d556.txt,AFP,2013-01-15\n001_11a2904bc4289e89.txt,,bad\n"
    )
    with pytest.raises(BuildError, match=r"sources.csv, line 3: .*date 'bad'"):
        load_sources(root / "seeds")


@pytest.mark.parametrize(
    ("manifest", "text"),
    [
        ("sources.csv", "file,outlet\n002_85fd74c31d99d556.txt,AFP\n"),
        ("sources.toml", '["002_85fd74c31d99d556.txt"]\noutlet = "AFP"\n'),
    ],
)
def test_manifest_saved_with_a_byte_order_mark(make_repo, manifest, text):
    root = make_repo()
    (root / "seeds" / manifest).write_text(text, encoding="utf-8-sig")
    assert load_sources(root / "seeds") == {"002_85fd74c31d99d556.txt": Source(outlet="AFP")}


@pytest.mark.parametrize(
    ("manifest", "data"),
    [
        ("sources.toml", b'["002_85fd74c31d99d556.txt"]\noutlet = "Le R\xe9publicain"\n'),
        ("sources.csv", b"file,outlet\n002_85fd74c31d99d556.txt,Le R\xe9publicain\n"),
        ("sources.csv", b"\xef\xbb\xbffile,outlet\n002_85fd74c31d99d556.txt,Le R\xe9publicain\n"),
    ],
)
def test_manifest_that_is_not_utf8_is_named(make_repo, manifest, data):
    root = make_repo()
    (root / "seeds" / manifest).write_bytes(data)
    with pytest.raises(BuildError) as err:
        load_sources(root / "seeds")
    offset = data.index(b"\xe9")
    assert str(err.value) == (
        f"seeds/{manifest}, line 2: not UTF-8 text (byte 0xe9 at offset {offset}); save it as UTF-8"
    )


def test_unreadable_manifest_is_named(make_repo, monkeypatch):
    root = make_repo()
    (root / "seeds" / "sources.toml").write_text('["002_85fd74c31d99d556.txt"]\n')

    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(BuildError) as err:
        load_sources(root / "seeds")
    assert str(err.value) == "seeds/sources.toml: cannot be read (Permission denied)"


@pytest.mark.parametrize(
    "value", ["20130115", "2013-W03-2", "2013-1-15", "2013-02-30", "٢٠١٣-٠١-١٥"]
)
def test_manifest_date_is_only_yyyy_mm_dd(make_repo, value):
    root = make_repo()
    (root / "seeds" / "sources.csv").write_text(
        f"file,date\n002_85fd74c31d99d556.txt,{value}\n", encoding="utf-8"
    )
    with pytest.raises(BuildError) as err:
        load_sources(root / "seeds")
    assert str(err.value) == (
        f"seeds/sources.csv, line 2: 002_85fd74c31d99d556.txt: date {value!r} is not YYYY-MM-DD"
    )


def test_manifest_date_as_text_or_toml_date(make_repo):
    root = make_repo()
    (root / "seeds" / "sources.toml").write_text(
        '["002_85fd74c31d99d556.txt"]\ndate = " 2013-01-15 "\n'
        '["003_4c147c20ba632c38.txt"]\ndate = 2013-01-16\n'
    )
    dates = {path: source.date for path, source in load_sources(root / "seeds").items()}
    assert dates == {
        "002_85fd74c31d99d556.txt": dt.date(2013, 1, 15),
        "003_4c147c20ba632c38.txt": dt.date(2013, 1, 16),
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (  # the key's own line, not its table's
            '["000_f43590dcf1fa9506.txt"]\nurl = "https://example.org/a"\n\n'
            '["002_85fd74c31d99d556.txt"]  # wire copy\noutlet = "AFP"\ndate = "15/01/2013"\n',
            "line 6: 002_85fd74c31d99d556.txt: date '15/01/2013' is not YYYY-MM-DD",
        ),
        (
            '["002_85fd74c31d99d556.txt"]\noutlet = "AFP"\n"author" = "x"\n',
            "line 3: 002_85fd74c31d99d556.txt: unknown key 'author'; "
            "valid keys: url, outlet, date, license, notes",
        ),
        (  # a table whose name holds another table's name is not that table
            '["xa.txt"]\nurl = "x"\n\n["a.txt"]\nauthor = "x"\n',
            "line 5: a.txt: unknown key 'author'; valid keys: url, outlet, date, license, notes",
        ),
        (  # lines inside a multi-line string are text, not keys
            '["a.txt"]\nnotes = """\ndate = "2013-01-15"\n"""\ndate = "bad"\n',
            "line 5: a.txt: date 'bad' is not YYYY-MM-DD",
        ),
        (
            '# wire copy\n"a.txt".outlet = "AFP"\n"a.txt".date = "bad"\n',
            "line 3: a.txt: date 'bad' is not YYYY-MM-DD",
        ),
        (
            '\n"a.txt" = { outlet = "AFP", date = "bad" }\n',
            "line 2: a.txt: date 'bad' is not YYYY-MM-DD",
        ),
    ],
)
def test_toml_errors_name_the_line_of_the_key(make_repo, text, message):
    root = make_repo({"a.txt": b"A story.\n", "xa.txt": b"Another.\n"})
    assert _load_error(root, "sources.toml", text) == f"seeds/sources.toml, {message}"


def test_csv_unknown_column_is_named_on_the_header_line(make_repo):
    root = make_repo()
    (root / "seeds" / "sources.csv").write_text("file,outlet,author\n")
    with pytest.raises(BuildError) as err:
        load_sources(root / "seeds")
    assert str(err.value) == (
        "seeds/sources.csv, line 1: unknown column 'author'; "
        "valid columns: file, url, outlet, date, license, notes"
    )


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ('outlet = ["a", "b"]', "outlet must be a string, found an array"),
        ("url = 5", "url must be a string, found an integer"),
        ("license = true", "license must be a string, found a boolean"),
        ("notes = { text = 'x' }", "notes must be a string, found a table"),
        ("outlet = 1.5", "outlet must be a string, found a float"),
        ("notes = 2013-01-15", "notes must be a string, found a date"),
        ("date = 2013-01-15T10:00:00", "date must be YYYY-MM-DD, found a date-time"),
        ("date = 20130115", "date must be YYYY-MM-DD, found an integer"),
    ],
)
def test_manifest_values_must_be_strings(make_repo, assignment, message):
    root = make_repo()
    (root / "seeds" / "sources.toml").write_text(
        f'["002_85fd74c31d99d556.txt"]\n# wire copy\n{assignment}\n'
    )
    with pytest.raises(BuildError) as err:
        load_sources(root / "seeds")
    assert str(err.value) == f"seeds/sources.toml, line 3: 002_85fd74c31d99d556.txt: {message}"


@pytest.mark.parametrize(
    ("manifest", "text", "message"),
    [
        (
            "sources.csv",
            "file,outlet\n002_85fd74c31d99d556.txt,AFP\n003_4c147c20ba632c38.txt,\n"
            "002_85fd74c31d99d556.txt,Reuters\n",
            "line 4: '002_85fd74c31d99d556.txt' is given again (first on line 2); "
            "keep one entry per file",
        ),
        (
            "sources.csv",
            "file,outlet\n002_85fd74c31d99d556.txt,AFP\n./002_85fd74c31d99d556.txt,Reuters\n",
            "line 3: './002_85fd74c31d99d556.txt' is the same file as "
            "'002_85fd74c31d99d556.txt' on line 2; keep one entry per file",
        ),
        (
            "sources.toml",
            '["002_85fd74c31d99d556.txt"]\noutlet = "AFP"\n\n'
            '["003_4c147c20ba632c38.txt/"]\n\n[".//003_4c147c20ba632c38.txt"]\noutlet = "x"\n',
            "line 6: './/003_4c147c20ba632c38.txt' is the same file as "
            "'003_4c147c20ba632c38.txt/' on line 4; keep one entry per file",
        ),
    ],
)
def test_a_file_given_twice_is_an_error(make_repo, manifest, text, message):
    root = make_repo()
    (root / "seeds" / manifest).write_text(text)
    with pytest.raises(BuildError) as err:
        load_sources(root / "seeds")
    assert str(err.value) == f"seeds/{manifest}, {message}"


def unquoted(line: int, name: str) -> str:
    return (
        f"line {line}: [{name}] is read as nested tables (a dot in a bare name separates "
        f'tables); write the file name in quotes: ["{name}"]'
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[002_85fd74c31d99d556.txt]\noutlet = "AFP"\n', unquoted(1, "002_85fd74c31d99d556.txt")),
        (
            '# wire copy\n\n["a.txt"]\noutlet = "AFP"\n\n[report.2014.txt]\nurl = "a"\n'
            '[report.2013.txt]\nurl = "b"\n',
            unquoted(6, "report.2014.txt"),
        ),
        ("[missing.txt]\n", unquoted(1, "missing.txt")),  # a mistyped name gets the hint too
        (  # a value that is a table is a value, not a hidden file name
            '["missing.txt"]\nurl = { a = 1 }\n',
            "line 1: 'missing.txt' is not a file in seeds/",
        ),
    ],
)
def test_unquoted_file_name_gets_a_hint(make_repo, text, message):
    root = make_repo({"a.txt": b"A.\n", "report.2013.txt": b"B.\n", "report.2014.txt": b"C.\n"})
    (root / "seeds" / "sources.toml").write_text(text)
    with pytest.raises(BuildError) as err:
        load_sources(root / "seeds")
    assert str(err.value) == f"seeds/sources.toml, {message}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "file,outlet\n002_85fd74c31d99d556.txt,AFP,Reuters\n",
            "line 2: 002_85fd74c31d99d556.txt: value 'Reuters' is past the header's 2 columns "
            "(file, outlet)",
        ),
        ("outlet,file\nAFP\n", "line 2: the row names no file in its 'file' column"),
        ("file,outlet\n,AFP\n", "line 2: the row names no file in its 'file' column"),
        (
            "file,outlet,outlet\n002_85fd74c31d99d556.txt,AFP,Reuters\n",
            "line 1: column 'outlet' appears twice; keep one",
        ),
    ],
)
def test_csv_rows_that_do_not_fit_the_header(make_repo, text, message):
    assert _load_error(make_repo(), "sources.csv", text) == f"seeds/sources.csv, {message}"


def test_csv_blank_cells_past_the_header_and_blank_rows_are_ignored(make_repo):
    root = make_repo()
    (root / "seeds" / "sources.csv").write_text(
        "file,outlet\n002_85fd74c31d99d556.txt,AFP,,\n,\n\n003_4c147c20ba632c38.txt,\n"
    )
    assert load_sources(root / "seeds") == {
        "002_85fd74c31d99d556.txt": Source(outlet="AFP"),
        "003_4c147c20ba632c38.txt": Source(),
    }
