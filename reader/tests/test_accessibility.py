"""Every page type: zero axe-core violations in Chromium, zero Nu HTML Checker errors.

axe-core comes with the axe-playwright-python package; the Nu HTML Checker is the
vnu.jar of the npm package vnu-jar, which `.ci/run` installs into .tools/ (or set
VNU_JAR). Each check skips with the reason where its tool is missing.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Correction
from articles.tests.factories import ArticleFactory
from pages.tests.factories import PageFactory

PROJECT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR", PROJECT / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"))


@pytest.fixture
def site(transactional_db, story):
    """The reader site's story, with one of everything else a page can show."""
    photo = story.lead_image
    author = story.authors.get()
    author.avatar, author.full_bio, author.awards = photo, "<p>Jane covers defence.</p>", "Prize"
    author.save()
    body = "".join(f"<p>Paragraph {n} about the drone factory.</p>" for n in range(1, 6))
    body += '<h2>What comes next</h2><blockquote><p>"We will build more."</p></blockquote>'
    body += f'<figure class="image"><img src="{photo.file.url}" alt="x"><figcaption>Inside.</figcaption></figure>'
    story.body, story.is_editors_pick, story.lead_position = body, True, 0
    story.save()
    for n in (1, 2):
        ArticleFactory(
            section=story.section,
            lead_image=photo,
            body=body,
            is_editors_pick=True,
            lead_position=n,
            authors=[author],
            tags=["Drone production"],
        )
    Correction.objects.create(article=story, text="An earlier version misspelled a name.")
    ArticleFactory(unpublished=True, slug="withdrawn-story", section=story.section)
    PageFactory(
        title="Privacy",
        slug="privacy",
        body="<p>We set no cookies for readers.</p><h2>Read beacons</h2><ul><li>Counted.</li><li>Forgotten.</li></ul>",
    )
    PageFactory(title="Contact", slug="contact")
    return story


def page_paths(article) -> dict[str, str]:
    return {
        "front": "/",
        "article": article.get_absolute_url(),
        "section": "/war/",
        "tag": reverse("reader:tag", kwargs={"slug": "drone-production"}),
        "author": "/authors/jane-example/",
        "latest": "/latest/",
        "search": "/search/?q=drone",
        "empty search": "/search/",
        "not found": "/no-such-page/",
        "gone": "/war/withdrawn-story/",
        "page": reverse("reader:page", kwargs={"slug": "privacy"}),
    }


@pytest.mark.browser
def test_no_axe_violations_on_any_page_type(browser, live_server, site):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = {}
    for width in (375, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        for name, path in page_paths(site).items():
            page.goto(live_server.url + path)
            results = axe.run(page)
            if results.violations_count:
                problems[f"{name} @ {width}px"] = [
                    (violation["id"], [node["target"] for node in violation["nodes"]][:3])
                    for violation in results.response["violations"]
                ]
        page.close()
    assert problems == {}


@pytest.mark.skipif(not VNU_JAR.exists(), reason=f"no Nu HTML Checker at {VNU_JAR} (npm install vnu-jar)")
@pytest.mark.skipif(not shutil.which("java"), reason="the Nu HTML Checker needs Java")
def test_no_nu_html_checker_errors_on_any_page_type(client, site, tmp_path):
    files = []
    for name, path in page_paths(site).items():
        response = client.get(path)
        target = tmp_path / f"{name.replace(' ', '-')}.html"
        target.write_bytes(response.content)
        files.append(str(target))
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [(Path(m.get("url", "")).name, m.get("lastLine"), m["message"]) for m in messages]
    assert errors == []
