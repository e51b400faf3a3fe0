"""Tests of the Python binding (package enforce), in Python.

Expected values come from the library itself (`enforce recommend --json
--rules rules/tianjin examples/cases/...`) and are checked against the law
in the comments (shared domain notes, LAW-FACTS.md).
"""

import datetime
import decimal
import gc
import json
import threading
import weakref

import pytest

import enforce
from conftest import CASES, RULES, SOURCE_DIR, case_text

BAD_RULES = SOURCE_DIR / "no-such-rules-directory"

MINIMAL_JSON_CASE = {
    "benchmark": "tj.civility.63.spitting",
    "party": {"class": "individual", "age": 30, "capacity": "full"},
    "circumstances": {"minor": False, "corrected": True, "harm": "none",
                      "first_violation": True, "no_fault": False},
    "dates": {"act": "2024-06-02", "discovered": "2024-06-02"},
}


def walk(value):
    """Every value inside a JSON document, without recursion."""
    stack = [value]
    while stack:
        v = stack.pop()
        yield v
        if isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------

def test_load__bundled_tianjin_rules(rules):
    assert rules.jurisdiction_id == "tianjin"
    assert rules.hash.startswith("sha256:") and len(rules.hash) == len("sha256:") + 64
    assert "tj.civility.65-1.posting" in rules.benchmarks
    assert rules.benchmarks["tj.fire.60.fire-lane"] == "单位占用、堵塞、封闭消防车通道"
    assert all(d["severity"] == "warning" for d in rules.diagnostics)


def test_load__accepts_path_objects_and_str():
    with enforce.RuleSet.load(str(RULES)) as a, enforce.RuleSet.load(RULES) as b:
        assert a.hash == b.hash


def test_load__missing_directory_raises_io():
    with pytest.raises(enforce.Error) as info:
        enforce.RuleSet.load(BAD_RULES)
    assert info.value.code == "io"
    assert str(BAD_RULES) in info.value.message
    assert [d["code"] for d in info.value.diagnostics] == ["io"]


def test_load_data__semantic_errors_raise_rules_invalid_with_every_diagnostic():
    bad = ("kind: instrument\nid: x\ntitle: t\nlevel: 法律\nissuer: i\n"
           "versions: [{effective_from: 2024-02-30}]\nsurprise: 1\n")
    with pytest.raises(enforce.Error) as info:
        enforce.RuleSet.load_data(bad, name="bad.yaml")
    error = info.value
    assert error.code in ("rules_invalid", "unknown_key", "invalid_date")
    assert error.diagnostics, "a failed load lists its diagnostics"
    assert all(d["file"] == "bad.yaml" for d in error.diagnostics if d["file"])


def test_load__yaml_syntax_error_in_rule_data():
    with pytest.raises(enforce.Error) as info:
        enforce.RuleSet.load_data("kind: [unclosed\n", name="broken.yaml")
    assert info.value.code == "yaml_syntax"
    assert "broken.yaml:" in info.value.message


def test_error_is_an_exception_with_code_and_message():
    assert issubclass(enforce.Error, Exception)
    error = enforce.Error("io", "x: cannot read")
    assert (error.code, error.message, str(error)) == ("io", "x: cannot read",
                                                       "x: cannot read [io]")


# --------------------------------------------------------------------------
# Recommending
# --------------------------------------------------------------------------

def test_recommend__posting_that_mars_the_cityscape_is_fined_2000_yuan(rules):
    # 《天津市文明行为促进条例》第65条第1款: 乱张贴小广告, 有碍城市容貌的
    # a fixed 2000 yuan.  The power names two provisions; one act is fined
    # once, under the heavier (行政处罚法第29条).  2000 yuan > 200 yuan for a
    # citizen, so the general procedure applies (第51条).
    rec = rules.recommend(case_text("01-posting-mars-cityscape.yaml"))
    assert rec["outcome"] == "fine"
    assert rec["amount"] == 200000 and type(rec["amount"]) is int
    assert (rec["range"]["min"], rec["range"]["max"]) == (200000, 200000)
    assert rec["benchmark"]["id"] == "tj.civility.65-1.posting"
    assert rec["excluded"][0]["id"] == "tj.citymgmt.44-1.posting"
    assert rec["procedure"]["kind"] == "general"
    assert rec["stamp"]["rule_set"] == rules.hash
    assert [s["code"] for s in rec["trace"]][0] == "resolve"


def test_recommend__minor_aged_16_gets_the_lighter_tier(rules):
    # 《天津市文明行为促进条例》第63条: 乱扔废弃物 50-200 yuan.  Aged 14-17:
    # 从轻 or 减轻 is mandatory (行政处罚法第30条); the 从轻 tier is 50-100
    # yuan and the point its middle, 75 yuan.  ≤ 200 yuan: simple procedure.
    rec = rules.recommendation(case_text("02-littering-16-year-old.yaml"))
    assert rec.outcome == "fine"
    assert rec.amount == 7500
    assert rec.range == (5000, 10000)
    assert rec.tier == "从轻"
    assert rec.procedure == "simple"
    assert rec.benchmark_id == "tj.civility.63.spitting"
    assert rec.version == "2019-05-01"
    assert rec.discretionary is False


def test_recommend__fire_lane_blocked_by_a_company(rules):
    # 消防法第60条: a unit blocking fire-engine access, 5000-50000 yuan; the
    # 一般 tier's point is the middle, 27500 yuan.
    case = enforce.Case.load(CASES / "04-fire-lane-blocked.yaml")
    assert case.id == "2024-XB-0104"
    rec = rules.recommend(case)
    assert (rec["outcome"], rec["amount"]) == ("fine", 2750000)
    assert rec["tier"]["name"] == "一般"


def test_recommend__limitation_expired_means_no_penalty(rules):
    # 行政处罚法第36条: not discovered within 2 years -> no penalty.
    rec = rules.recommendation(case_text("07-limitation-expired.yaml"))
    assert rec.outcome == "no_penalty"
    assert rec.amount is None and rec.range is None
    assert rec.procedure == "none"


def test_recommend__missing_fact_is_undetermined_never_defaulted(rules):
    rec = rules.recommendation(case_text("06-missing-fact.yaml"))
    assert rec.outcome == "undetermined"
    assert rec.missing == ["facts.mars_cityscape"]
    assert rec.amount is None


def test_recommend__dict_case_and_json_text_agree(rules):
    from_dict = rules.recommend(MINIMAL_JSON_CASE, trace=False)
    from_text = rules.recommend(json.dumps(MINIMAL_JSON_CASE), trace=False)
    from_bytes = rules.recommend(json.dumps(MINIMAL_JSON_CASE).encode(), trace=False)
    assert from_dict == from_text == from_bytes
    assert from_dict["outcome"] == "fine"
    assert "trace" not in from_dict or not from_dict["trace"]


def test_recommend__no_float_anywhere_in_the_result(rules):
    for name in ("01-posting-mars-cityscape.yaml", "05-idle-land-not-greened.yaml"):
        rec = rules.recommend(case_text(name), as_of="2024-12-31")
        assert not [v for v in walk(rec) if isinstance(v, float)]


def test_recommend__limits_belong_to_reading_text_not_to_a_parsed_case(rules):
    with enforce.Case.parse(MINIMAL_JSON_CASE) as case, enforce.Limits() as limits:
        with pytest.raises(TypeError):
            rules.recommend(case, limits=limits)
        assert rules.recommend(MINIMAL_JSON_CASE, limits=limits)["outcome"] == "fine"


def test_recommend__as_of_accepts_a_date(rules):
    text = case_text("04-fire-lane-blocked.yaml")
    assert (rules.recommend(text, as_of=datetime.date(2024, 6, 1))
            == rules.recommend(text, as_of="2024-06-01"))
    with pytest.raises(TypeError):
        rules.recommend(text, as_of=datetime.datetime(2024, 6, 1))


def test_recommend__steps_and_text(rules):
    rec = rules.recommendation(case_text("01-posting-mars-cityscape.yaml"))
    steps = rec.steps("en")
    assert steps[0].code == "resolve"
    assert any(s.citation and "Art. 29" in s.citation for s in steps)
    assert "fine" in rec.to_text("en")
    assert "2000" in rec.to_text("zh")
    assert rec.to_dict()["amount"] == 200000
    assert rules.recommendation(case_text("01-posting-mars-cityscape.yaml"),
                                trace=False).steps() == []
    with pytest.raises(enforce.Error) as info:
        rec.to_text("fr")
    assert info.value.code == "invalid_value"
    with pytest.raises(IndexError):
        rec._native.get_step_code(len(steps))


# --------------------------------------------------------------------------
# Case errors
# --------------------------------------------------------------------------

def test_case__malformed_yaml_raises_yaml_syntax(rules):
    with pytest.raises(enforce.Error) as info:
        rules.recommend("benchmark: [unclosed\n")
    assert info.value.code == "yaml_syntax"
    with pytest.raises(enforce.Error) as info:
        enforce.Case.parse("party: {class: individual\n", name="mine.yaml")
    assert info.value.code == "yaml_syntax"
    assert info.value.message.startswith("mine.yaml:")


def test_case__malformed_json_raises_json_syntax(rules):
    with pytest.raises(enforce.Error) as info:
        rules.recommend('{"benchmark": "tj.civility.63.spitting",}')
    assert info.value.code == "json_syntax"


def test_case__unknown_benchmark(rules):
    case = dict(MINIMAL_JSON_CASE, benchmark="tj.no.such.benchmark")
    with pytest.raises(enforce.Error) as info:
        rules.recommend(case)
    assert info.value.code == "unknown_benchmark"
    assert "tj.no.such.benchmark" in info.value.message


def test_case__unknown_key_names_the_field():
    with pytest.raises(enforce.Error) as info:
        enforce.Case.parse(dict(MINIMAL_JSON_CASE, amout=1))
    assert info.value.code == "unknown_key"
    assert "amout" in info.value.message


def test_case__nul_inside_text_is_refused_by_the_reader():
    with pytest.raises(enforce.Error) as info:
        enforce.Case.parse("id: a\0b\n")
    assert info.value.code == "encoding"


def test_case__nul_in_a_path_is_a_value_error():
    with pytest.raises(ValueError):
        enforce.Case.load("examples/cases/01\0.yaml")


def test_case__limits_apply(rules):
    deep = "a: " + "[" * 40 + "]" * 40 + "\n"
    with pytest.raises(enforce.Error) as info:
        enforce.Case.parse(deep)
    assert info.value.code == "limit_depth"
    with enforce.Limits("cases", depth=4) as limits:
        assert limits["depth"] == 4
        with pytest.raises(enforce.Error) as info:
            rules.recommend({"party": {"class": {"a": {"b": {"c": 1}}}}}, limits=limits)
        assert info.value.code == "limit_depth"


def test_limits__names_and_errors():
    assert enforce.Limits.names()[:2] == ["input_bytes", "depth"]
    limits = enforce.Limits("rules")
    assert limits.to_dict()["depth"] > 0
    with pytest.raises(enforce.Error) as info:
        limits["no_such_limit"] = 3
    assert info.value.code == "invalid_value"
    with pytest.raises(enforce.Error) as info:
        limits["depth"] = 0
    assert info.value.code == "invalid_value"
    with pytest.raises(TypeError):
        limits["depth"] = 4.0
    with pytest.raises(enforce.Error):
        enforce.Limits("nonsense")


# --------------------------------------------------------------------------
# Money and dates: exact, never float
# --------------------------------------------------------------------------

@pytest.mark.parametrize("text, fen", [
    ("150.50", 15050), ("150.5", 15050), ("0.01", 1), ("2000", 200000),
    ("999999999999999.99", 99999999999999999),
])
def test_money_parse__exact_fen(text, fen):
    assert enforce.money_parse(text) == fen
    assert type(enforce.money_parse(text)) is int


@pytest.mark.parametrize("text", ["1e3", "1,000", "-5", "100.005", "１０００", "NaN", "",
                                  "1万元", ".5", "1."])
def test_money_parse__refuses_what_is_not_plain_yuan(text):
    with pytest.raises(enforce.Error) as info:
        enforce.money_parse(text)
    assert info.value.code == "invalid_money"


def test_money_parse__overflow():
    with pytest.raises(enforce.Error) as info:
        enforce.money_parse("9" * 15 + "9.99")
    assert info.value.code in ("overflow", "invalid_money")


def test_money__floats_are_refused_everywhere(rules):
    with pytest.raises(TypeError):
        enforce.money_parse(150.5)
    with pytest.raises(TypeError):
        enforce.money_format(15050.0)
    with pytest.raises(TypeError, match="float"):
        enforce.Case.parse({"facts": {"area_m2": 350.5}})
    with pytest.raises(TypeError, match="float"):
        rules.recommend({"facts": [{"deep": [1, 2.0]}]})
    with pytest.raises(TypeError, match="float"):
        rules.recommend_batch([MINIMAL_JSON_CASE, {"x": 0.1}])


def test_money__decimal_in_a_dict_is_sent_exactly(rules):
    # 《天津市城市绿化条例》第19条: 100-200 yuan per m² to be greened;
    # 350.5 m² gives 35050-70100 yuan, the 一般 tier's point 52575 yuan.
    doc = {
        "benchmark": "tj.greening.19.idle-land",
        "party": {"class": "organization"},
        "facts": {"area_m2": decimal.Decimal("350.5")},
        "circumstances": {"minor": False, "corrected": False, "harm": "none",
                          "first_violation": True, "no_fault": False},
        "correction": {"ordered": datetime.date(2024, 2, 26), "deadline": "2024-03-26",
                       "outcome": "overdue"},
        "dates": {"act": "2023-08-01", "discovered": "2024-02-26"},
    }
    rec = rules.recommend(doc)
    assert rec["range"]["min"] == 3505000 and rec["range"]["max"] == 7010000
    assert rec["amount"] == 5257500


def test_money_format__two_decimals():
    assert enforce.money_format(15050) == "150.50"
    assert enforce.money_format(1) == "0.01"
    assert enforce.money_format(0) == "0.00"
    assert decimal.Decimal(enforce.money_format(15050)) == decimal.Decimal("150.50")


def test_dates():
    day = enforce.date_parse("2024-02-29")
    assert enforce.date_format(day) == "2024-02-29"
    assert day == (datetime.date(2024, 2, 29) - datetime.date(1970, 1, 1)).days
    with pytest.raises(enforce.Error) as info:
        enforce.date_parse("2024-02-30")
    assert info.value.code == "invalid_date"


def test_error_code_names_and_version():
    assert enforce.error_code_name(1) == "io"
    assert enforce.error_code_name(71) == "unknown_benchmark"
    assert enforce.__version__ == enforce.version() and enforce.version().count(".") == 2


# --------------------------------------------------------------------------
# Lifetimes: close, context managers, parents and children
# --------------------------------------------------------------------------

def test_close__twice_is_harmless_and_use_after_close_raises_closed():
    rules = enforce.RuleSet.load(RULES)
    case = enforce.Case.parse(MINIMAL_JSON_CASE)
    rec = rules.recommendation(case)
    limits = enforce.Limits()
    for obj in (rules, case, rec, limits):
        obj.close()
        obj.close()
    checks = [lambda: rules.hash, lambda: rules.recommend(MINIMAL_JSON_CASE),
              lambda: rules.recommend_batch("{}"), lambda: case.id,
              lambda: rec.outcome, lambda: rec.to_json(), lambda: limits["depth"]]
    for check in checks:
        with pytest.raises(enforce.Error) as info:
            check()
        assert info.value.code == "closed"


def test_close__a_closed_case_or_limits_cannot_be_used_as_argument(rules):
    case = enforce.Case.parse(MINIMAL_JSON_CASE)
    case.close()
    with pytest.raises(enforce.Error) as info:
        rules.recommend(case)
    assert info.value.code == "closed"
    limits = enforce.Limits()
    limits.close()
    with pytest.raises(enforce.Error) as info:
        rules.recommend(MINIMAL_JSON_CASE, limits=limits)
    assert info.value.code == "closed"


def test_context_manager__closes_on_exit_and_on_exception():
    with enforce.RuleSet.load(RULES) as rules:
        assert rules.recommend(MINIMAL_JSON_CASE)["outcome"] == "fine"
    with pytest.raises(enforce.Error) as info:
        rules.hash
    assert info.value.code == "closed"

    with pytest.raises(KeyError):
        with enforce.Case.parse(MINIMAL_JSON_CASE) as case:
            raise KeyError("boom")
    with pytest.raises(enforce.Error):
        case.id


def test_child_keeps_parent_alive_after_the_parent_is_dropped():
    rules = enforce.RuleSet.load(RULES)
    rec = rules.recommendation(case_text("01-posting-mars-cityscape.yaml"))
    parent = weakref.ref(rules)
    del rules
    gc.collect()
    assert parent() is rec.rules          # Python keeps the parent object
    assert rec.amount == 200000
    assert rec.benchmark_id == "tj.civility.65-1.posting"   # borrowed from the rules
    assert rec.to_dict()["tier"]["name"] == "有碍城市容貌"


def test_child_survives_the_parent_being_closed():
    rules = enforce.RuleSet.load(RULES)
    rec = rules.recommendation(case_text("01-posting-mars-cityscape.yaml"))
    rules.close()
    gc.collect()
    # The recommendation holds its own C reference on the rule set.
    assert rec.tier == "有碍城市容貌"
    assert "有碍城市容貌" in rec.to_text("zh")


def test_no_public_constructors():
    for cls in (enforce.RuleSet, enforce.Case, enforce.Recommendation):
        with pytest.raises(TypeError):
            cls()


# --------------------------------------------------------------------------
# Threads and the GIL
# --------------------------------------------------------------------------

def test_threads__two_threads_recommend_concurrently_with_identical_results(rules):
    names = ["01-posting-mars-cityscape.yaml", "02-littering-16-year-old.yaml",
             "04-fire-lane-blocked.yaml", "07-limitation-expired.yaml"]
    texts = [case_text(n) for n in names]
    expected = [rules.recommend(t) for t in texts]
    results = {0: [], 1: []}
    errors = []

    def work(k):
        try:
            for i in range(100):
                results[k].append(rules.recommend(texts[i % len(texts)]))
        except BaseException as error:   # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(k,)) for k in results]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for k in results:
        assert results[k] == [expected[i % len(texts)] for i in range(100)]


def run_beside(call):
    """Runs call() on a second thread while this thread spins.

    Returns (call's duration, how long this thread ran while the call was
    under way, its longest stall).  A call that holds the GIL leaves this
    thread no time at all, or one stall as long as the call.
    """
    import time
    started = threading.Event()
    span = []

    def worker_main():
        started.set()
        begin = time.perf_counter()
        call()
        span.extend([begin, time.perf_counter()])

    worker = threading.Thread(target=worker_main)
    worker.start()
    started.wait()
    ticks = []
    while worker.is_alive():
        ticks.append(time.perf_counter())
    worker.join()
    begin, end = span
    inside = [t for t in ticks if begin <= t <= end]
    if not inside:
        return end - begin, 0.0, end - begin
    edges = [begin] + inside + [end]
    return (end - begin, inside[-1] - inside[0],
            max(b - a for a, b in zip(edges, edges[1:])))


def test_threads__the_gil_is_released_during_a_batch(rules):
    jsonl = "\n".join([json.dumps(MINIMAL_JSON_CASE)] * 30000)
    out = []
    duration, ran, stall = run_beside(lambda: out.append(rules.recommend_batch(jsonl, threads=1)))
    assert out[0].count("\n") == 30000
    assert duration > 0.02, "batch too short to tell"
    assert ran > duration / 2 and stall < duration / 2, (duration, ran, stall)


def test_threads__the_gil_test_detects_a_call_that_holds_the_gil():
    # Control for the test above: sum() over a range runs in C holding the GIL.
    duration, ran, stall = run_beside(lambda: sum(range(20_000_000)))
    assert duration > 0.02
    assert not (ran > duration / 2 and stall < duration / 2), (duration, ran, stall)


def test_threads__closing_while_other_threads_recommend_never_crashes():
    rules = enforce.RuleSet.load(RULES)
    text = case_text("02-littering-16-year-old.yaml")
    outcomes = []
    enough = threading.Event()

    def work():
        # Each thread runs until it sees the rule set closed under it.
        for _ in range(1_000_000):
            try:
                outcomes.append(rules.recommend(text, trace=False)["outcome"])
            except enforce.Error as error:
                outcomes.append(error.code)
                return
            if len(outcomes) >= 20:
                enough.set()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    assert enough.wait(60)
    rules.close()
    for t in threads:
        t.join()
    assert outcomes.count("closed") == 2
    assert set(outcomes) == {"fine", "closed"}


# --------------------------------------------------------------------------
# Batch and rule-set tests
# --------------------------------------------------------------------------

def test_batch__records_in_input_order_with_error_records(rules):
    good = json.dumps(MINIMAL_JSON_CASE)
    unknown = json.dumps(dict(MINIMAL_JSON_CASE, id="u", benchmark="tj.nope"))
    jsonl = "\n".join([good, "{not json", "", unknown, good]) + "\n"
    out = rules.recommend_batch(jsonl, threads=2)
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in records] == [1, 2, 4, 5]
    assert records[0]["recommendation"]["outcome"] == "fine"
    assert records[1]["error"]["code"] == "json_syntax"
    assert (records[2]["case_id"], records[2]["error"]["code"]) == ("u", "unknown_benchmark")
    assert records[3] == records[0] | {"line": 5}
    assert rules.recommend_batch(jsonl, threads=1) == out
    # bytes in, bytes out: the same records, not decoded
    assert rules.recommend_batch(jsonl.encode(), threads=0) == out.encode()


def test_batch__iterable_of_dicts_and_recommend_many(rules):
    records = rules.recommend_many([MINIMAL_JSON_CASE, dict(MINIMAL_JSON_CASE, id="two")])
    assert [r["case_id"] for r in records] == [None, "two"]
    assert all(r["recommendation"]["amount"] == records[0]["recommendation"]["amount"]
               for r in records)
    assert rules.recommend_batch("") == ""


def test_batch__whole_call_errors(rules):
    with pytest.raises(enforce.Error) as info:
        rules.recommend_batch("{}", as_of="2024-13-01")
    assert info.value.code == "invalid_date"
    with pytest.raises(enforce.Error) as info:
        rules.recommend_batch("{}", threads=-1)
    assert info.value.code == "invalid_value"


def test_run_tests__bundled_rule_tests_pass(rules):
    results = rules.run_tests(RULES / "tests")
    assert len(results) > 0
    assert [r for r in results if not r.passed] == []
    assert all(r.detail is None for r in results)
    with pytest.raises(enforce.Error) as info:
        rules.run_tests(BAD_RULES)
    assert info.value.code == "io"
