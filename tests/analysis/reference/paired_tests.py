#!/usr/bin/env python3
"""Independent reference for the per-condition statistics of tst_analysis.

It shares no code with core/analysis: it reads all_results.csv with exact decimal arithmetic
(fractions), computes every number from its textbook definition with mpmath 1.3.0 (50 digits),
and writes the numbers the C++ code must reproduce. Conventions followed (those documented in
core/analysis/statistics.h, which follow scipy.stats):

- paired t-test: t = mean/(sd/sqrt(n)), sd with n - 1; two-sided p = I_{df/(df+t^2)}(df/2, 1/2)
  (regularized incomplete beta, mpmath.betainc); one-sided p from the same tail; 95% CI
  mean +- q * sd/sqrt(n), q the 0.975 quantile of Student t found by root-finding on betainc;
  Cohen's d_z = mean/sd. All differences equal to c: sd 0, t = +-inf (0 for c = 0), p 0 (1),
  CI [c, c], d_z = +-inf (0).
- Wilcoxon signed-rank as scipy's wilcoxon(d, zero_method="wilcox", correction=False): zeros
  dropped, |d| ranked with average ranks for ties (exact decimal ties); statistic
  min(W+, W-); exact null distribution (counted over all sign patterns) when at most 50
  differences remain and there were neither zeros nor ties, two-sided p = min(1, 2 P(W <= stat)),
  one-sided from W+; otherwise the normal approximation with variance
  n(n+1)(2n+1)/24 - sum(t^3 - t)/48 and no continuity correction.
- Holm step-down over every row's t-test p (NaN rows left out of the family).
- Wilson score interval for a share, z the normal 0.975 quantile.
- Dominance: a dominates b when a.x <= b.x and a.y >= b.y with one strict; a baseline run is
  compared only with the planner's run on the same trace (task, workload, deadline set, seed).

The expected files next to the fixture were produced by this exact command, run from the
repository root:

    python3 tests/analysis/reference/paired_tests.py tests/analysis/data/condition_study

It writes expected_statistical_tests.csv, expected_hypotheses.csv and expected_dominance.csv
into that folder. The hypotheses, metrics and baselines below are those tst_analysis uses.
"""

import csv
import math
import sys
from collections import OrderedDict, defaultdict
from fractions import Fraction
from pathlib import Path

import mpmath

mpmath.mp.dps = 50

POLICY = "CascadePlanner"
METRICS = ["hit_rate", "accuracy", "p95_ms"]
BASELINES = ["INFaaS", "StaticLarge"]
ALPHA = 0.05
BOUNDS = {"BestFixedInHindsight", "Oracle"}
# (id, metric, baseline, alternative, claimed); dominated_share: (id, metric, baselines, space,
# claimed) with baselines None for "all".
HYPOTHESES = [
    ("C1", "hit_rate", "INFaaS", "greater", Fraction("0.045")),
    ("C2", "accuracy", "INFaaS", "greater", Fraction("0.017")),
    ("H1", "p95_ms", "StaticLarge", "less", None),
    ("C3", "dominated_share", None, "latency", Fraction("0.75")),
]
HIGHER_IS_BETTER = {"hit_rate", "accuracy", "effective_accuracy"}
LOWER_IS_BETTER = {"cost_per_1k", "p50_ms", "p95_ms", "p99_ms"}
NAN = float("nan")


def read_runs(path):
    runs = []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            run = {k: row[k] for k in ("policy", "workload", "deadline_set")}
            run["seed"] = int(row["seed"])
            for k in ("hit_rate", "accuracy", "effective_accuracy", "cost_per_1k", "p95_ms"):
                run[k] = Fraction(row[k])
            runs.append(run)
    return runs


def condition_of(run):
    task, colon, workload = run["workload"].partition(":")
    if not colon:
        task, workload = "", run["workload"]
    return (task, workload, run["deadline_set"])


def pairs_of(runs, baseline):
    """(policy run, baseline run) per trace, sorted by (workload, deadline set, seed)."""
    key = lambda r: (r["workload"], r["deadline_set"], r["seed"])
    mine = {key(r): r for r in runs if r["policy"] == POLICY}
    theirs = {key(r): r for r in runs if r["policy"] == baseline}
    assert mine.keys() == theirs.keys()
    return [(mine[k], theirs[k]) for k in sorted(mine)]


def by_condition(pairs):
    groups = defaultdict(list)
    for p in pairs:
        groups[condition_of(p[0])].append(p)
    return OrderedDict(sorted(groups.items()))


def t_two_sided_p(t, df):
    if mpmath.isinf(t):
        return mpmath.mpf(0)
    return mpmath.betainc(df / 2, mpmath.mpf(1) / 2, 0, df / (df + t * t), regularized=True)


def t_quantile_975(df):
    return mpmath.findroot(lambda q: t_two_sided_p(q, df) - mpmath.mpf("0.05"), 2)


def t_test(d, alternative="two-sided"):
    n = len(d)
    mean = sum(d, Fraction(0)) / n
    if all(x == d[0] for x in d):
        c = mp(d[0])
        t = mpmath.mpf(0) if c == 0 else mpmath.inf * mpmath.sign(c)
        return dict(n=n, mean=c, low=c, high=c, t=t, p=constant_p(c, alternative), dz=t)
    var = sum((x - mean) ** 2 for x in d) / (n - 1)
    sd = mpmath.sqrt(mp(var))
    m = mp(mean)
    se = sd / mpmath.sqrt(n)
    t = m / se
    df = mpmath.mpf(n - 1)
    q = t_quantile_975(df)
    p = t_p(t, df, alternative)
    return dict(n=n, mean=m, low=m - q * se, high=m + q * se, t=t, p=p, dz=m / sd)


def constant_p(c, alternative):
    """No spread: no difference at all is no evidence (p 1); a constant shift is certain."""
    if c == 0:
        return mpmath.mpf(1)
    if alternative == "two-sided":
        return mpmath.mpf(0)
    return mpmath.mpf(0 if (c > 0) == (alternative == "greater") else 1)


def t_p(t, df, alternative):
    two_sided = t_two_sided_p(t, df)
    if alternative == "two-sided":
        return two_sided
    upper = two_sided / 2 if t >= 0 else 1 - two_sided / 2  # P(T >= t); 1/2 at t = 0
    return upper if alternative == "greater" else 1 - upper


def signed_ranks(d):
    nonzero = [x for x in d if x != 0]
    mags = sorted(abs(x) for x in nonzero)
    rank_of, ties = {}, []
    i = 0
    while i < len(mags):
        j = i
        while j < len(mags) and mags[j] == mags[i]:
            j += 1
        rank_of[mags[i]] = Fraction(i + 1 + j, 2)
        if j - i > 1:
            ties.append(j - i)
        i = j
    w_plus = sum((rank_of[abs(x)] for x in nonzero if x > 0), Fraction(0))
    w_minus = sum((rank_of[abs(x)] for x in nonzero if x < 0), Fraction(0))
    return len(nonzero), len(d) - len(nonzero), ties, w_plus, w_minus


def exact_counts(n):
    """counts[s] = number of subsets of {1..n} with sum s."""
    counts = [1] + [0] * (n * (n + 1) // 2)
    for r in range(1, n + 1):
        for s in range(len(counts) - 1, r - 1, -1):
            counts[s] += counts[s - r]
    return counts


def wilcoxon(d, alternative="two-sided"):
    n, zeros, ties, w_plus, w_minus = signed_ranks(d)
    stat = min(w_plus, w_minus)
    if n == 0:
        return dict(stat=0, p=mpmath.mpf(1))
    if n <= 50 and zeros == 0 and not ties:
        counts = exact_counts(n)
        total = mpmath.mpf(2) ** n
        at_most = lambda k: sum(counts[: int(k) + 1]) / total
        if alternative == "two-sided":
            p = min(mpmath.mpf(1), 2 * at_most(stat))
        elif alternative == "greater":
            p = sum(counts[int(w_plus):]) / total
        else:
            p = at_most(w_plus)
        return dict(stat=stat, p=p)
    mean = mpmath.mpf(n * (n + 1)) / 4
    var = mpmath.mpf(n * (n + 1) * (2 * n + 1)) / 24 - mpmath.mpf(sum(t**3 - t for t in ties)) / 48
    z = (mp(w_plus) - mean) / mpmath.sqrt(var)
    sf = lambda x: mpmath.erfc(x / mpmath.sqrt(2)) / 2
    p = {"two-sided": min(mpmath.mpf(1), 2 * sf(abs(z))), "greater": sf(z), "less": sf(-z)}
    return dict(stat=stat, p=p[alternative])


def holm(ps):
    family = sorted((i for i, p in enumerate(ps) if not mpmath.isnan(p)), key=lambda i: ps[i])
    out = [mpmath.nan] * len(ps)
    running, m = mpmath.mpf(0), len(family)
    for j, i in enumerate(family):
        running = max(running, min(mpmath.mpf(1), (m - j) * ps[i]))
        out[i] = running
    return out


def wilson(k, n):
    z = mpmath.sqrt(2) * mpmath.erfinv(mpmath.mpf("0.95"))
    p = mpmath.mpf(k) / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * mpmath.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(mpmath.mpf(0), centre - half), min(mpmath.mpf(1), centre + half)


def dominates(a, b):
    return a[0] <= b[0] and a[1] >= b[1] and (a[0] < b[0] or a[1] > b[1])


def point(run, space):
    return (run["p95_ms"] if space == "latency" else run["cost_per_1k"], run["effective_accuracy"])


def dominance(runs, baseline, space):
    """{condition: [runs, dominated]}"""
    counts = defaultdict(lambda: [0, 0])
    for mine, theirs in pairs_of(runs, baseline):
        c = counts[condition_of(mine)]
        c[0] += 1
        c[1] += dominates(point(mine, space), point(theirs, space))
    return OrderedDict(sorted(counts.items()))


def mp(x):
    """An exact fraction or an mpf as an mpf."""
    if isinstance(x, Fraction):
        return mpmath.mpf(x.numerator) / x.denominator
    return mpmath.mpf(x)


def num(x):
    if isinstance(x, Fraction):
        return repr(float(x))
    x = mpmath.mpf(x)
    if mpmath.isnan(x):
        return "nan"
    if mpmath.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(float(x))


POOLED = ("all", "all", "all")


def statistical_tests(runs):
    rows = []
    for scope in ("pooled", "condition"):
        for metric in METRICS:
            for baseline in BASELINES:
                pairs = pairs_of(runs, baseline)
                groups = {POOLED: pairs} if scope == "pooled" else by_condition(pairs)
                for condition, group in groups.items():
                    d = [a[metric] - b[metric] for a, b in group]
                    t, w = t_test(d), wilcoxon(d)
                    rows.append(dict(metric=metric, baseline=baseline, condition=condition,
                                     t=t, w=w))
    for row, p in zip(rows, holm([r["t"]["p"] for r in rows])):
        row["holm"] = p
    return rows


def write_statistical_tests(path, rows):
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["metric", "baseline", "task", "workload", "deadline_set", "n_pairs",
                      "mean_diff", "ci95_low", "ci95_high", "t_stat", "t_p", "wilcoxon_stat",
                      "wilcoxon_p", "cohens_d", "p_holm", "significant"])
        for r in rows:
            t, w = r["t"], r["w"]
            out.writerow([r["metric"], r["baseline"], *r["condition"], t["n"], num(t["mean"]),
                          num(t["low"]), num(t["high"]), num(t["t"]), num(t["p"]),
                          num(w["stat"]), num(w["p"]), num(t["dz"]), num(r["holm"]),
                          "true" if r["holm"] < ALPHA else "false"])


def difference_rows(runs, metric, baseline, alternative):
    pairs = pairs_of(runs, baseline)
    groups = OrderedDict([(POOLED, pairs)])
    groups.update(by_condition(pairs))
    rows = []
    for condition, group in groups.items():
        d = [a[metric] - b[metric] for a, b in group]
        t = t_test(d, alternative)
        rows.append(dict(condition=condition, n=len(d), dominated=0, measured=t["mean"],
                         low=t["low"], high=t["high"], p=t["p"],
                         wp=wilcoxon(d, alternative)["p"]))
    return rows


def share_rows(runs, space):
    baselines = sorted({r["policy"] for r in runs} - {POLICY} - BOUNDS)
    counts = defaultdict(lambda: [0, 0])
    for baseline in baselines:
        for condition, (n, k) in dominance(runs, baseline, space).items():
            counts[condition][0] += n
            counts[condition][1] += k
    total = [sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())]
    rows = []
    for condition, (n, k) in [(POOLED, total)] + sorted(counts.items()):
        low, high = wilson(k, n)
        rows.append(dict(condition=condition, n=n, dominated=k, measured=Fraction(k, n),
                         low=low, high=high, p=mpmath.nan, wp=mpmath.nan))
    return rows


def loses(metric, alternative, measured, claimed):
    if metric == "dominated_share":
        return measured < mp(claimed)
    if alternative == "two-sided":
        if metric in HIGHER_IS_BETTER:
            return measured < 0
        return measured > 0 if metric in LOWER_IS_BETTER else False
    return measured < 0 if alternative == "greater" else measured > 0


def supported(metric, alternative, row, claimed):
    if metric != "dominated_share" and not row["holm"] < ALPHA:
        return False
    if claimed is None:
        return True
    c = mp(claimed)
    if metric == "dominated_share" or alternative == "greater":
        return c <= row["high"]
    if alternative == "less":
        return c >= row["low"]
    return row["low"] <= c <= row["high"]


def hypotheses(runs):
    evaluated = []
    for hid, metric, baseline, alternative, claimed in HYPOTHESES:
        rows = (share_rows(runs, alternative) if metric == "dominated_share"
                else difference_rows(runs, metric, baseline, alternative))
        evaluated.append((hid, metric, alternative, claimed, rows))
    flat = [row for _, _, _, _, rows in evaluated for row in rows]
    for row, p in zip(flat, holm([r["p"] for r in flat])):
        row["holm"] = p
    out = []
    for hid, metric, alternative, claimed, rows in evaluated:
        for row in rows:
            row["supported"] = supported(metric, alternative, row, claimed)
            row["loses"] = loses(metric, alternative, mp(row["measured"]), claimed)
            out.append((hid, row))
    return out


def write_hypotheses(path, rows):
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["id", "task", "workload", "deadline_set", "n", "dominated", "measured",
                      "ci95_low", "ci95_high", "t_p", "wilcoxon_p", "p_holm", "supported",
                      "policy_loses"])
        for hid, r in rows:
            out.writerow([hid, *r["condition"], r["n"], r["dominated"], num(r["measured"]),
                          num(r["low"]), num(r["high"]), num(r["p"]), num(r["wp"]),
                          num(r["holm"]), str(r["supported"]).lower(),
                          str(r["loses"]).lower()])


def write_dominance(path, runs):
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["method", "space", "task", "workload", "deadline_set", "n_points",
                      "dominated_share"])
        for baseline in BASELINES:
            for space in ("latency", "cost"):
                counts = dominance(runs, baseline, space)
                n = sum(c[0] for c in counts.values())
                k = sum(c[1] for c in counts.values())
                out.writerow([baseline, space, *POOLED, n, num(Fraction(k, n))])
                for condition, (cn, ck) in counts.items():
                    out.writerow([baseline, space, *condition, cn, num(Fraction(ck, cn))])


def main():
    folder = Path(sys.argv[1])
    runs = read_runs(folder / "all_results.csv")
    write_statistical_tests(folder / "expected_statistical_tests.csv", statistical_tests(runs))
    write_hypotheses(folder / "expected_hypotheses.csv", hypotheses(runs))
    write_dominance(folder / "expected_dominance.csv", runs)


if __name__ == "__main__":
    main()
