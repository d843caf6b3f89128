from richtext.blocks import figure_caption_html, figure_image_source, split_blocks
from richtext.diff import text_of, word_diff
from richtext.measures import plain_text, reading_minutes, word_count


def words(n: int) -> str:
    return "<p>" + " ".join(["word"] * n) + "</p>"


def test_reading_time_is_about_230_words_a_minute_and_never_less_than_one():
    assert reading_minutes("") == 1
    assert reading_minutes(words(230)) == 1
    assert reading_minutes(words(231)) == 2
    assert reading_minutes(words(460) + "<p><strong>bold</strong> words</p>") == 3


def test_word_count_ignores_markup_and_keeps_contractions_whole():
    assert word_count('<p>It’s <a href="https://x.org/a-b-c">a test</a></p><!-- hidden -->') == 3


def test_plain_text_is_what_readers_read_one_line_a_block():
    html = (
        '<h2>Head</h2><p>Smith &amp; Sons<br>said &lt;b&gt;&nbsp; so.</p><figure class="image">'
        '<img src="/uploads/a.jpg" alt="a > b"><figcaption>Caption</figcaption></figure>'
        "<ul><li>one</li><li>two</li></ul>"
    )
    assert plain_text(html) == "Head\nSmith & Sons\nsaid <b> so.\nCaption\none\ntwo"
    assert plain_text("") == plain_text(None) == ""


def test_word_diff_marks_removed_and_added_words():
    html = word_diff("The army advanced quickly", "The army retreated quickly")
    assert html == "The army <del>advanced</del><ins>retreated</ins> quickly"
    assert word_diff("<b>", "<i>") == "<del>&lt;b&gt;</del><ins>&lt;i&gt;</ins>"
    assert text_of("<p>One</p><p>Two <strong>three</strong></p>") == "One\nTwo three"


def test_the_body_splits_into_top_level_blocks_and_photos_are_recognised():
    blocks = split_blocks(
        '<p>One <em>two</em></p>\n<figure class="image"><img src="/uploads/a.jpg" alt="A">'
        "<figcaption>Caption <b>here</b></figcaption></figure><hr><h2>Next</h2>"
    )
    assert [block.tag for block in blocks] == ["p", "figure", "hr", "h2"]
    assert [block.is_paragraph for block in blocks] == [True, False, False, False]
    assert figure_image_source(blocks[1]) == "/uploads/a.jpg"
    assert figure_image_source(blocks[0]) is None
    assert figure_caption_html(blocks[1]) == "Caption <b>here</b>"
