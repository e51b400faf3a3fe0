"""enforce: Chinese administrative-enforcement rules, executable (libenforce).

    import enforce

    with enforce.RuleSet.load("rules/tianjin") as rules:
        rec = rules.recommend(open("case.yaml", encoding="utf-8").read())
        rec["outcome"], rec["amount"]          # "fine", 200000 (fen, an int)

Everything here is a thin layer over the C library (docs/bindings.md):

* results are the library's own JSON document (docs/json-output.md) parsed
  into dicts; amounts are ``int`` fen, never ``float``;
* every failure raises :class:`enforce.Error` with the stable ``code``;
* objects are context managers; ``close()`` may be called twice, and an
  object used after ``close()`` raises ``Error`` with code ``"closed"``;
* a Recommendation keeps its RuleSet alive (in C and in Python);
* the GIL is released while the library loads, parses, recommends and runs
  batches, so threads sharing one RuleSet run in parallel.

Case documents given as dicts are serialised with ``json.dumps``; a ``float``
anywhere in them raises ``TypeError`` (binary floating point cannot hold
150.10 exactly).  Write amounts as strings (``"150.10"``), ``int`` yuan, or
``decimal.Decimal`` (sent as its exact decimal text).  Note that amounts in
*case documents* are yuan (docs/case-format.md) while amounts the library
*returns* are fen.
"""

import collections
import datetime
import decimal
import json
import os

from ._errors import Error
from . import native as _native

__all__ = [
    "Error",
    "RuleSet",
    "Case",
    "Recommendation",
    "Limits",
    "TestResult",
    "Step",
    "money_parse",
    "money_format",
    "date_parse",
    "date_format",
    "error_code_name",
    "version",
]

__version__ = _native.version()

#: One YAML test of a rule set: its name, whether it passed, and why not.
TestResult = collections.namedtuple("TestResult", "name passed detail")
#: One step of a recommendation's trace.
Step = collections.namedtuple("Step", "code message citation")


# --------------------------------------------------------------------------
# Conversions at the boundary (serialisation only, no rules)
# --------------------------------------------------------------------------

def _reject_floats(document):
    """Raise TypeError if a float is anywhere inside ``document``.

    Walks with an explicit stack (no recursion, whatever the nesting) and
    visits each container once, so a cyclic structure ends here and is then
    refused by json.dumps.
    """
    stack = [document]
    seen = set()
    while stack:
        value = stack.pop()
        if isinstance(value, float):
            raise TypeError(
                f"float {value!r} in a case document: binary floating point "
                "cannot represent money exactly; pass a str such as "
                "\"150.10\", an int, or a decimal.Decimal")
        if isinstance(value, (dict, list, tuple)):
            if id(value) in seen:
                continue
            seen.add(id(value))
            stack.extend(value.values() if isinstance(value, dict) else value)


def _json_default(value):
    # Exact decimal text: Decimal("150.10") -> "150.10"; the library's own
    # money grammar then accepts or refuses it with a code.
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, datetime.datetime):
        raise TypeError("a datetime in a case document: pass a datetime.date "
                        "or \"YYYY-MM-DD\"")
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not allowed in a case document")


def _dumps(document):
    _reject_floats(document)
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False, default=_json_default)


def _case_data(case):
    """Case text (str or bytes, YAML or JSON) as given, or a dict as JSON."""
    if isinstance(case, (str, bytes)):
        return case
    if isinstance(case, dict):
        return _dumps(case)
    raise TypeError("a case is a Case, a dict, or YAML/JSON text (str or bytes), "
                    f"not {type(case).__name__}")


def _date_text(value):
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime.datetime):
        raise TypeError("as_of is a date, not a datetime")
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"as_of is \"YYYY-MM-DD\", a datetime.date or None, not {type(value).__name__}")


def _native_limits(limits):
    if limits is None:
        return None
    if isinstance(limits, Limits):
        return limits._native
    raise TypeError(f"limits is an enforce.Limits or None, not {type(limits).__name__}")


def _check_no_limits(limits):
    if limits is not None:
        raise TypeError("limits apply to reading case text; pass them to Case.parse()")


def _no_constructor(cls):
    raise TypeError(f"enforce.{cls.__name__} has no public constructor; "
                    "use its load()/parse() class methods")


# --------------------------------------------------------------------------
# Objects
# --------------------------------------------------------------------------

class _Closeable:
    """Explicit, idempotent release of the library object, and `with`."""

    __slots__ = ("_native", "__weakref__")

    def close(self):
        """Release the library object now.  Calling it again does nothing."""
        self._native.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    @classmethod
    def _wrap(cls, native, **attrs):
        obj = object.__new__(cls)
        obj._native = native
        for name, value in attrs.items():
            setattr(obj, name, value)
        return obj


class Limits(_Closeable):
    """Input limits for reading rule files or cases (docs/limits.md).

        limits = enforce.Limits("cases", depth=8, input_bytes=65536)
    """

    __slots__ = ()

    def __init__(self, profile="cases", **values):
        self._native = _native.Limits.create(profile)
        for name, value in values.items():
            self[name] = value

    def __getitem__(self, name):
        return self._native.get_limit(name)

    def __setitem__(self, name, value):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"limit {name} is an int, not {type(value).__name__}")
        self._native.set_limit(name, value)

    @staticmethod
    def names():
        """The limit names, in docs/limits.md order."""
        return [_native.Limits.name_at(i) for i in range(_native.Limits.name_count())]

    def to_dict(self):
        return {name: self[name] for name in self.names()}


class Case(_Closeable):
    """One case read from YAML or JSON (docs/case-format.md)."""

    __slots__ = ()

    def __init__(self, *args, **kwargs):
        _no_constructor(Case)

    @classmethod
    def parse(cls, document, format="auto", name=None, limits=None):
        """Read a case from text (str/bytes, YAML or JSON) or a dict.

        ``format`` is "auto" (JSON when the text starts with "{"), "yaml" or
        "json"; a dict is always sent as JSON.  ``name`` appears in error
        messages.  Raises Error ("yaml_syntax", "json_syntax",
        "unknown_key", "invalid_date" ...), TypeError for a float.
        """
        if isinstance(document, dict):
            format = "json"
        return cls._wrap(_native.Case.parse(_case_data(document), format, name,
                                            _native_limits(limits)))

    @classmethod
    def load(cls, path, limits=None):
        """Read a case file (YAML or JSON, told apart by its content)."""
        return cls._wrap(_native.Case.load(os.fspath(path), _native_limits(limits)))

    @property
    def id(self):
        """The case's ``id``, or None."""
        return self._native.get_id()


class Recommendation(_Closeable):
    """A recommendation as an object; ``to_dict()`` gives the full document.

    ``rules`` is the RuleSet it was made from, kept alive by this object.
    """

    __slots__ = ("rules",)

    def __init__(self, *args, **kwargs):
        _no_constructor(Recommendation)

    @property
    def outcome(self):
        """"no_penalty", "warning", "fine", "fine_and_other", "other" or "undetermined"."""
        return self._native.get_outcome()

    @property
    def discretionary(self):
        return self._native.is_discretionary()

    @property
    def benchmark_id(self):
        return self._native.get_benchmark_id()

    @property
    def version(self):
        """effective_from of the benchmark version applied."""
        return self._native.get_version()

    @property
    def tier(self):
        return self._native.get_tier()

    @property
    def amount(self):
        """Recommended fine in fen (int), or None."""
        fen, has = self._native.get_amount_fen()
        return fen if has else None

    @property
    def range(self):
        """(min, max) fine range in fen, or None."""
        low, has = self._native.get_range_min_fen()
        high, _ = self._native.get_range_max_fen()
        return (low, high) if has else None

    @property
    def procedure(self):
        """"simple", "general", "none" or "undetermined"."""
        return self._native.get_procedure()

    @property
    def hearing(self):
        """"yes", "no" or "undetermined"; so are the three below."""
        return self._native.get_hearing()

    @property
    def legal_review(self):
        return self._native.get_legal_review()

    @property
    def collective_discussion(self):
        return self._native.get_collective_discussion()

    @property
    def onsite_collection(self):
        return self._native.get_onsite_collection()

    @property
    def missing(self):
        """What an undetermined part needs: case paths or rule parameters."""
        n = self._native
        return [n.get_missing(i) for i in range(n.get_missing_count())]

    def steps(self, lang="zh"):
        """The trace (only when recommended with trace=True), as Step tuples."""
        n = self._native
        return [Step(n.get_step_code(i), n.get_step_message(i, lang),
                     n.get_step_citation(i, lang))
                for i in range(n.get_step_count())]

    def to_json(self):
        """The recommendation as JSON text (docs/json-output.md)."""
        return self._native.to_json()

    def to_dict(self):
        return json.loads(self._native.to_json())

    def to_text(self, lang="zh"):
        """Human-readable text for officers, "zh" or "en"."""
        return self._native.to_text(lang)


class RuleSet(_Closeable):
    """A loaded, immutable rule set.  Share one between threads freely.

        with enforce.RuleSet.load("rules/tianjin") as rules:
            ...
    """

    __slots__ = ("diagnostics",)

    def __init__(self, *args, **kwargs):
        _no_constructor(RuleSet)

    @classmethod
    def _load(cls, load, *args):
        holder = _native.Diagnostics.create()
        try:
            native = load(*args, holder)
            diagnostics = json.loads(holder.to_json())
        except Error as error:
            error.diagnostics = json.loads(holder.to_json())
            raise
        finally:
            holder.close()
        return cls._wrap(native, diagnostics=diagnostics)

    @classmethod
    def load(cls, path, limits=None):
        """Load the rule set at ``path`` (a directory, or one YAML file).

        Raises Error: "io", "yaml_syntax", "limit_*", or "rules_invalid"
        with every problem in ``error.diagnostics``.  Warnings of a
        successful load are in ``rules.diagnostics``.
        """
        return cls._load(_native.RuleSet.load, os.fspath(path), _native_limits(limits))

    @classmethod
    def load_data(cls, data, name="<data>", limits=None):
        """Load one in-memory YAML document (usually ``kind: bundle``)."""
        return cls._load(_native.RuleSet.load_data, name, data, _native_limits(limits))

    @property
    def hash(self):
        """"sha256:<hex>" over every file: stamp of the exact rules used."""
        return self._native.get_hash()

    @property
    def jurisdiction_id(self):
        return self._native.get_jurisdiction_id()

    @property
    def benchmarks(self):
        """{benchmark id: title}, in load order."""
        n = self._native
        return {n.get_benchmark_id(i): n.get_benchmark_title(i)
                for i in range(n.get_benchmark_count())}

    def recommend(self, case, as_of=None, trace=True, limits=None):
        """Recommend a penalty; returns the JSON document as a dict.

        ``case``: a Case, a dict, or YAML/JSON text.  ``as_of``: the date
        ("YYYY-MM-DD" or datetime.date) for the late surcharge, or None.
        ``limits`` apply to reading case text.  Amounts in the result are
        int fen.  Raises Error for a case that cannot be evaluated at all
        ("unknown_benchmark", "yaml_syntax" ...).
        """
        as_of = _date_text(as_of)
        if isinstance(case, Case):
            _check_no_limits(limits)
            text = self._native.recommend_case_json(case._native, as_of, trace)
        else:
            text = self._native.recommend_json(_case_data(case), as_of, trace,
                                               _native_limits(limits))
        return json.loads(text)

    def recommendation(self, case, as_of=None, trace=True, limits=None):
        """Like recommend(), but returns a Recommendation object."""
        as_of = _date_text(as_of)
        if isinstance(case, Case):
            _check_no_limits(limits)
            native = self._native.recommend(case._native, as_of, trace)
        else:
            native = self._native.recommend_text(_case_data(case), as_of, trace,
                                                 _native_limits(limits))
        return Recommendation._wrap(native, rules=self)

    def recommend_batch(self, cases, as_of=None, trace=False, threads=0, limits=None):
        """Recommend for many cases on a thread pool; JSON Lines in and out.

        ``cases``: JSON Lines as str or bytes, or an iterable of dicts (each
        sent as one line).  Returns JSON Lines - bytes for bytes in (ready
        to write to a file, nothing decoded), str otherwise: one record per
        case, in input order (docs/json-output.md, "Batch"); a case that
        fails is an error record, never an exception.  ``threads``: 0 = one
        per processor.  The GIL is released for the whole batch.
        """
        args = (_date_text(as_of), trace, threads, _native_limits(limits))
        if isinstance(cases, bytes):
            return self._native.recommend_batch_bytes(cases, *args)
        if not isinstance(cases, str):
            cases = "\n".join(_dumps(case) for case in cases)
        return self._native.recommend_batch(cases, *args)

    def recommend_many(self, cases, as_of=None, trace=False, threads=0, limits=None):
        """recommend_batch() with each record parsed: a list of dicts."""
        out = self.recommend_batch(cases, as_of, trace, threads, limits)
        return [json.loads(line) for line in out.splitlines()]

    def run_tests(self, path):
        """Run the YAML tests at ``path`` against this rule set."""
        report = self._native.run_tests(os.fspath(path))
        try:
            return [TestResult(report.get_name(i), report.passed(i), report.get_detail(i))
                    for i in range(report.get_count())]
        finally:
            report.close()


# --------------------------------------------------------------------------
# Functions
# --------------------------------------------------------------------------

def money_parse(text):
    """Yuan text to int fen: money_parse("150.50") == 15050.

    The library's own grammar: ASCII digits, at most two decimals; no sign,
    exponent, separators or full-width digits.  Raises Error
    ("invalid_money", "overflow"); TypeError for anything but str.
    """
    if not isinstance(text, str):
        raise TypeError(f"money_parse() takes yuan as str, not {type(text).__name__}")
    return _native.Money.parse(text)


def money_format(fen):
    """int fen to yuan text with two decimals: money_format(15050) == "150.50"."""
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise TypeError(f"money_format() takes int fen, not {type(fen).__name__}")
    return _native.Money.format(fen)


def date_parse(text):
    """"YYYY-MM-DD" to days since 1970-01-01; Error "invalid_date" otherwise."""
    if not isinstance(text, str):
        raise TypeError(f"date_parse() takes str, not {type(text).__name__}")
    return _native.Dates.parse(text)


def date_format(day):
    """Days since 1970-01-01 to "YYYY-MM-DD"."""
    if not isinstance(day, int) or isinstance(day, bool):
        raise TypeError(f"date_format() takes int, not {type(day).__name__}")
    return _native.Dates.format(day)


def error_code_name(code):
    """Stable name of a numeric EnforceErrorCode: error_code_name(1) == "io"."""
    return _native.error_code_name(code)


def version():
    """Version of the libenforce actually loaded."""
    return _native.version()
