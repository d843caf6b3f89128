"""The demo must read like a real newsroom's day: grammatical, varied, each article one story.

Most of these tests plan articles without a database (``plan``), which takes a
fraction of a second for thousands; the few about authors and pictures seed one.
"""

import random
import re
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from articles.models import Correction
from authors.models import Author
from demo import photos, staff, stories, text, words
from demo.builder import ArticleWriter
from demo.cast import Cast, DemoAuthor, DemoPhoto
from demo.facts import Facts, Topic
from demo.management.commands.seed_demo import DEFAULT_ARTICLES
from demo.timeline import choose_editors_picks, plan_timeline
from media.models import Image
from richtext.measures import word_count

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def plan(count: int, seed: int = 1) -> tuple[ArticleWriter, list]:
    """What ``seed_demo`` would insert, with made-up ids in place of the database's."""
    jobs = [role for role, beats in staff.SEATS for _ in beats]
    cast = Cast(
        section_ids={slug: index for index, (_name, slug, _description, _nav) in enumerate(words.SECTIONS)},
        authors=[DemoAuthor(index, job) for index, job in enumerate(jobs)],
        photos=[DemoPhoto(index, photos.SCENE_NAMES[index % 8], "a scene") for index in range(40)],
        tag_ids={name: index for index, name in enumerate(text.tag_names(200))},
    )
    rng = random.Random(f"{seed}:articles")
    writer = ArticleWriter(rng, cast, text.StoryDesk(rng), text.BodyWriter(random.Random(f"{seed}:paragraphs")))
    slots = plan_timeline(rng, count, NOW)
    picks = choose_editors_picks(rng, slots)
    return writer, [writer.write(index, slots[index], picks.get(index)) for index in range(count)]


@pytest.fixture(scope="module")
def default_demo():
    return plan(DEFAULT_ARTICLES)


@pytest.fixture(scope="module")
def archive():
    return plan(2_000, seed=3)


def test_no_two_articles_share_a_headline_or_slug(default_demo, archive):
    for writer, planned in (default_demo, archive):
        headlines = [item.article.headline for item in planned]
        slugs = [item.article.slug for item in planned]
        assert len(set(headlines)) == len(headlines)
        assert len(set(slugs)) == len(slugs)
        # Unique because the stories differ, not because of a counter or a date added on.
        assert writer.desk.disambiguated == 0
        counted = [slug for slug in slugs if re.sub(r"-\d+$", "", slug) in set(slugs) - {slug}]
        assert counted == []
        assert not [headline for headline in headlines if re.search(r"\(\d", headline)]


def test_a_huge_archive_still_gets_unique_headlines():
    """The bench's 100,000 would take too long here; a section's worth shows the fallback works."""
    desk = text.StoryDesk(random.Random(9))
    slugs = {desk.story("opinion", NOW)[1] for _ in range(12_000)}
    assert len(slugs) == 12_000
    assert desk.disambiguated > 0


def test_the_default_demo_is_varied(default_demo):
    """A section runs every kind of story it has before it runs one again."""
    writer, planned = default_demo
    headlines = [item.article.headline for item in planned]
    openings = [" ".join(headline.split()[:3]) for headline in headlines]
    assert max(openings.count(opening) for opening in set(openings)) <= 3
    for slug, section in writer.desk.copy.sections.items():
        kinds = [key for key in writer.live_by_kind if key.startswith(f"{slug}:")]
        articles = len(writer.live_by_section[slug])
        assert len(kinds) >= min(articles, len(section.stories)) * 0.7, slug


SINGULAR_VERBS = {"is", "has", "was", "does", "divides", "matters", "splits", "remains", "weighs", "needs", "shapes"}
PLURAL_VERBS = {"are", "have", "were", "do", "divide", "matter", "split", "remain", "weigh", "need", "shape"}


PREPOSITIONS = {"about", "against", "for", "in", "of", "on", "over", "with"}


def agreement_errors(text_: str, topic: Topic) -> list[str]:
    """Places where the topic is the subject and the verb after it has the wrong number
    ("border checks divides"); after a preposition the topic is not the subject."""
    wrong = SINGULAR_VERBS if topic.is_plural else PLURAL_VERBS
    pattern = re.compile(rf"(\w+ )?\b{re.escape(topic.name)} (\w+)", re.IGNORECASE)
    return [
        match.group(0)
        for match in pattern.finditer(text_)
        if match.group(2) in wrong and (match.group(1) or "").strip().lower() not in PREPOSITIONS
    ]


def every_reading(copy: stories.Copy):
    """(line, topics it may be filled with) for every line of copy that can name a topic."""
    for section in copy.sections.values():
        lines = section.voices + [reading for line in section.sentences for reading in line]
        lines += [reading for line in copy.news_sentences for reading in line]
        for kind in section.stories:
            topics = kind.topics or section.topics
            own = [reading for line in kind.headlines + kind.standfirsts + kind.more for reading in line]
            for template in own + kind.ledes + kind.voices:
                yield template, topics
        for template in lines:
            yield template, section.topics


def test_verbs_agree_with_every_topic_they_can_follow():
    errors = []
    for template, topics in every_reading(stories.load_copy()):
        if not any(slot in {"topic", "Topic"} for slot in template.slots):
            continue
        for topic in topics:
            facts = Facts(random.Random(1), places=("Kyiv",), roles=("a teacher",), topics=(topic,))
            rendered = template.render(facts)
            errors += agreement_errors(rendered, topic)
    assert errors == []


def test_the_faults_in_the_issue_are_gone(archive):
    _writer, planned = archive
    copy = " ".join(item.article.headline + " " + item.article.standfirst for item in planned)
    assert "border checks divides" not in copy
    assert not re.search(r"(tariffs|prices|rates|checks|sanctions) matters for household budgets", copy)
    assert agreement_errors("Why border checks divides European capitals", Topic("border checks", True))


PROPER_SLOTS = re.compile(r"^(City|Country|Capital|Company|person|surname|national|Work)")


def test_sentences_never_start_with_a_lowercase_slot():
    """``{Topic}``, not ``{topic}``, where a sentence begins (headlines and standfirsts are capitalised for us)."""
    start = re.compile(r"(?:[.!?]”? |^“|: “)\{([^}|]+)\}")
    errors = [
        template.text
        for template, _topics in every_reading(stories.load_copy())
        for match in start.finditer(template.text)
        if match.group(1)[0].islower() and not PROPER_SLOTS.match(match.group(1))
    ]
    assert errors == []


KEY_GROUPS = (("Company", "company_kind"), ("Country", "national", "Capital"), ("person", "surname"))
SMALL_WORDS = {"about", "after", "from", "into", "over", "than", "that", "their", "they", "this", "what", "with"}


def keywords(line: str) -> set[str]:
    """Words that carry the story: names, figures and nouns, without a possessive ’s."""
    found = (word.removesuffix("’s") for word in re.findall(r"[\w’-]+", line.lower()))
    return {word for word in found if (len(word) >= 4 and word not in SMALL_WORDS) or word[:1].isdigit()}


def test_standfirsts_follow_from_their_headlines(archive):
    """Same story: a place, person, company or subject of the headline comes back in the standfirst."""
    writer, planned = archive
    desk = text.StoryDesk(random.Random(5))
    for section in desk.copy.sections:
        for _ in range(200):
            story, _slug = desk.story(section, NOW)
            shared = keywords(story.headline) & keywords(story.standfirst)
            for group in KEY_GROUPS:
                values = [story.facts[key] for key in group if key in story.facts]
                if any(value in story.headline for value in values):
                    shared |= {value for value in values if value in story.standfirst}
            assert shared, (story.headline, story.standfirst)


def test_bodies_stay_on_the_story():
    """The headline's place is in the first paragraph; the person quoted was introduced first."""
    rng = random.Random(11)
    desk, bodies = text.StoryDesk(rng), text.BodyWriter(random.Random(12))
    for section in desk.copy.sections:
        for _ in range(150):
            story, _slug = desk.story(section, NOW)
            body, _words = bodies.body(rng, story, 600)
            first_paragraph = body.split("\n", 1)[0]
            city = story.facts.get("City")
            if city and city in story.headline:
                assert city in first_paragraph, (story.headline, first_paragraph)
            quote = re.search(r"<p>— ([^,<]+),", body)
            if quote:
                assert body.index(quote.group(1)) < body.index("<blockquote>")
            assert body.count("<h2>") <= text.SUBHEADS_PER_BODY


def test_word_counts_and_reading_times_are_exact(archive):
    _writer, planned = archive
    for item in planned[:500]:
        words_in_body = word_count(item.article.body)
        assert 200 <= words_in_body <= 1200
        assert item.article.reading_time_minutes == max(1, -(-words_in_body // 230))


def test_kickers_are_rare_and_only_where_the_story_is_that_kind(default_demo):
    _writer, planned = default_demo
    kickers = [item.article.kicker for item in planned if item.article.kicker not in {"", "Opinion", "Company news"}]
    assert 0 < len(kickers) < len(planned) * 0.15
    assert set(kickers) <= set(stories.KICKERS)
    headlines_by_kicker = {item.article.kicker: item.article.headline for item in planned}
    if "Review" in headlines_by_kicker:
        assert "‘" in headlines_by_kicker["Review"]


def test_the_default_demo_keeps_its_structure(default_demo):
    writer, planned = default_demo
    assert {len(item.bylines) for item in planned} == {1, 2, 3}
    assert all(2 <= len(item.tag_ids) <= 4 for item in planned)
    assert any(item.related_indices for item in planned)
    assert any(item.correction for item in planned)
    assert sum(item.article.is_editors_pick for item in planned) == 6
    assert len({item.article.section_id for item in planned}) == len(words.SECTIONS)


def test_captions_written_for_an_article_still_call_the_picture_an_illustration(archive):
    _writer, planned = archive
    captions = [item.article.lead_image_caption for item in planned if item.article.lead_image_caption]
    assert captions
    assert all(caption.startswith("Illustration for this article: ") for caption in captions)


def test_every_bio_reads_like_a_staff_page_and_ends_with_a_contact_line():
    profiles = staff.author_profiles(random.Random(1))
    assert len(profiles) == 40
    assert len({profile.email for profile in profiles}) == 40
    for profile in profiles:
        assert profile.short_bio.startswith(profile.name)
        assert profile.short_bio.rstrip(".").endswith(profile.email)
        last_paragraph = profile.full_bio.rsplit("<p>", 1)[1]
        assert f'<a href="mailto:{profile.email}">{profile.email}</a>' in last_paragraph
        assert "address below" not in profile.short_bio + profile.full_bio
        assert re.search(r"\b(She|He) joined ", profile.full_bio)


@pytest.fixture
def seeded(db, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr(photos, "PHOTO_SIZES", ((160, 90), (120, 80)))
    monkeypatch.setattr(photos, "AVATAR_SIZE", 48)
    call_command("seed_demo", articles=60, verbosity=0)


def test_seeded_authors_show_their_contact(seeded):
    for author in Author.objects.all():
        assert author.email.endswith(f"@{staff.EMAIL_DOMAIN}")
        assert author.short_bio.rstrip(".").endswith(author.email)
        assert f"mailto:{author.email}" in author.full_bio


def test_every_demo_picture_is_captioned_and_credited_as_an_illustration(seeded):
    images = list(Image.objects.all())
    assert len(images) == 80
    for image in images:
        assert image.credit.startswith("Illustration: ")
        assert image.alt_text
        if image.caption:
            assert image.caption.startswith("Illustration: ")
    scenes = {image.file.name.split("/")[-1].split("-")[1] for image in images if "/demo-" in image.file.name}
    assert scenes >= {"street", "parliament", "harbour", "field", "skyline", "stage"}


def test_the_seeded_demo_has_corrections(seeded):
    assert Correction.objects.exists()
    for correction in Correction.objects.select_related("article"):
        assert correction.article.updated_at == correction.corrected_at
