"""RichTextField cleans what it stores, whichever way the value arrives."""

from types import SimpleNamespace

from richtext.fields import RichTextField

ATTACK = '<p onclick="steal()">Reporter since 2014.</p><script>x()</script><a href="javascript:alert(1)">x</a>'
CLEAN = "<p>Reporter since 2014.</p><p><a>x</a></p>"  # the loose link kept in a paragraph


def field() -> RichTextField:
    rich_text = RichTextField(blank=True)
    rich_text.set_attributes_from_name("body")
    return rich_text


def test_saving_stores_and_keeps_on_the_instance_only_the_sanitised_html():
    instance = SimpleNamespace(body=ATTACK)
    assert field().pre_save(instance, add=True) == CLEAN
    assert instance.body == CLEAN  # what the page renders after save() is what was stored


def test_validation_cleans_the_value_so_forms_hold_what_will_be_stored():
    assert field().clean(ATTACK, None) == CLEAN
    assert field().to_python(None) is None


def test_sanitising_is_idempotent_and_keeps_the_editors_own_markup():
    markup = '<h2>Heading</h2><p>Text with <a href="/war/story/">a link</a>.</p>'
    assert field().pre_save(SimpleNamespace(body=markup), add=False) == markup


def test_the_field_is_a_text_column_edited_in_ckeditor_5():
    rich_text = RichTextField(config_name="article", blank=True)
    assert rich_text.get_internal_type() == "TextField"
    assert type(rich_text.formfield().widget).__name__ == "CKEditor5Widget"


def test_text_outside_any_block_is_kept_in_a_paragraph():
    """Issue 9, finding 14: words typed or pasted between blocks vanished from the public page."""
    from richtext.blocks import split_blocks
    from richtext.fields import stored_rich_text

    stored = stored_rich_text("<p>First.</p>Loose words &amp; more<h2>Heading</h2><strong>Bold</strong> tail")
    assert stored == "<p>First.</p><p>Loose words &amp; more</p><h2>Heading</h2><p><strong>Bold</strong> tail</p>"
    assert [block.tag for block in split_blocks(stored)] == ["p", "p", "h2", "p"]
    assert stored_rich_text(stored) == stored  # idempotent
    assert stored_rich_text("") == "" and stored_rich_text("<p>Fine.</p>") == "<p>Fine.</p>"
