#!/usr/bin/env python3
"""SciPy reference of the fold-corrected figures (dossier.stats.Robustness, NoncentralT, SignTest).

No project code: the Nadeau-Bengio test within each crypto, its posterior, power and MDE80 are
computed with scipy.stats.t, scipy.stats.nct and scipy.optimize.brentq; the sign test with
scipy.stats.binomtest. Prints JSON, full precision (repr of each double).

    # deltas grouped by crypto, r, g (gate 1's min_delta), m (variants of the branch)
    python3 src/test/python/robustness_reference.py groups '[[0.01, 0.02], [0.03, 0.01, 0.0]]' 0.25 0.015 4
    # every variant of a branch of a snapshot CSV: latest completed attempt per cell, n_trades > 0
    python3 src/test/python/robustness_reference.py csv dossiers/data/track6-focal-loss.csv RUN FACTOR BASELINE 0.015
    # the noncentral t: cdf and sf at t
    python3 src/test/python/robustness_reference.py nct DF NCP T
    # the one-sided sign test: k of c cryptos improve
    python3 src/test/python/robustness_reference.py sign K C
"""

import csv
import json
import math
import sys

from scipy import optimize, stats

ALPHA = 0.05


def figures(groups, r, g, m):
    groups = [list(map(float, d)) for d in groups if len(d) > 0]
    n = sum(len(d) for d in groups)
    mean = sum(sum(d) for d in groups) / n
    se2 = 0.0
    df = 0
    for d in groups:
        nc = len(d)
        mc = sum(d) / nc
        s2 = sum((x - mc) ** 2 for x in d) / (nc - 1)
        se2 += (nc / n) ** 2 * (1 / nc + r) * s2
        df += nc - 1
    se = math.sqrt(se2)
    t = mean / se
    q = stats.t.isf(ALPHA / 2, df)
    qf = stats.t.isf(ALPHA / 2 / m, df)
    post = stats.t(df, loc=mean, scale=se)

    def power(ncp):
        return stats.nct.sf(q, df, ncp) + stats.nct.cdf(-q, df, ncp)

    high = 1.0
    while power(high) < 0.8:
        high *= 2
    mde = optimize.brentq(lambda ncp: power(ncp) - 0.8, 0, high, xtol=1e-15, rtol=1e-15) * se
    return {
        "mean": mean, "se": se, "df": df, "t": t, "p": float(2 * stats.t.sf(abs(t), df)),
        "ci_low": mean - q * se, "ci_high": mean + q * se, "ci_low_family": mean - qf * se,
        "ci_high_family": mean + qf * se,
        "p_better": float(post.sf(g)), "p_rope": float(post.cdf(g) - post.cdf(-g)), "p_worse": float(post.cdf(-g)),
        "power": float(power(g / se)), "mde80": float(mde),
    }


def from_csv(path, run, factor, baseline, g):
    latest = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["run_id"] != run or row["factor"] != factor or row["status"] != "completed":
                continue
            key = (row["variant"], row["crypto"], int(row["fold"]))
            if key not in latest or row["created_at"] > latest[key]["created_at"]:
                latest[key] = row
    useful = {k: float(v["f1_buy"]) for k, v in latest.items()
              if int(v["n_trades"]) > 0 and math.isfinite(float(v["f1_buy"]))}
    variants = sorted({k[0] for k in latest} - {baseline})
    cryptos = sorted({k[1] for k in latest})
    folds = max(len({k[2] for k in latest if k[1] == c}) for c in cryptos)
    out = {}
    for v in variants:
        groups = []
        for c in cryptos:
            groups.append([useful[(v, c, fo)] - useful[(baseline, c, fo)]
                           for fo in sorted({k[2] for k in latest if k[1] == c})
                           if (v, c, fo) in useful and (baseline, c, fo) in useful])
        out[v] = figures(groups, 1 / (folds - 1), g, len(variants))
    return out


def main(argv):
    mode = argv[1]
    if mode == "groups":
        result = figures(json.loads(argv[2]), float(argv[3]), float(argv[4]), int(argv[5]))
    elif mode == "csv":
        result = from_csv(argv[2], argv[3], argv[4], argv[5], float(argv[6]))
    elif mode == "nct":
        df, ncp, t = float(argv[2]), float(argv[3]), float(argv[4])
        result = {"cdf": float(stats.nct.cdf(t, df, ncp)), "sf": float(stats.nct.sf(t, df, ncp))}
    elif mode == "sign":
        result = {"p": float(stats.binomtest(int(argv[2]), int(argv[3]), 0.5, alternative="greater").pvalue)}
    else:
        raise SystemExit("unknown mode " + mode)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(sys.argv)
