#!/usr/bin/env python3
"""Independent check of the Track 6 sample sweep against the figures of the Track 6 page.

Reads dossiers/data/track6-focal-loss.csv with the csv module and recomputes every figure with
NumPy/SciPy (no project code): per-crypto mean f1_buy, paired deltas (scipy.stats.ttest_rel,
Cohen's d_z with ddof=1), the bootstrap CI95 twice (an exact replica of the project's pinned
SplitMix64 percentile bootstrap, and scipy.stats.bootstrap as a cross-check), joint-metric
means, per-fold f1_buy variance (numpy var ddof=1) and trades. Prints each figure next to its
target and exits 1 if any target is missed.

    python3 src/test/python/check_track6_sample.py [path/to/track6-focal-loss.csv]
"""

import csv
import sys
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

import numpy as np
from scipy import stats

DEFAULT = Path(__file__).resolve().parents[3] / "dossiers" / "data" / "track6-focal-loss.csv"

RUN_ID = "ftf_20260429_121011_282ec7_ATR0.5_1.5_H4"
VARIANTS = ["none", "mild_focus", "standard", "aggressive_focus", "class_balanced"]
FOCAL = VARIANTS[1:]
CRYPTOS = ["AAVEUSDC", "ARBUSDC", "LDOUSDC", "OPUSDC", "UNIUSDC"]
FOLDS = [1, 2, 3, 4, 5]

F1_MEANS = {
    "AAVEUSDC": ["0.4560", "0.3951", "0.3541", "0.3658", "0.3845"],
    "ARBUSDC": ["0.4417", "0.3911", "0.3592", "0.3569", "0.3620"],
    "LDOUSDC": ["0.3892", "0.3165", "0.2910", "0.3238", "0.3053"],
    "OPUSDC": ["0.3679", "0.3095", "0.2986", "0.2947", "0.2772"],
    "UNIUSDC": ["0.4330", "0.3270", "0.3517", "0.3487", "0.3311"],
}
MEAN_DELTA = {"mild_focus": "-0.0697", "standard": "-0.0866", "aggressive_focus": "-0.0796", "class_balanced": "-0.0855"}
COHENS_D = {"mild_focus": -1.541, "standard": -1.510, "aggressive_focus": -1.598, "class_balanced": -1.240}
CI95 = {
    "mild_focus": (-0.0874, -0.0526),
    "standard": (-0.1092, -0.0655),
    "aggressive_focus": (-0.0988, -0.0611),
    "class_balanced": (-0.1146, -0.0616),
}
RAW_P = {"mild_focus": 6.10e-08, "standard": 8.63e-08, "aggressive_focus": 3.24e-08, "class_balanced": 2.09e-06}
JOINT = {  # column -> (label, decimals, {variant: printed mean delta})
    "expectancy_net": ("Δexpectancy", 1, {"mild_focus": "10.7", "standard": "18.6", "aggressive_focus": "23.9", "class_balanced": "17.3"}),
    "sortino": ("Δsortino", 2, {"mild_focus": "-0.13", "standard": "-0.05", "aggressive_focus": "-0.13", "class_balanced": "-0.28"}),
    "max_drawdown": ("Δmax_drawdown", 2, {"mild_focus": "0.68", "standard": "1.28", "aggressive_focus": "1.21", "class_balanced": "1.49"}),
}

failures = []


def check(ok, line):
    print(("ok   " if ok else "FAIL ") + line)
    if not ok:
        failures.append(line)


def rounded(x, decimals):
    """HALF_UP on the exact binary value, as the Java formatter sees a double."""
    return Decimal(float(x)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def splitmix64(seed):
    mask = (1 << 64) - 1
    state = seed & mask
    while True:
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        yield z ^ (z >> 31)


def pinned_bootstrap(values, resamples=10_000, seed=42, level=0.95):
    """The project's algorithm (dossier.stats.Bootstrap): SplitMix64(seed), one output per
    index, index = ((x >>> 32) * n) >>> 32, linear-interpolated percentiles of the means."""
    n = len(values)
    gen = splitmix64(seed)
    idx = np.fromiter((((next(gen) >> 32) * n) >> 32 for _ in range(resamples * n)), dtype=np.int64, count=resamples * n)
    sums = np.zeros(resamples)
    for column in idx.reshape(resamples, n).T:  # sequential sums, like the Java loop
        sums = sums + values[column]
    means = sums / n
    alpha = (1 - level) / 2
    return np.percentile(means, 100 * alpha), np.percentile(means, 100 * (1 - alpha))


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    print(f"{path}: {len(rows)} rows")

    check(len(rows) == 125, f"rows: {len(rows)} (target 125)")
    check(all(r["status"] == "completed" and int(r["n_trades"]) > 0 for r in rows), "every row completed with n_trades > 0")
    check(all(r["run_id"] == RUN_ID and r["factor"] == "focal_loss" for r in rows), "run_id and factor")
    cells = {(r["variant"], r["crypto"], int(r["fold"])): r for r in rows}
    check(len(cells) == 125 and set(cells) == {(v, c, f) for v in VARIANTS for c in CRYPTOS for f in FOLDS},
          "one row per variant × crypto × fold")

    def grid(column, as_decimal=False):
        """[variant][crypto][fold]."""
        conv = Decimal if as_decimal else float
        return {v: {c: [conv(cells[(v, c, f)][column]) for f in FOLDS] for c in CRYPTOS} for v in VARIANTS}

    def deltas(column, variant):
        g = grid(column)
        return np.array([g[variant][c][i] - g["none"][c][i] for c in CRYPTOS for i in range(5)])

    f1 = grid("f1_buy")
    check(all(0 < x < 1 for v in VARIANTS for c in CRYPTOS for x in f1[v][c]), "f1_buy in (0, 1)")
    ece = grid("ece")
    check(all(0.03 <= x <= 0.07 for v in VARIANTS for c in CRYPTOS for x in ece[v][c]), "ece in [0.03, 0.07]")
    ret = grid("total_return")
    check(all(-5 <= x <= 70 for v in VARIANTS for c in CRYPTOS for x in ret[v][c]), "total_return in [-5, 70]")
    stamps = sorted(r["created_at"] for r in rows)
    check(stamps[0] > "2026-04-29T12:10:11Z" and stamps[-1] < "2026-04-30", f"created_at {stamps[0]} … {stamps[-1]}")

    print("\n1. Per-crypto mean f1_buy (exact decimal mean of the CSV text)")
    f1_text = grid("f1_buy", as_decimal=True)
    for c in CRYPTOS:
        for i, v in enumerate(VARIANTS):
            exact = sum(f1_text[v][c]) / 5
            target = Decimal(F1_MEANS[c][i])
            mean = np.mean(f1[v][c])
            check(exact == target and rounded(mean, 4) == target,
                  f"{c:9s} {v:17s} {exact.normalize()!s:>8} numpy {mean:.4f}  (target {target})")

    print("\n2. Paired deltas f1_buy (variant − none, n=25)")
    for v in FOCAL:
        d = deltas("f1_buy", v)
        mean = d.mean()
        dz = mean / d.std(ddof=1)
        t = stats.ttest_rel(np.array([f1[v][c][i] for c in CRYPTOS for i in range(5)]),
                            np.array([f1["none"][c][i] for c in CRYPTOS for i in range(5)]))
        low, high = pinned_bootstrap(d)
        sp = stats.bootstrap((d,), np.mean, n_resamples=10_000, method="percentile", confidence_level=0.95,
                             rng=np.random.default_rng(42)).confidence_interval
        tl, th = CI95[v]
        check(str(rounded(mean, 4)) == MEAN_DELTA[v], f"{v:17s} mean Δ {mean:.4f} (target {MEAN_DELTA[v]})")
        check(abs(dz - COHENS_D[v]) <= 0.02, f"{v:17s} d_z {dz:.4f} (target {COHENS_D[v]:.3f} ± 0.02; 3 decimals {rounded(dz, 3)})")
        check(abs(low - tl) <= 0.003 and abs(high - th) <= 0.003,
              f"{v:17s} CI95 SplitMix64 seed 42 [{low:.4f}, {high:.4f}] (target [{tl:.4f}, {th:.4f}] ± 0.003)")
        check(abs(sp.low - tl) <= 0.003 and abs(sp.high - th) <= 0.003,
              f"{v:17s} CI95 scipy.stats.bootstrap [{sp.low:.4f}, {sp.high:.4f}] (cross-check, ± 0.003)")
        check(RAW_P[v] / 1.5 < t.pvalue < RAW_P[v] * 1.5, f"{v:17s} ttest_rel p {t.pvalue:.3g} (target {RAW_P[v]:.3g} within ×1.5)")

    print("\n3. Joint metrics: mean paired Δ over 25 pairs (exact decimal, printed precision)")
    for column, (label, decimals, targets) in JOINT.items():
        text = grid(column, as_decimal=True)
        for v in FOCAL:
            exact = sum(text[v][c][i] - text["none"][c][i] for c in CRYPTOS for i in range(5)) / 25
            mean = deltas(column, v).mean()
            per_crypto = {c: float(np.mean([text[v][c][i] - text["none"][c][i] for i in range(5)])) for c in CRYPTOS}
            target = Decimal(targets[v])
            check(exact == target and rounded(mean, decimals) == target.quantize(Decimal(1).scaleb(-decimals))
                  and len(set(round(x, 6) for x in per_crypto.values())) == 5,
                  f"{label:14s} {v:17s} {mean:+.{decimals}f} (target {target:+}); per crypto "
                  + ", ".join(f"{x:+.{decimals + 1}f}" for x in per_crypto.values()))

    print("\n4. Stability: per-fold f1_buy variance (ddof=1)")
    variances = {(v, c): float(np.var(f1[v][c], ddof=1)) for v in VARIANTS for c in CRYPTOS}
    worst = max(((v, c) for v in FOCAL for c in CRYPTOS), key=variances.get)
    wv = variances[worst]
    check(worst == ("class_balanced", "OPUSDC") and abs(wv - 0.021) <= 0.0002 and f"{wv:.3f}" == "0.021",
          f"max {worst[0]} × {worst[1]} {wv:.4f} (target class_balanced × OPUSDC 0.021)")
    others = max(x for k, x in variances.items() if k != ("class_balanced", "OPUSDC"))
    check(others <= 0.019, f"every other cell ≤ 0.019: max {others:.4f}")
    for v in VARIANTS:
        print("     " + f"{v:17s} " + "  ".join(f"{variances[(v, c)]:.4f}" for c in CRYPTOS))

    print("\n5. Trades")
    trades = grid("n_trades")
    base = np.mean([x for c in CRYPTOS for x in trades["none"][c]])
    check(base == 47.4 and base < 50, f"none mean n_trades {base:.1f} (target 47.4)")
    check(any(x >= 50 for c in CRYPTOS for x in trades["none"][c]), "some baseline folds ≥ 50")
    for v in FOCAL:
        m = np.mean([x for c in CRYPTOS for x in trades[v][c]])
        check(33.5 <= m <= 34.5, f"{v:17s} mean n_trades {m:.1f} (target ≈ 34, in [33.5, 34.5])")

    print("\n6. Baseline sortino per crypto and total_return")
    sortino = grid("sortino")
    for c in CRYPTOS:
        s = np.mean(sortino["none"][c])
        check(0.5 <= s <= 3.5, f"{c:9s} none sortino {s:.3f} (target in [0.5, 3.5])")
    all_ret = [x for v in VARIANTS for c in CRYPTOS for x in ret[v][c]]
    print(f"     total_return range [{min(all_ret):.2f}, {max(all_ret):.2f}]")

    print()
    if failures:
        print(f"{len(failures)} target(s) missed")
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
