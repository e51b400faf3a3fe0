"""Fixtures for the enforce binding tests (run by CTest as python-tests).

The package is found through PYTHONPATH (build/bindings/python); the rules
and sample cases are read from the source tree.
"""

import os
import pathlib

import pytest

import enforce

SOURCE_DIR = pathlib.Path(os.environ.get("ENFORCE_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[3]))
RULES = SOURCE_DIR / "rules" / "tianjin"
CASES = SOURCE_DIR / "examples" / "cases"


@pytest.fixture(scope="session")
def rules():
    with enforce.RuleSet.load(RULES) as loaded:
        yield loaded


def case_text(name):
    return (CASES / name).read_text(encoding="utf-8")
