"""docs/performance.md: generated blocks replaced in place, hand-written prose left alone."""

from bench.report import read_block, table, update_document, write_block

DOCUMENT = """# Performance

Prose written by hand.

<!-- bench:100000 -->
old figures
<!-- /bench:100000 -->

## Search at a million articles

An EXPLAIN plan someone added:

    Bitmap Heap Scan on articles_article
"""


def test_a_block_is_replaced_and_nothing_else_changes():
    updated = write_block(DOCUMENT, "bench:100000", "| new | figures |")
    assert read_block(updated, "bench:100000") == "| new | figures |"
    assert updated.replace("| new | figures |", "old figures") == DOCUMENT


def test_a_new_block_is_added_at_the_end_and_others_are_kept():
    updated = write_block(DOCUMENT, "bench:10000", "ten thousand")
    assert updated.startswith(DOCUMENT.rstrip("\n"))
    assert updated.endswith("<!-- bench:10000 -->\nten thousand\n<!-- /bench:10000 -->\n")
    assert read_block(updated, "bench:100000") == "old figures"


def test_blocks_of_similar_names_stay_apart():
    updated = write_block(write_block(DOCUMENT, "bench:1000", "a thousand"), "bench:100000", "new")
    assert read_block(updated, "bench:1000") == "a thousand"
    assert read_block(updated, "bench:100000") == "new"


def test_replacement_text_is_taken_literally():
    updated = write_block(DOCUMENT, "bench:100000", r"a \1 and \g<0> stay as written")
    assert read_block(updated, "bench:100000") == r"a \1 and \g<0> stay as written"


def test_the_document_is_created_with_an_intro(tmp_path):
    path = tmp_path / "performance.md"
    update_document(path, {"bench:2000": "figures"}, intro="# Performance\n\nIntro.\n")
    assert path.read_text() == "# Performance\n\nIntro.\n\n<!-- bench:2000 -->\nfigures\n<!-- /bench:2000 -->\n"
    update_document(path, {"bench:2000": "newer"})
    assert path.read_text().count("<!-- bench:2000 -->") == 1
    assert read_block(path.read_text(), "bench:2000") == "newer"


def test_a_markdown_table():
    assert table(["page", "req/s"], [["front", "28"]], align="l") == ("| page | req/s |\n| --- | --: |\n| front | 28 |")
