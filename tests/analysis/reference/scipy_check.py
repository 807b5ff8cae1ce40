#!/usr/bin/env python3
# Recomputes the t-test and Wilcoxon columns of a statistical_tests.csv with scipy (Debian's
# python3-scipy 1.10.1) from the all_results.csv beside it, pooled and per condition, for the
# policy CascadePlanner, and prints the largest absolute difference of each column:
#
#   /usr/bin/python3 -W ignore tests/analysis/reference/scipy_check.py \
#       tests/analysis/data/condition_study expected_statistical_tests.csv
#   /usr/bin/python3 -W ignore tests/analysis/reference/scipy_check.py results statistical_tests.csv
#
# scipy.stats.ttest_rel as is; scipy.stats.wilcoxon on the differences rounded to 12 decimals
# (so that float noise does not split a tie), zero_method="wilcox", no continuity correction,
# method "exact" without zeros or ties and at most 50 differences, else "approx" — the
# convention of core/analysis/statistics.h.
import csv, sys
from scipy import stats
import numpy as np
folder = sys.argv[1]
rows = list(csv.DictReader(open(folder + '/all_results.csv')))
def cond(r):
    w = r['workload']; t, wl = (w.split(':', 1) if ':' in w else ('', w)); return (t, wl, r['deadline_set'])
idx = {(r['policy'], cond(r), r['seed']): r for r in rows}
exp = list(csv.DictReader(open(folder + '/' + sys.argv[2])))
worst = {'t': 0, 'tp': 0, 'w': 0, 'wp': 0}; n = 0
for e in exp:
    m, b = e['metric'], e['baseline']
    sel = lambda c: e['task'] == 'all' or (c[0], c[1], c[2]) == (e['task'], e['workload'], e['deadline_set'])
    pairs = [(float(r[m]), float(idx[(b, c, s)][m])) for (p, c, s), r in idx.items()
             if p == 'CascadePlanner' and sel(c) and (b, c, s) in idx]
    a = np.array([x for x, _ in pairs]); bb = np.array([y for _, y in pairs])
    d = np.round(a - bb, 12)  # 0.3 - 0.2 and 0.2 - 0.1 are one tie, as in exact decimals
    if np.all(d == 0): continue
    nz = d[d != 0]
    ties = len(np.unique(np.abs(nz))) < len(nz); zeros = len(nz) < len(d)
    w = stats.wilcoxon(d, zero_method='wilcox', correction=False,
                       method='approx' if (zeros or ties or len(nz) > 50) else 'exact')
    t = stats.ttest_rel(a, bb)
    worst['t'] = max(worst['t'], abs(float(e['t_stat']) - t.statistic))
    worst['tp'] = max(worst['tp'], abs(float(e['t_p']) - t.pvalue))
    worst['w'] = max(worst['w'], abs(float(e['wilcoxon_stat']) - w.statistic))
    worst['wp'] = max(worst['wp'], abs(float(e['wilcoxon_p']) - w.pvalue)); n += 1
print(n, 'rows; largest |file - scipy|:', worst)
