"""The demo newspaper's standing pages: About us, Contact, the corrections policy,
Privacy and the accessibility statement, as an editor would write them.

The paper, its addresses and its people are invented; what the pages say about the
site itself (cookies, read counting, embeds, corrections, accessibility) is what
Newsroom really does, so the demo's privacy page could stand as a first draft of a
real one. Pages that already exist (by slug) are left alone: an edited page is
never overwritten, and `seed_demo --reset` does not touch them.
"""

import re

from django.conf import settings
from django.urls import reverse

from pages.models import Page

ADDRESS = "14 Printers’ Lane, 01001 Kyiv, Ukraine"
EMAIL_DOMAIN = "newsroom.example"


def mail(name: str) -> str:
    address = f"{name}@{EMAIL_DOMAIN}"
    return f'<a href="mailto:{address}">{address}</a>'


def page_url(slug: str) -> str:
    return reverse("reader:page", kwargs={"slug": slug})


def demo_pages(site: str) -> list[dict]:
    """The five pages' fields, in footer order, for a paper called ``site``."""
    return [
        {
            "slug": "about",
            "title": "About us",
            "description": f"Who we are, what we cover and how {site} is paid for.",
            "body": f"""
<p>{site} is an independent news organisation reporting on the war, politics, business and
culture in Ukraine and across Europe. Our reporters work from Kyiv, Lviv, Kharkiv,
Warsaw, Vilnius and Brussels, and our editors check every story before it is
published.</p>
<h2>What we stand for</h2>
<p>We report what we can verify, say how we know it and name our sources wherever
that is safe for them. Opinion is labelled as opinion and kept apart from the news.
When we get something wrong, we say so at the foot of the article: our
<a href="{page_url("corrections")}">corrections policy</a> explains how.</p>
<h2>Who pays for it</h2>
<p>We are funded by our members and by grants that come with no say over what we
publish. We carry no advertising trackers and sell no data about our readers: our
<a href="{page_url("privacy")}">privacy page</a> lists the little we keep.</p>
<h2>Get in touch</h2>
<p>Tips, questions and complaints reach the right desk through our
<a href="{page_url("contact")}">contact page</a>.</p>
""",
        },
        {
            "slug": "contact",
            "title": "Contact",
            "description": f"How to reach {site}'s newsdesk, send a tip, ask for a correction or write to us.",
            "body": f"""
<h2>The newsdesk</h2>
<p>For anything about our reporting, write to {mail("newsdesk")}. The desk is staffed
from 7:00 to 23:00 Kyiv time, every day.</p>
<h2>News tips</h2>
<p>Seen something we should know about? Write to {mail("tips")} and tell us what
happened, where and when, and how we can reach you. If you need to stay anonymous,
say so in your first message and send nothing sensitive until a reporter has agreed
a safer way to talk with you. We never name a source without their consent.</p>
<h2>Corrections</h2>
<p>If you think we got something wrong, write to {mail("corrections")} with the
article's address and what is wrong. Our <a href="{page_url("corrections")}">corrections
policy</a> says what happens next.</p>
<h2>Letters and opinion</h2>
<p>Letters to the editor and proposals for opinion pieces go to {mail("opinion")}.
We publish a selection and may shorten them.</p>
<h2>Privacy and accessibility</h2>
<p>Questions about your data: {mail("privacy")}. Problems using this site:
{mail("accessibility")}.</p>
<h2>By post</h2>
<p>{site}, {ADDRESS}</p>
""",
        },
        {
            "slug": "corrections",
            "title": "Corrections policy",
            "description": "How we correct mistakes: promptly, openly and at the foot of the article.",
            "body": f"""
<p>We try hard to get things right, and we are open about it when we do not. This is
what we do when a story of ours contains a mistake.</p>
<h2>Corrections</h2>
<p>When a published article contains an error of fact — a wrong name, number, date,
place or quotation — we correct the text and add a correction at the foot of the
article, saying what was wrong and when it was corrected, with the date, time and
time zone. Corrections are never removed afterwards.</p>
<h2>Updates</h2>
<p>A developing story changes as we learn more. When we add substantial new
information, the article shows “Updated” with the time. That is not a correction:
an update adds to the story, a correction fixes it.</p>
<h2>What we change without a note</h2>
<p>Spelling, grammar and layout are fixed quietly when the meaning does not change.</p>
<h2>Withdrawn articles</h2>
<p>We remove a published article only in rare cases: when it cannot be corrected, for
legal reasons or to protect someone's safety. Its address then says that the article
was withdrawn, rather than pretending it never existed.</p>
<h2>Asking for a correction</h2>
<p>Write to {mail("corrections")} with the article's address and what you believe is
wrong. An editor who was not involved in the story looks into every request, and we
aim to reply within two working days. If you are not satisfied with the answer,
write to the editor-in-chief at {mail("editor")}.</p>
""",
        },
        {
            "slug": "privacy",
            "title": "Privacy",
            "description": f"What {site} knows about its readers: no cookies, no trackers, no third-party scripts.",
            "body": f"""
<p>You can read {site} without telling us who you are. This page lists everything the
site keeps about a visit, and for how long.</p>
<h2>Cookies</h2>
<p>We set no cookies for readers. Only our staff get cookies, when they sign in to
the editorial system: <strong>sessionid</strong> keeps them signed in,
<strong>csrftoken</strong> protects their forms, and <strong>messages</strong> briefly
carries notes such as “The page was changed successfully”.</p>
<h2>Most Popular</h2>
<p>Each article page tells our server once that it was read, so that we can list the
most-read stories. That message carries no cookie and nothing about you. To count
each reader only once an hour, the server keeps a scrambled code made from your
connection's address and your browser's name, with a key that changes every day.
It is kept in the server's memory for one hour, never in our database, and cannot
be turned back into your address.</p>
<h2>No trackers, no third-party scripts</h2>
<p>Our pages load nothing from other companies: no advertising, no analytics
services, no tracking pixels, no social media buttons. The share links under each
article are plain links: a network learns about your visit only if you follow one.</p>
<h2>Embedded posts and videos</h2>
<p>When an article shows a post or a video from another service, nothing is loaded
from that service until you press “Load”. From then on, that service's own privacy
policy applies; YouTube videos play from its privacy-enhanced domain,
youtube-nocookie.com.</p>
<h2>Server logs</h2>
<p>Like every website, our servers note each request — the address it came from, the
page asked for and the time — to keep the site running and secure. We keep these
logs for 14 days and use them for nothing else.</p>
<h2>When you write to us</h2>
<p>Your email is read by the desk you wrote to and kept only as long as we need it to
answer you or to report on what you told us. We never share a source's identity.</p>
<h2>Your rights</h2>
<p>You may ask what we hold about you, have it corrected or deleted, by writing to
{mail("privacy")}. You may also complain to your country's data protection
authority.</p>
""",
        },
        {
            "slug": "accessibility",
            "title": "Accessibility statement",
            "description": f"How {site} works for everyone, where it falls short and how to tell us.",
            "body": f"""
<p>We want everyone to be able to read {site}, whatever device, browser or assistive
technology they use. We aim to meet the Web Content Accessibility Guidelines (WCAG)
2.2 at level AA.</p>
<h2>What we do</h2>
<ul>
<li>Every page has a clear structure of headings and landmarks, and a link to skip
straight to the content.</li>
<li>Everything works with a keyboard, and the focus is always visible.</li>
<li>Every photo in our library has a text alternative, and every photo shown on the
site carries its caption and credit.</li>
<li>Text can be enlarged to 200 % without losing content, and the pages reflow on
small screens.</li>
<li>The site works without JavaScript; embedded posts and videos load only when you
ask.</li>
<li>Times are given with their time zone.</li>
</ul>
<h2>How we check</h2>
<p>Every page type is tested automatically on every change, with axe-core and the Nu
HTML Checker, at phone and desktop widths, and we test by hand with screen readers
and keyboard only.</p>
<h2>Known limitations</h2>
<ul>
<li>Posts and videos embedded from other services are made by those services, and
some of them are not fully accessible.</li>
<li>Some photos in older articles have short text alternatives that we are improving.</li>
</ul>
<h2>Tell us about a problem</h2>
<p>If something on the site does not work for you, write to {mail("accessibility")}
with the page's address, what you were trying to do and, if you like, the device and
assistive technology you use. We reply within five working days, and we will send you
the content in another format if you need it meanwhile.</p>
""",
        },
    ]


def one_line_per_block(html: str) -> str:
    """The text as the editor stores it: each block on a line of its own."""
    return re.sub(r"\s+", " ", html).replace("> <", ">\n<").strip()


def create_pages() -> list[Page]:
    """The pages not there yet, created in footer order; returns those it created."""
    existing = set(Page.objects.values_list("slug", flat=True))
    created = []
    for position, fields in enumerate(demo_pages(settings.SITE_NAME), start=1):
        if fields["slug"] not in existing:
            fields["body"] = one_line_per_block(fields["body"])
            created.append(Page.objects.create(position=position, **fields))
    return created
