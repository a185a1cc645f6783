"""How many examples the property tests try, from a Hypothesis settings profile.

``full`` (the default: `make test`, CI) keeps each test's stated count;
``quick`` (`make test-quick`) tries a tenth of it, so the quick loop still
exercises every property, on fewer inputs. The profile is chosen by the
environment variable ``HYPOTHESIS_PROFILE``; tests/conftest.py loads it before
any test module is imported, and tests ask ``examples(n)`` for their count.
"""
import os

from hypothesis import settings

ENV = "HYPOTHESIS_PROFILE"
#: Profile name -> max_examples of a test that states 100.
PROFILES = {"full": 100, "quick": 10}


def load():
    """Register the profiles and load the one ``HYPOTHESIS_PROFILE`` names (default full)."""
    for name, per_hundred in PROFILES.items():
        settings.register_profile(name, max_examples=per_hundred)
    name = os.environ.get(ENV, "full")
    if name not in PROFILES:
        raise ValueError(f"{ENV}={name!r}: use one of {', '.join(PROFILES)}")
    settings.load_profile(name)


def examples(count):
    """``count`` examples as stated for the full profile, scaled to the loaded one."""
    return max(1, count * settings.default.max_examples // PROFILES["full"])
