"""The medians, ratios and ways of printing a figure that the report uses."""

import pytest

from bench.config import Config, short
from bench.queries import is_explainable, sequential_scans
from bench.stats import median, milliseconds, percent, rate, ratio, times


def test_the_median_of_the_rounds_that_measured_something():
    assert median([30.0, 10.0, 20.0]) == 20.0
    assert median([10.0, None, 30.0]) == 20.0
    assert median([None, None]) is None
    assert median([]) is None


def test_ratios():
    assert ratio(28, 2914) == pytest.approx(0.00961, rel=1e-3)
    assert ratio(None, 10) is None
    assert ratio(10, None) is None
    assert ratio(10, 0) is None


@pytest.mark.parametrize(
    ("value", "text"), [(2914.2, "2,914"), (65.4, "65"), (4.44, "4.4"), (0.213, "0.21"), (None, "–")]
)
def test_requests_per_second(value, text):
    assert rate(value) == text


def test_latencies_shares_and_factors():
    assert milliseconds(1700) == "1.70 s"
    assert milliseconds(35.4) == "35 ms"
    assert milliseconds(6.62) == "6.6 ms"
    assert percent(0.0096) == "1.0 %"
    assert percent(0.12) == "12 %"
    assert times(1.234) == "1.23×"
    assert times(None) == "–"


def test_scale_databases_are_named_by_size():
    assert short(10_000) == "10k" and short(1_000_000) == "1m" and short(2500) == "2500"
    config = Config().for_scale(1_000_000)
    assert config.database_url.endswith("/newsroom_bench_1m")
    assert config.articles == 1_000_000 and not config.peer


def test_the_environment_sets_the_run(monkeypatch):
    monkeypatch.setenv("BENCH_ARTICLES", "2,000")
    monkeypatch.setenv("BENCH_DURATION", "3")
    monkeypatch.setenv("BENCH_PEER", "0")
    monkeypatch.setenv("BENCH_SCALE_SIZES", "2000 10_000")
    config = Config.from_environment()
    assert (config.articles, config.duration, config.peer, config.scale_sizes) == (2000, 3.0, False, (2000, 10000))


def test_sequential_scans_on_the_archives_tables_are_flagged():
    plan = """Limit  (cost=0.29..8.31 rows=1 width=8)
  ->  Nested Loop
        ->  Seq Scan on articles_section  (cost=0.00..1.08 rows=8 width=8)
        ->  Seq Scan on articles_article  (cost=0.00..4.2 rows=1 width=8)
              Filter: (status = 'published')
        ->  Index Scan using media_rendition_image_id on media_rendition"""
    assert sequential_scans(plan) == ["articles_article"]
    assert sequential_scans("Index Only Scan using articles_article_pkey on articles_article") == []


def test_only_reads_are_explained():
    assert is_explainable('  SELECT "articles_article"."id" FROM "articles_article"')
    assert is_explainable("WITH x AS (SELECT 1) SELECT * FROM x")
    assert not is_explainable('UPDATE "articles_dailyreads" SET "count" = 2')
    assert not is_explainable('SAVEPOINT "s1"')
