"""Reading wrk's output: the figures the report is made of."""

import pytest

from bench.wrk import duration_ms, parse

# What wrk 4.1 (Debian) prints with --latency; durations of a second and more carry a
# trailing space, which once hid every p99 over a second.
OUTPUT = """Running 10s test @ http://127.0.0.1:8001/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   635.91ms  120.89ms   1.92s    93.69%
    Req/Sec     6.60      3.34    20.00     75.00%
  Latency Distribution
     50%  595.00ms
     75%  683.00ms
     90%  801.07ms
     99%    1.79s \n  126 requests in 10.01s, 8.11MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 5
Requests/sec:     12.59
Transfer/sec:    829.94KB
"""


def test_the_figures_of_a_run():
    result = parse(OUTPUT)
    assert result.requests_per_second == 12.59
    assert result.p50_ms == 595.0
    assert result.p99_ms == pytest.approx(1790.0)
    assert result.requests == 126
    assert result.errors == 8  # five answers that were not 2xx/3xx, a read error, two timeouts


def test_a_clean_run_has_no_errors():
    output = OUTPUT.replace("  Socket errors: connect 0, read 1, write 0, timeout 2\n", "")
    output = output.replace("  Non-2xx or 3xx responses: 5\n", "")
    assert parse(output).errors == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [("395.00us", 0.395), ("1.07ms", 1.07), ("2.01s", 2010.0), ("1.50m", 90_000.0), (" 3.00s ", 3000.0)],
)
def test_durations_in_each_unit(text, expected):
    assert duration_ms(text) == pytest.approx(expected)


def test_a_run_without_answers_has_no_latency():
    output = OUTPUT.replace("  126 requests in", "  0 requests in")
    result = parse(output)
    assert result.requests == 0
    assert result.p50_ms is None and result.p99_ms is None


def test_output_without_a_result_is_an_error():
    with pytest.raises(ValueError, match="no result"):
        parse("unable to connect to 127.0.0.1:8001 Connection refused\n")
