#!/usr/bin/env python3
"""recommend.py RULES CASE [AS_OF] - the smallest complete use of the enforce package.

Loads a rule set (a directory of YAML files such as rules/tianjin), asks for
a penalty recommendation for one case file (YAML or JSON) and prints the
outcome, the amount and the legal reasoning.  Only the Python binding is
used (docs/bindings.md):

    PYTHONPATH=build/bindings/python python3 examples/python/recommend.py \\
        rules/tianjin examples/cases/01-posting-mars-cityscape.yaml
"""

import sys

import enforce


def main(argv):
    if len(argv) not in (3, 4):
        print(f"usage: {argv[0]} RULES CASE [AS_OF]", file=sys.stderr)
        return 2
    rules_path, case_path = argv[1], argv[2]
    # The library never reads a clock: "today" (used only for the late
    # surcharge) is passed in, so a result can be replayed.
    as_of = argv[3] if len(argv) == 4 else None

    try:
        with enforce.RuleSet.load(rules_path) as rules, \
                open(case_path, encoding="utf-8") as case_file:
            rec = rules.recommend(case_file.read(), as_of=as_of)
    except enforce.Error as error:
        # A rule set that fails to load lists every problem it found.
        for d in error.diagnostics:
            print(f"{d['file']}:{d['line']}:{d['column']}: {d['code']}: "
                  f"{d['message']['en']}", file=sys.stderr)
        print(f"{error.code}: {error.message}", file=sys.stderr)
        return 3

    print(f"case: {rec['case_id']}")
    print(f"outcome: {rec['outcome']}")
    if rec["benchmark"] is not None:
        print(f"benchmark: {rec['benchmark']['id']} ({rec['benchmark']['title']})")
    if rec["tier"] is not None:
        print(f"tier: {rec['tier']['name']}")
    if rec["amount"] is not None:
        # Amounts are int fen; money_format gives exact yuan text.
        print(f"amount: {enforce.money_format(rec['amount'])} yuan")
    if rec["missing"]:
        print(f"missing: {', '.join(rec['missing'])}")
    print(f"procedure: {rec['procedure']['kind']}")
    for step in rec["trace"]:
        print(f"  {step['code']}: {step['message']['zh']}")
    print(f"rule set: {rec['stamp']['rule_set']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
