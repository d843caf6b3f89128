"""Picking photos by sight, in Debian's Chromium: the chooser, metadata on choosing a file, the focal point."""

import pytest

from articles.models import Article
from authors.tests.factories import staff_user
from media.models import Image
from media.tests.factories import ImageFactory, jpeg_with_iptc
from media.tests.test_image_upload import AGENCY_PHOTO

from .browser import close_pages, open_article, save_screenshot, signed_in_page
from .factories import ArticleFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def agency_photo(tmp_path):
    path = tmp_path / "strike.jpg"
    path.write_bytes(jpeg_with_iptc(AGENCY_PHOTO, width=640, height=427))
    return path


def test_the_lead_photo_is_chosen_from_thumbnails_or_uploaded_from_the_form(
    browser, live_server, transactional_db, agency_photo
):
    ImageFactory(caption="Tanks on the road")
    ImageFactory(caption="Harvest in Poltava", credit="Olha Photographer/Agency")
    article = ArticleFactory(draft=True, authors=True)
    editor = signed_in_page(browser, live_server, staff_user("ed", "Editor"))
    try:
        open_article(editor, live_server, article)
        chooser = editor.locator(".field-lead_image .image-chooser")
        chooser.get_by_role("button", name="Choose from the library").click()
        dialog = editor.locator(".image-chooser-dialog")
        dialog.locator(".image-chooser-search").fill("poltava")
        editor.wait_for_function("() => document.querySelectorAll('.image-chooser-pick').length === 1")
        pick = dialog.get_by_role("button", name="Choose Harvest in Poltava")
        assert "Olha Photographer/Agency" in pick.inner_text()
        save_screenshot(editor, "admin-photo-chooser")
        pick.click()
        assert "Harvest in Poltava" in chooser.locator(".image-chooser-current").inner_text()

        # A new photo, uploaded without leaving the form: its details fill in as soon as it is chosen.
        chooser.get_by_role("button", name="Upload a new photo").click()
        dialog.locator("[name=file]").set_input_files(str(agency_photo))
        caption = dialog.locator("[name=caption]")
        editor.wait_for_function("() => document.querySelector('.image-chooser-dialog [name=credit]').value !== ''")
        assert caption.input_value() == "Rescuers work at the site of a strike."
        assert dialog.locator("[name=credit]").input_value() == "Jane Photographer/Agency Images"
        dialog.get_by_role("button", name="Upload and use").click()
        # No alt text yet: refused, with the reason beside the field, and the file kept.
        dialog.locator(".image-chooser-note", has_text="The chosen file is kept").wait_for()
        assert dialog.locator("[name=alt_text] ~ .image-chooser-error").inner_text()
        assert dialog.locator("[name=file]").evaluate("input => input.files.length") == 1
        dialog.locator("[name=alt_text]").fill("Rescuers in the rubble of a house")
        dialog.get_by_role("button", name="Upload and use").click()
        chooser.locator(".image-chooser-current", has_text="Rescuers work at the site").wait_for()
        editor.get_by_role("button", name="Save draft").click()
        editor.wait_for_load_state()
        uploaded = Image.objects.get(alt_text="Rescuers in the rubble of a house")
        assert Article.objects.get(pk=article.pk).lead_image == uploaded
        assert uploaded.credit == "Jane Photographer/Agency Images"
    finally:
        close_pages(editor)


def test_the_focal_point_is_set_by_clicking_the_photo_and_details_fill_in_on_choosing_a_file(
    browser, live_server, transactional_db, agency_photo
):
    image = ImageFactory()
    editor = signed_in_page(browser, live_server, staff_user("photo", "Photo editor"))
    try:
        editor.goto(f"{live_server.url}/admin/media/image/{image.pk}/change/")
        photo = editor.locator(".focal-picker img")
        photo.wait_for()
        box = photo.bounding_box()
        photo.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
        assert abs(float(editor.input_value("#id_focal_point_x")) - 0.25) < 0.02
        assert abs(float(editor.input_value("#id_focal_point_y")) - 0.75) < 0.02
        assert "25% across, 75% down" in editor.locator(".focal-note").inner_text()
        save_screenshot(editor, "admin-focal-point")
        editor.get_by_role("button", name="Save", exact=True).click()
        editor.wait_for_load_state()
        image.refresh_from_db()
        assert abs(image.focal_point_x - 0.25) < 0.02 and abs(image.focal_point_y - 0.75) < 0.02

        editor.goto(f"{live_server.url}/admin/media/image/add/")
        editor.set_input_files("#id_file", str(agency_photo))
        editor.wait_for_function("() => document.getElementById('id_credit').value !== ''")
        assert editor.input_value("#id_caption") == "Rescuers work at the site of a strike."
        assert editor.input_value("#id_copyright_holder") == "Agency Images"
        assert editor.locator(".focal-picker img").count() == 1  # the chosen file, to click on
    finally:
        close_pages(editor)


def test_a_caption_cut_to_its_length_is_noted_beside_it_when_a_file_is_chosen(
    browser, live_server, transactional_db, tmp_path
):
    """Issue 9, finding 8: the photo's own 5,000-character caption was filled in cut, unsaid."""
    from media.metadata import IPTC_CAPTION, MAX_CAPTION_LENGTH

    path = tmp_path / "long.jpg"
    path.write_bytes(jpeg_with_iptc({IPTC_CAPTION: "Rescuers work at the site of a strike. " * 130}))
    editor = signed_in_page(browser, live_server, staff_user("photo", "Photo editor"))
    try:
        editor.goto(f"{live_server.url}/admin/media/image/add/")
        editor.set_input_files("#id_file", str(path))
        note = editor.locator("#id_caption ~ .metadata-note")
        note.wait_for()
        assert "2,000 characters" in note.inner_text()
        assert len(editor.input_value("#id_caption")) == MAX_CAPTION_LENGTH
        assert editor.locator(".metadata-note").count() == 1  # the credit was not cut
    finally:
        close_pages(editor)
