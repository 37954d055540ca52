"""A transcript is read from its content (plain text, SRT or WebVTT) into the text version
readers read and search, and clean WebVTT captions; anything else is refused, saying why."""

import io
import time

import pytest

from resguardo.catalogue import reading, transcripts
from resguardo.catalogue.transcripts import Transcript
from resguardo.ingest.base import Refused

SRT = """1
00:00:01,000 --> 00:00:03,500
<i>Good morning</i> to the radio school.

2
00:00:03,500 --> 00:00:06,000
Today: early warning & the village patrols.
"""

VTT = """WEBVTT - a radio training
Kind: captions
Language: en

STYLE
::cue(.loud) { color: red; background: url(https://tracker.example/pixel) }

REGION
id:bottom
width:40%

NOTE written by Jane Doe on her phone, +57 300 000 0000

intro
00:00:01.000 --> 00:00:04.000 region:bottom align:start
<v.loud Maria Lopez>Welcome, <b>everyone</b>, to the &lt;radio&gt; school.</v>

00:00:04.000 --> 00:00:06.000
<c.yellow>We start</c> <00:00:05.000>with the alarm.
"""


def read(text: str | bytes) -> Transcript:
    data = text.encode() if isinstance(text, str) else text
    return transcripts.read(io.BytesIO(data))


def refusal(data: bytes) -> Refused:
    with pytest.raises(Refused) as refused:
        transcripts.read(io.BytesIO(data))
    return refused.value


def test_a_plain_text_is_the_text_version_as_it_is_with_no_captions():
    found = read("A radio school.\n\n\n\nSecond part of the talk.  \n")
    assert found == Transcript("A radio school.\n\nSecond part of the talk.")


def test_subtitles_give_their_words_without_numbers_timings_or_tags():
    found = read(SRT)
    assert found.text == ("Good morning to the radio school. Today: early warning & the "
                          "village patrols.")
    assert "-->" not in found.text and "<i>" not in found.text


def test_subtitles_give_clean_webvtt_captions_with_their_timings():
    assert read(SRT).captions == (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:03.500\nGood morning to the radio school.\n\n"
        "00:00:03.500 --> 00:00:06.000\nToday: early warning &amp; the village patrols.\n")


def test_webvtt_keeps_its_speakers_and_loses_styles_regions_notes_settings_and_tags():
    found = read(VTT)
    assert found.text == ("Maria Lopez: Welcome, everyone, to the <radio> school.\n\n"
                          "We start with the alarm.")  # another voice: none named
    assert found.captions == (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:04.000\n"
        "Maria Lopez: Welcome, everyone, to the &lt;radio&gt; school.\n\n"
        "00:00:04.000 --> 00:00:06.000\nWe start with the alarm.\n")
    for gone in ("Jane Doe", "tracker", "STYLE", "REGION", "NOTE", "align", "intro",
                 "Kind:", "a radio training"):
        assert gone not in found.captions and gone not in found.text


def test_the_format_is_read_from_the_content_not_a_name():
    assert read(SRT).captions and read(VTT).captions
    assert not read("1\nThe first point of the talk.\n").captions


def test_a_byte_order_mark_and_windows_line_ends_are_read():
    found = read(b"\xef\xbb\xbf" + SRT.replace("\n", "\r\n").encode())
    assert found == read(SRT)
    assert read(b"\xef\xbb\xbf" + VTT.encode()) == read(VTT)


def test_subtitles_without_cue_numbers_are_read():
    found = read("00:00:01,000 --> 00:00:02,000\nFirst\n\n00:00:02,000 --> 00:00:03,000\n"
                 "second.\n")
    assert found.text == "First second."
    assert found.captions.count("-->") == 2


def test_rolling_captions_repeat_no_line():
    found = read("WEBVTT\n\n00:01.000 --> 00:02.000\nthe water rises\n\n"
                 "00:02.000 --> 00:03.000\nthe water rises\nwe move the animals\n\n"
                 "00:03.000 --> 00:04.000\nwe move the animals\nto the hill\n")
    assert found.text == "the water rises we move the animals to the hill"


def test_a_new_speaker_or_a_long_pause_starts_a_paragraph():
    found = read("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana>Who keeps the radio?\n\n"
                 "00:02.000 --> 00:03.000\n<v Luis>I do.\n\n"
                 "00:03.000 --> 00:04.000\n<v Luis>Every night.\n\n"
                 "00:10.000 --> 00:11.000\n<v Luis>Later, the patrol.\n\n"
                 "00:11.000 --> 00:12.000\n- Who?\n- The youth.\n")
    assert found.text.split("\n\n") == ["Ana: Who keeps the radio?", "Luis: I do. Every night.",
                                        "Luis: Later, the patrol.", "Who?", "The youth."]


def test_a_long_speech_is_cut_into_paragraphs_at_sentence_ends():
    cues = "".join(f"00:{n // 60:02d}:{n % 60:02d}.000 --> 00:{n // 60:02d}:{n % 60:02d}.900\n"
                   f"Sentence number {n} of a long speech about the patrols.\n\n"
                   for n in range(60))
    found = read("WEBVTT\n\n" + cues)
    paragraphs = found.text.split("\n\n")
    assert len(paragraphs) > 3
    assert all(p.endswith(".") and len(p) < 2 * transcripts.PARAGRAPH_CHARS for p in paragraphs)


def test_the_text_version_reads_as_paragraphs_in_the_reading_view():
    document = reading.read(read(VTT).text)
    assert "Maria Lopez: Welcome, everyone, to the &lt;radio&gt; school." in document.parts[0].html


def test_escaped_text_in_cues_never_becomes_markup_in_the_captions():
    found = read("WEBVTT\n\n00:01.000 --> 00:02.000\n&lt;script&gt;alert(1)&lt;/script&gt; "
                 "&amp;amp; --&gt; <b onmouseover=x>bold</b>\n")
    assert "<" not in found.captions.replace("WEBVTT", "")
    assert found.captions.count("-->") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in found.captions


@pytest.mark.parametrize(("data", "code"), [
    (b"x" * (transcripts.MAX_BYTES + 1), "too-large"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "format"),
    ("1\n00:00:01,000 --> 00:00:02,000\nCaf\xe9\n".encode("latin-1"), "encoding"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n".encode("utf-16"), "format"),
    (b"Text with a bell \x07 in it", "format"),
    (b"  \n\n \r\n", "empty"),
    (b"WEBVTT\n\nNOTE nothing but a note\n", "empty"),
    (b"1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n", "empty"),
])
def test_hostile_or_empty_files_are_refused_with_a_reason(data, code):
    refused = refusal(data)
    assert refused.code == code
    assert str(refused.reason)


def test_a_file_just_under_the_limit_is_read():
    line = "The patrol walks the border of the territory at dawn.\n\n"
    data = (line * (transcripts.MAX_BYTES // len(line))).encode()
    assert len(read(data).text) > 4_000_000


def test_subtitles_with_a_broken_timing_say_which_line():
    refused = refusal(SRT.replace("00:00:03,500 --> 00:00:06,000", "00:00:03,500 --> soon")
                      .encode())
    assert refused.code == "timing"
    assert "line 6" in str(refused.reason) and "00:01:02,500" in str(refused.reason)
    refused = refusal(b"WEBVTT\n\n00:00:01.000 --> 00:00:61.000\nHi\n")
    assert "line 3" in str(refused.reason) and "00:01:02.500" in str(refused.reason)


def test_a_cue_that_ends_before_it_starts_is_refused():
    refused = refusal(b"1\n00:00:05,000 --> 00:00:01,000\nBackwards\n")
    assert refused.code == "timing" and "00:00:05.000" in str(refused.reason)


def test_the_refusals_are_in_the_readers_language():
    from django.utils import translation

    with translation.override("es"):
        assert "UTF-8" in str(refusal("é".encode("latin-1")).reason)
        assert "Esta transcripción no tiene texto." == str(refusal(b" ").reason)


def test_hostile_markup_and_many_cues_are_read_in_linear_time():
    started = time.monotonic()
    read(b"WEBVTT\n\n00:00.000 --> 00:01.000\n" + b"<" * 3_000_000 + b"x\n")
    cues = "".join(f"{n}\n00:{n // 6000 % 60:02d}:{n // 100 % 60:02d},{n % 100 * 10:03d} --> "
                   f"00:{n // 6000 % 60:02d}:{n // 100 % 60:02d},{n % 100 * 10 + 5:03d}\n"
                   f"word{n} <b>and</b> more\n\n" for n in range(20_000))
    found = read(cues)
    assert found.captions.count("-->") == 20_000
    assert time.monotonic() - started < 10
