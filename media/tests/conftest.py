"""Hypothesis profiles for the fuzz tests (marked ``fuzz``): "ci", the default, keeps them
to a few seconds in the suite; "fuzz" (``make fuzz``, ``HYPOTHESIS_PROFILE=fuzz``) runs
them long. Other apps' fuzz tests use the same two names."""

import os

from hypothesis import HealthCheck, settings

# The tests share Django's client and database fixtures between examples on purpose:
# each example checks its own outcome, not a clean slate.
_SHARED = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
settings.register_profile("ci", max_examples=25, database=None, derandomize=True, **_SHARED)
settings.register_profile("fuzz", max_examples=2_000, **_SHARED)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
