"""Stage 1 — read: bytes -> text, encoding recorded, bad files refused with
a reason.  Pure functions, no file system except for read_file."""

from __future__ import annotations

import codecs
import os
import random
import re
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import png_bytes
from generator import read
from generator.read import ReadError, decode, doc_id_for, read_bytes, read_file

SIMPLIFIED = "郑州市产业集聚区建设取得新进展，全市招商引资签约项目42个，总投资286亿元。"
TRADITIONAL = "鄭州市產業集聚區建設取得新進展，全市招商引資簽約項目四十二個。"
COMMON = "，。、的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encoding, recorded",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gbk", "gb18030"),
        ("gb2312", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),  # with BOM
        ("utf-32", "utf-32"),  # with BOM
    ],
)
def test_simplified_text_in_every_encoding(encoding, recorded):
    text, found = decode(SIMPLIFIED.encode(encoding))
    assert (text, found) == (SIMPLIFIED, recorded)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_when_nuls_present(encoding):
    # ASCII digits give the UTF-16 bytes their NULs.
    text, found = decode(SIMPLIFIED.encode(encoding))
    assert text == SIMPLIFIED
    assert found == encoding


@pytest.mark.parametrize("encoding", ["big5", "utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_traditional_text(encoding):
    assert decode(TRADITIONAL.encode(encoding)) == (TRADITIONAL, "big5" if encoding == "big5" else encoding)


@pytest.mark.parametrize(
    "text, encoding, recorded",
    [
        ("河南", "gbk", "gb18030"),  # a detector alone calls these four bytes Big5
        ("郑州", "gbk", "gb18030"),
        ("豫", "gbk", "gb18030"),  # also valid UTF-8 (one Armenian letter)
        ("豫", "utf-8", "utf-8"),
        ("河南", "utf-8", "utf-8"),
        ("臺灣", "big5", "big5"),
        ("鄭州市", "big5", "big5"),
        ("河南 2014", "utf-16-le", "utf-16-le"),
        ("第1章", "utf-16-be", "utf-16-be"),
        ("“产业”——集聚……", "gbk", "gb18030"),
        ("hello", "gbk", "utf-8"),  # ASCII is ASCII
        ("Zhèngzhōu 郑州", "utf-8", "utf-8"),
        ("Zhèngzhōu 郑州", "gbk", "gb18030"),
        ("位", "gbk", "gb18030"),  # also valid UTF-8 (one Greek letter)
    ],
)
def test_short_texts(text, encoding, recorded):
    assert decode(text.encode(encoding)) == (text, recorded)


def test_characters_outside_gbk_decode_as_gb18030():
    text = "䶮𠀀者：产业集聚区"  # an Extension-A and an Extension-B ideograph
    assert decode(text.encode("gb18030")) == (text, "gb18030")


def test_leading_boms_are_removed():
    raw = read_bytes("a.txt", codecs.BOM_UTF8 + "\ufeff第一行\n第二\ufeff行".encode("utf-8"))
    assert raw.text == "第一行\n第二\ufeff行"  # a U+FEFF inside the text stays
    assert raw.encoding == "utf-8-sig"
    assert not raw.text.startswith("\ufeff")


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16-le", "utf-16", "utf-8-sig"])
def test_real_seeds_survive_reencoding(path, encoding):
    text = read_file(path).text
    assert decode(text.encode(encoding)) == (text, encoding)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(sorted(set(SIMPLIFIED + COMMON + " \n0123456789abcXYZ"))), max_size=60))
def test_gb_text_round_trips(text):
    if not text.strip():
        return
    for encoding in ("gb18030", "utf-8"):
        decoded, found = decode(text.encode(encoding))
        assert decoded == text
        assert found in (encoding, "utf-8")  # ASCII-only GB text is also UTF-8


# ------------------------------------------------------------ line endings


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_line_endings_are_normalised(newline, encoding):
    source = newline.join(["标题", "", "第一段。", "第二段。"]) + newline
    raw = read_bytes("a.txt", source.encode(encoding))
    assert raw.text == "标题\n\n第一段。\n第二段。\n"
    assert "\r" not in raw.text


def test_mixed_line_endings():
    assert read_bytes("a.txt", "一\r\n二\r三\n四".encode()).text == "一\n二\n三\n四"


# ------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\r\n\t ", "empty"),
        (codecs.BOM_UTF8, "empty"),
        (codecs.BOM_UTF8 + b" \r\n", "empty"),
        (codecs.BOM_UTF16_LE, "empty"),
        ("\u3000\n".encode("utf-16"), "empty"),  # ideographic space only
        (png_bytes(), "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (zlib.compress(SIMPLIFIED.encode()) and b"\x1f\x8b\x08\x00" + zlib.compress(SIMPLIFIED.encode()), "gzip"),
        (b"\x00" * 64, "NUL"),
        (bytes(range(256)) * 8, "NUL"),
        (bytes(random.Random(7).randbytes(4000).replace(b"\x00", b"\x01")), "not decodable"),
        (SIMPLIFIED.encode("gbk") + b"\xff" * 12 + SIMPLIFIED.encode("gbk"), "not decodable"),  # 12 bad of 162
        ((SIMPLIFIED.encode("gbk") + b"\xff") * 9, "not decodable"),  # 9 bad, 1.3 %
        ("Ça été très café".encode("latin-1"), "not decodable"),
        (codecs.BOM_UTF8 + b"\xff\xfe abc", "byte-order mark but does not decode"),
        (codecs.BOM_UTF16_LE + "河南".encode("utf-16-le") + b"\x00", "byte-order mark but does not decode"),
        ("\x01\x02\x03\x04\x05 text \x06\x07\x08\x0e\x0f".encode(), "looks binary"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_bad_files_are_refused_with_a_reason(data, reason):
    with pytest.raises(ReadError, match=re.escape(reason)):
        read_bytes("bad.txt", data)


def test_utf8_bom_error_position_counts_the_bom():
    with pytest.raises(ReadError, match="at byte 3"):
        read_bytes("bad.txt", codecs.BOM_UTF8 + b"\xff")


def test_a_few_control_characters_are_tolerated():
    text = "标题\n" + "正文。" * 200 + "\x0b\x1a"  # a stray vertical tab and Ctrl-Z
    assert read_bytes("a.txt", text.encode()).text.endswith("\x0b\x1a")


@pytest.mark.parametrize("text", [
    SIMPLIFIED[:10] + "\x00" + SIMPLIFIED[10:] + "\x00\n",  # two stray NULs (a truncated C string)
    "标题\x00\x00",  # a short text: a share of 50 %, but only two
    "标题\n" + "\x00\x01\x02\x1b\x7f" + SIMPLIFIED * 3,
    "正文\x85\x9f正文",  # C1 controls are not counted
])
def test_stray_nul_and_control_characters_stay_for_the_clean_stage(text):
    raw = read_bytes("a.txt", text.encode())  # the clean stage removes and records them
    assert (raw.text, raw.encoding) == (text, "utf-8")


def test_a_few_invalid_sequences_become_replacement_characters():
    # A lone surrogate (ED A0 80) is invalid UTF-8: a damaged file, not a lost one.
    data = SIMPLIFIED.encode() + b"\xed\xa0\x80" + SIMPLIFIED.encode() * 2
    assert decode(data) == (SIMPLIFIED + "\ufffd" * 3 + SIMPLIFIED * 2, "utf-8")
    data = SIMPLIFIED.encode("gbk") + b"\xff" + SIMPLIFIED.encode("gbk")
    assert decode(data) == (SIMPLIFIED + "\ufffd" + SIMPLIFIED, "gb18030")


def test_windows_1252_typographic_punctuation_is_read_as_such():
    text = "The zone\u2019s plan \u201cworks\u201d \u2014 it\u2019s said\u2026 \u2018ok\u2019 \u2013 \u2022\n"
    data = text.encode("cp1252")
    assert data.decode("gb18030", errors="ignore") != text  # "zone抯 plan": strictly valid GBK in part
    assert decode(data) == (text, "cp1252")
    # Other Latin-1 text is no Chinese archive's: still not decodable (see above).


def test_ascii_utf16_without_bom_is_not_utf8_with_nuls():
    assert decode("hello world\n".encode("utf-16-le")) == ("hello world\n", "utf-16-le")


def test_too_large_files_are_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_bytes(SIMPLIFIED.encode() * 10)
    with pytest.raises(ReadError, match=r"too large: 1,070 bytes; a seed may have at most 1,000 bytes"):
        read_file(path)
    with pytest.raises(ReadError, match="too large"):
        read_bytes("big.txt", path.read_bytes())


def test_read_file_reports_unreadable(tmp_path):
    with pytest.raises(ReadError, match="cannot read"):
        read_file(tmp_path / "missing.txt")
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(ReadError, match="cannot read"):
        read_file(tmp_path / "dir.txt")


# --------------------------------------------------------- raw document


def test_raw_document_fields(tmp_path):
    data = SIMPLIFIED.encode("gbk")
    path = tmp_path / "001_abc.txt"
    path.write_bytes(data)
    raw = read_file(path)
    assert raw.doc_id == "001_abc"
    assert raw.file_name == "001_abc.txt"
    assert raw.text == SIMPLIFIED
    assert raw.encoding == "gb18030"
    assert raw.size == len(data)
    import hashlib

    assert raw.sha256 == hashlib.sha256(data).hexdigest()


def test_read_bytes_is_pure():
    data = TRADITIONAL.encode("big5")
    assert read_bytes("a.txt", data) == read_bytes("a.txt", data)


# ------------------------------------------------------------- doc_id_for

URL_SAFE = re.compile(r"[A-Za-z0-9_-]+")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("000_3ef23ce910235c0e.txt", "000_3ef23ce910235c0e"),
        ("a-b.txt", "a-b"),
        ("Report_2014.TXT", "Report_2014"),
    ],
)
def test_url_safe_names_are_kept(name, expected):
    assert doc_id_for(name) == expected


@pytest.mark.parametrize(
    "name",
    ["郑州 新闻.txt", "a b.txt", "a.b.txt", "ａ.txt", "---.txt", ".hidden.txt", "é.txt", "e\u0301.txt",
     "100%.txt", "a/b.txt", "<script>.txt", "index.txt", "INDEX.txt", "README.txt", "readme.txt", "a?b#c.txt"],
)
def test_other_names_become_url_safe(name):
    doc_id = doc_id_for(name)
    assert URL_SAFE.fullmatch(doc_id), doc_id
    assert doc_id.lower() not in ("index", "readme")
    assert doc_id == doc_id_for(name)  # deterministic


def test_ids_do_not_collide_when_names_differ():
    names = ["a b.txt", "a-b.txt", "a.b.txt", "a_b.txt", "a  b.txt", "ａ-b.txt", "郑州.txt", "洛阳.txt", "é.txt", "e\u0301.txt",
             "index.txt", "index-.txt", "a.txt", "ａ.txt"]
    ids = [doc_id_for(n) for n in names]
    assert len(set(ids)) == len(ids), ids


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(lambda s: "/" not in s and "\x00" not in s))
def test_any_name_gives_a_url_safe_id(stem):
    doc_id = doc_id_for(stem + ".txt")
    assert URL_SAFE.fullmatch(doc_id), (stem, doc_id)
    assert not doc_id.startswith("-") or doc_id == stem


def test_id_does_not_depend_on_content():
    assert read_bytes("x.txt", "一".encode()).doc_id == read_bytes("x.txt", "二".encode("utf-16")).doc_id == "x"


def test_candidate_encodings_are_known_codecs():
    for name in read.CANDIDATE_ENCODINGS:
        codecs.lookup(name)


def test_two_byte_text_valid_in_both_gbk_and_utf8_reads_as_chinese():
    # GBK "路" is the byte pair C2 B7, which is also UTF-8 for "·".
    assert decode("路".encode("gbk")) == ("路", "gb18030")


def test_utf8_hanzi_whose_bytes_also_read_as_gb_hanzi_stay_utf8():
    # UTF-8 "头强" is also valid GB18030 ("澶村己", all common hanzi): a tie
    # that must go to UTF-8, not to the reading with more characters.
    assert decode("头强".encode("utf-8")) == ("头强", "utf-8")


def test_utf8_made_only_of_western_characters_is_utf8():
    # GBK bytes read as Latin-1 and saved as UTF-8 (mojibake): as GB18030 the
    # UTF-8 pairs look like common hanzi ("脰拢脰脻"), but the file is UTF-8;
    # the clean stage repairs the mojibake.
    mojibake = SIMPLIFIED.encode("gbk").decode("latin-1")
    assert decode(mojibake.encode("utf-8")) == (mojibake, "utf-8")
    western = "Les élèves étudient à l’école — «très» bien.\n"
    assert decode(western.encode("utf-8")) == (western, "utf-8")


def test_display_name_is_one_printable_line():
    assert read.display_name("郑州 新闻.txt") == "郑州 新闻.txt"
    assert read.display_name("a\nb\t.txt") == "a\\nb\\t.txt"
    assert read.display_name("\u202eevil.txt") == "\\u202eevil.txt"
    assert read.display_name(b"bad\xff.txt".decode("utf-8", "surrogateescape")) == "bad\\xff.txt"


@pytest.mark.parametrize("name, reason", [
    (b"bad\xfe.txt", "not valid UTF-8"),
    (b"a\nb.txt", "line break or control character (\\n)"),
    ("a\u2028b.txt".encode(), "line break or control character (\\u2028)"),
])
def test_file_names_that_break_pages_are_refused(tmp_path, name, reason):
    path = os.path.join(os.fsencode(tmp_path), name)
    with open(path, "wb") as fh:
        fh.write(SIMPLIFIED.encode())
    with pytest.raises(ReadError, match=re.escape(reason)):
        read_file(Path(os.fsdecode(path)))
