#!/usr/bin/env python3
"""Independent check of the Track 5 sample sweeps against the figures of the Track 5 page.

Reads dossiers/data/track5-label-smoothing.csv with the csv module (no project code, no pandas),
applies the house rule itself (one row per attempt; per run × factor × variant × crypto × fold,
the latest completed attempt by created_at counts; failed attempts are counted, never averaged)
and recomputes every figure with NumPy/SciPy: useful rows, retries and failures; per-crypto
means; the ECE zeros; paired deltas (scipy.stats.ttest_rel, Cohen's d_z with ddof=1); the
bootstrap CI95 (an exact replica of the project's pinned SplitMix64 percentile bootstrap, with
scipy.stats.bootstrap as a cross-check); BH (scipy.stats.false_discovery_control); Δsortino,
Δexpectancy, trades and the per-fold f1_buy variance (numpy var ddof=1). Prints each figure next
to its target and exits 1 if any target is missed.

    python3 src/test/python/check_track5_sample.py [path/to/track5-label-smoothing.csv]
"""

import csv
import math
import sys
from collections import defaultdict
from datetime import datetime
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

import numpy as np
from scipy import stats

DEFAULT = Path(__file__).resolve().parents[3] / "dossiers" / "data" / "track5-label-smoothing.csv"

RUN_1 = "ftf_20260428_181144_3163de"
RUN_2 = "ftf_20260429_163445_5a99ff_ATR0.5_1.5_H4"
RUN_2_START = datetime.fromisoformat("2026-04-29T16:34:45+00:00")
RUN_1_START = datetime.fromisoformat("2026-04-28T18:11:44+00:00")
CRYPTOS = ["AAVEUSDC", "ARBUSDC", "LDOUSDC", "OPUSDC", "UNIUSDC"]
FOLDS = [1, 2, 3, 4, 5]
SMOOTHING = ["none", "mild", "aggressive"]
CLEANLAB = ["off", "filter", "reweight"]
METRICS = ["f1_buy", "sortino", "total_return", "n_trades", "ece", "expectancy_net", "max_drawdown"]

# Run 1, label_smoothing: per-crypto means over the counted folds, as printed on the page:
# f1_buy, sortino, total_return, n_trades, ece.
LS_MEANS = {
    "AAVEUSDC": {"none": ("0.4271", "0.075", "0.31", "36", "0.0363"),
                 "mild": ("0.3949", "0.033", "-1.19", "31", "0"),
                 "aggressive": ("0.3644", "0.108", "1.50", "32", "0")},
    "ARBUSDC": {"none": ("0.4436", "3.252", "68.52", "70", "0.0385"),
                "mild": ("0.3918", "3.298", "65.95", "59", "0"),
                "aggressive": ("0.3783", "2.472", "51.55", "46", "0")},
    "LDOUSDC": {"none": ("0.3943", "2.070", "50.55", "34", "0.0500"),
                "mild": ("0.3476", "1.996", "53.97", "25", "0"),
                "aggressive": ("0.2994", "2.071", "48.75", "29", "0")},
    "OPUSDC": {"none": ("0.3806", "1.993", "37.56", "72", "0.0645"),
               "mild": ("0.2773", "2.004", "32.24", "42", "0"),
               "aggressive": ("0.3111", "1.391", "27.08", "35", "0")},
    "UNIUSDC": {"none": ("0.4120", "1.997", "46.49", "64", "0.0396"),
                "mild": ("0.3414", "1.372", "27.63", "29", "0"),
                "aggressive": ("0.3362", "1.479", "29.38", "22", "0")},
}
LS_USEFUL = {"none": 34, "mild": 25, "aggressive": 25}
LS_MEAN_DELTA = {"mild": "-0.0609", "aggressive": "-0.0736"}  # what the means imply (not the page's)
LS_DZ = {"mild": -1.11, "aggressive": -1.82}

# Run 1, cleanlab (first attempt).
CL1_USEFUL = {"off": 35, "filter": 0, "reweight": 0}
CL1_OFF_CELLS = {(c, f) for c in CRYPTOS[:3] for f in FOLDS} | {("OPUSDC", f) for f in (1, 2, 3)} | {
    ("UNIUSDC", f) for f in (1, 2)}

# Run 2, cleanlab re-run.
CL_F1 = {
    "AAVEUSDC": ("0.4586", "0.4141", "0.3775"),
    "ARBUSDC": ("0.4552", "0.3904", "0.4121"),
    "LDOUSDC": ("0.4124", "0.2681", "0.2952"),
    "OPUSDC": ("0.3891", "0.2973", "0.3160"),
    "UNIUSDC": ("0.4514", "0.3548", "0.3566"),
}
CL_MEAN_DELTA = {"filter": "-0.0811", "reweight": "-0.0762"}
CL_DZ = {"filter": -1.21, "reweight": -1.38}
CL_CI = {"filter": (-0.109, -0.057), "reweight": (-0.099, -0.056)}
CL_BH = {"filter": 4.87e-06, "reweight": 1.36e-06}
CL_RAW_P = {"filter": 4.87e-06, "reweight": 6.8e-07}
CL_D_SORTINO = {"filter": "-0.19", "reweight": "-0.34"}
CL_TRADES = {"filter": "35.5", "reweight": "31.4"}
CL_MAX_VAR = {"filter": "0.025", "reweight": "0.017"}

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


def number(text):
    """A metric cell: empty (never computed) reads as NaN."""
    return float(text) if text != "" else math.nan


def resolve(rows, run, factor, variant):
    """{(crypto, fold): counted row} by the latest completed attempt, plus every attempt by cell."""
    attempts = defaultdict(list)
    for r in rows:
        if r["run_id"] == run and r["factor"] == factor and r["variant"] == variant:
            attempts[(r["crypto"], int(r["fold"]))].append(r)
    counted = {}
    for cell, rs in attempts.items():
        done = [r for r in rs if r["status"] == "completed"]
        if done:
            counted[cell] = max(done, key=lambda r: r["_at"])
    return counted, attempts


def useful(r):
    return r["status"] == "completed" and r["n_trades"] != "" and int(r["n_trades"]) > 0


def failed_attempt_is_empty(r):
    return all(r[m] == "" for m in METRICS) and r["status"] != "completed"


def dec_mean(texts):
    return sum(Decimal(t) for t in texts) / len(texts)


def paired(base, variant, metric):
    """Deltas variant − base over the cells both have usable (completed, trades > 0, finite),
    ordered by crypto then fold, with the cells left out."""
    deltas, kept, left = [], [], []
    for c in CRYPTOS:
        for f in FOLDS:
            b, v = base.get((c, f)), variant.get((c, f))
            ok = all(x is not None and useful(x) and math.isfinite(number(x["f1_buy"])) for x in (b, v))
            if ok:
                deltas.append(number(v[metric]) - number(b[metric]))
                kept.append((c, f))
            else:
                left.append((c, f))
    return np.array(deltas), kept, left


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["_at"] = datetime.fromisoformat(r["created_at"])
    print(f"{path}: {len(rows)} rows")
    run1 = [r for r in rows if r["run_id"] == RUN_1]
    run2 = [r for r in rows if r["run_id"] == RUN_2]
    check(len(run1) == 125 and len(run2) == 76 and len(rows) == 201,
          f"rows: run 1 {len(run1)} (84 label_smoothing + 41 cleanlab), run 2 {len(run2)} (target 76)")
    check(all(RUN_1_START < r["_at"] < RUN_2_START for r in run1), "run 1 attempts between its start and run 2's")
    check(all(RUN_2_START < r["_at"] < datetime.fromisoformat("2026-04-30T00:00:00+00:00") for r in run2),
          "run 2 attempts on 2026-04-29 after its start")
    check(len({r["created_at"] for r in rows}) == len(rows), "no two attempts at the same instant")

    # ---- Run 1, label_smoothing ---------------------------------------------------------------
    print("\n1. Run 1 label_smoothing: useful rows, retries")
    ls = {v: resolve(rows, RUN_1, "label_smoothing", v) for v in SMOOTHING}
    for v in SMOOTHING:
        counted, attempts = ls[v]
        all_rows = [r for rs in attempts.values() for r in rs]
        n_useful = sum(useful(r) for r in all_rows)
        retried = sum(len(rs) > 1 for rs in attempts.values())
        check(n_useful == LS_USEFUL[v] and len(all_rows) == LS_USEFUL[v] and len(counted) == 25
              and set(counted) == {(c, f) for c in CRYPTOS for f in FOLDS}
              and retried == (9 if v == "none" else 0),
              f"{v:10s} useful {n_useful} (target {LS_USEFUL[v]}), cells {len(counted)}, retried cells {retried}")
        if v == "none":
            superseded = [r for cell, rs in attempts.items() for r in rs if r is not counted[cell]]
            check(len(superseded) == 9 and all(useful(r) for r in superseded)
                  and all(r["_at"] < counted[(r["crypto"], int(r["fold"]))]["_at"] for r in superseded)
                  and all(r["f1_buy"] != counted[(r["crypto"], int(r["fold"]))]["f1_buy"] for r in superseded),
                  "none: 9 superseded attempts, completed and useful, earlier and different from the counted ones")

    print("\n2. Run 1 label_smoothing: per-crypto means of the counted attempts (exact decimal of the CSV text)")
    for c in CRYPTOS:
        for v in SMOOTHING:
            counted = ls[v][0]
            cells = [counted[(c, f)] for f in FOLDS]
            targets = LS_MEANS[c][v]
            got = []
            ok = True
            for metric, target, decimals in zip(["f1_buy", "sortino", "total_return", "n_trades", "ece"], targets,
                                                [4, 3, 2, 0, 4]):
                exact = dec_mean([r[metric] for r in cells])
                mean = np.mean([float(r[metric]) for r in cells])
                ok &= exact == Decimal(target) and rounded(mean, decimals) == Decimal(target).quantize(
                    Decimal(1).scaleb(-decimals))
                got.append(f"{mean:.{decimals}f}")
            check(ok, f"{c:9s} {v:10s} " + " ".join(f"{g:>7s}" for g in got) + "  (target " + " ".join(targets) + ")")

    print("\n3. Run 1 label_smoothing: ECE")
    soft = [r for rs in list(ls["mild"][1].values()) + list(ls["aggressive"][1].values()) for r in rs]
    zeros = [r for r in soft if r["ece"] == "0" and float(r["ece"]) == 0.0 and math.copysign(1, float(r["ece"])) > 0]
    check(len(soft) == 50 and len(zeros) == 50, f"every mild/aggressive row has ece exactly +0.0: {len(zeros)}/{len(soft)}")
    base_ece = [float(r["ece"]) for rs in ls["none"][1].values() for r in rs]
    check(all(0.02 <= x <= 0.08 for x in base_ece) and len(set(base_ece)) >= 20,
          f"none: ece in [{min(base_ece):.4f}, {max(base_ece):.4f}], {len(set(base_ece))} distinct values over {len(base_ece)} rows")

    print("\n4. Run 1 label_smoothing: paired f1_buy deltas (variant − none, n=25)")
    for v in ["mild", "aggressive"]:
        d, kept, left = paired(ls["none"][0], ls[v][0], "f1_buy")
        dz = d.mean() / d.std(ddof=1)
        check(len(d) == 25 and not left, f"{v:10s} pairs {len(d)}")
        check(str(rounded(d.mean(), 4)) == LS_MEAN_DELTA[v],
              f"{v:10s} mean Δ {d.mean():.4f} (= mean of the per-crypto differences, {LS_MEAN_DELTA[v]})")
        check(abs(dz - LS_DZ[v]) <= 0.05, f"{v:10s} d_z {dz:.3f} (target {LS_DZ[v]} ± 0.05)")
        check(all(np.mean(d[5 * i:5 * i + 5]) < 0 for i in range(5)), f"{v:10s} every crypto regresses")

    print("\n5. Run 1 label_smoothing: plausibility")
    counted_rows = [r for v in SMOOTHING for r in ls[v][0].values()]
    var_trades = [int(r["n_trades"]) for v in ("mild", "aggressive") for r in ls[v][0].values()]
    check(sum(t < 50 for t in var_trades) >= 0.8 * len(var_trades),
          f"variants' n_trades per fold < 50 on {sum(t < 50 for t in var_trades)}/{len(var_trades)} folds")
    dd = [float(r["max_drawdown"]) for r in counted_rows]
    ex = [float(r["expectancy_net"]) for r in counted_rows]
    f1 = [float(r["f1_buy"]) for r in counted_rows]
    check(0 < min(dd) and max(dd) < 40, f"max_drawdown in [{min(dd):.2f}, {max(dd):.2f}] %")
    check(-50 < min(ex) and max(ex) < 250, f"expectancy_net in [{min(ex):.1f}, {max(ex):.1f}] bp")
    check(0 < min(f1) and max(f1) < 1, f"f1_buy in [{min(f1):.4f}, {max(f1):.4f}]")
    for v in ["mild", "aggressive"]:
        dex, _, _ = paired(ls["none"][0], ls[v][0], "expectancy_net")
        check(dex.mean() < 0, f"{v:10s} mean Δexpectancy {dex.mean():+.2f} bp (page: expectancy below baseline)")

    # ---- Run 1, cleanlab ----------------------------------------------------------------------
    print("\n6. Run 1 cleanlab (first, partial attempt)")
    cl1 = {v: resolve(rows, RUN_1, "cleanlab", v) for v in CLEANLAB}
    off_counted, off_attempts = cl1["off"]
    off_rows = [r for rs in off_attempts.values() for r in rs]
    check(sum(useful(r) for r in off_rows) == 35 and len(off_rows) == 35 and set(off_counted) == CL1_OFF_CELLS
          and sum(len(rs) - 1 for rs in off_attempts.values()) == 15,
          f"off: useful {sum(useful(r) for r in off_rows)} (target 35), cells {len(off_counted)} (target 20), "
          f"superseded {sum(len(rs) - 1 for rs in off_attempts.values())} (target 15)")
    for v in ["filter", "reweight"]:
        counted, attempts = cl1[v]
        all_rows = [r for rs in attempts.values() for r in rs]
        check(len(all_rows) == 3 and not counted and sum(useful(r) for r in all_rows) == 0
              and all(r["status"] == "failed" and failed_attempt_is_empty(r) for r in all_rows)
              and set(attempts) == {("AAVEUSDC", f) for f in (1, 2, 3)},
              f"{v:8s}: {len(all_rows)} attempts, all status failed with empty metrics, useful 0, on AAVEUSDC folds 1–3")

    # ---- Run 2 --------------------------------------------------------------------------------
    print("\n7. Run 2 cleanlab re-run: attempts")
    cl = {v: resolve(rows, RUN_2, "cleanlab", v) for v in CLEANLAB}
    cells = {(v,) + cell: rs for v in CLEANLAB for cell, rs in cl[v][1].items()}
    retried = {k: rs for k, rs in cells.items() if len(rs) > 1}
    failed = [r for r in run2 if r["status"] != "completed"]
    check(len(cells) == 75 and len(retried) == 1, f"cells {len(cells)} (target 75), retried {list(retried)}")
    (rk, rrs), = retried.items()
    check(rk != ("off", "UNIUSDC", 3) and len(rrs) == 2 and all(useful(r) for r in rrs),
          "the retry: both attempts completed and useful, not off × UNIUSDC fold 3")
    check(len(failed) == 1 and failed[0]["variant"] == "off" and failed[0]["crypto"] == "UNIUSDC"
          and failed[0]["fold"] == "3" and failed[0]["status"] == "training_failed" and failed_attempt_is_empty(failed[0])
          and len(cells[("off", "UNIUSDC", 3)]) == 1,
          "off × UNIUSDC fold 3: single attempt, training_failed, empty metrics")
    check(sum(useful(r) for r in run2) == 75, f"useful rows {sum(useful(r) for r in run2)} (target 75)")

    print("\n8. Run 2: per-crypto mean f1_buy over the counted completed folds (exact decimal)")
    for c in CRYPTOS:
        got = []
        ok = True
        for i, v in enumerate(CLEANLAB):
            counted = cl[v][0]
            texts = [counted[(c, f)]["f1_buy"] for f in FOLDS if (c, f) in counted]
            exact = dec_mean(texts)
            ok &= exact == Decimal(CL_F1[c][i]) and len(texts) == (4 if (v, c) == ("off", "UNIUSDC") else 5)
            got.append(f"{np.mean([float(t) for t in texts]):.4f}")
        check(ok, f"{c:9s} " + "  ".join(got) + "  (target " + " ".join(CL_F1[c]) + ")")

    print("\n9. Run 2: paired f1_buy (variant − off, n=24)")
    raw = {}
    for v in ["filter", "reweight"]:
        d, kept, left = paired(cl["off"][0], cl[v][0], "f1_buy")
        exact = sum(Decimal(cl[v][0][k]["f1_buy"]) - Decimal(cl["off"][0][k]["f1_buy"]) for k in kept) / len(kept)
        dz = d.mean() / d.std(ddof=1)
        t = stats.ttest_rel(np.array([float(cl[v][0][k]["f1_buy"]) for k in kept]),
                            np.array([float(cl["off"][0][k]["f1_buy"]) for k in kept]))
        raw[v] = t.pvalue
        low, high = pinned_bootstrap(d)
        sp = stats.bootstrap((d,), np.mean, n_resamples=10_000, method="percentile", confidence_level=0.95,
                             rng=np.random.default_rng(42)).confidence_interval
        tl, th = CL_CI[v]
        check(len(d) == 24 and left == [("UNIUSDC", 3)], f"{v:8s} pairs {len(d)}, left out {left}")
        check(exact == Decimal(CL_MEAN_DELTA[v]) and str(rounded(d.mean(), 4)) == CL_MEAN_DELTA[v],
              f"{v:8s} mean Δ {d.mean():.4f} exact {exact.normalize()} (target {CL_MEAN_DELTA[v]})")
        check(abs(dz - CL_DZ[v]) <= 0.02, f"{v:8s} d_z {dz:.4f} (target {CL_DZ[v]} ± 0.02)")
        check(abs(low - tl) <= 0.003 and abs(high - th) <= 0.003,
              f"{v:8s} CI95 SplitMix64 seed 42 [{low:.4f}, {high:.4f}] (target [{tl}, {th}] ± 0.003)")
        check(abs(sp.low - tl) <= 0.003 and abs(sp.high - th) <= 0.003,
              f"{v:8s} CI95 scipy.stats.bootstrap [{sp.low:.4f}, {sp.high:.4f}] (cross-check, ± 0.003)")
        check(CL_RAW_P[v] / 1.5 < t.pvalue < CL_RAW_P[v] * 1.5,
              f"{v:8s} ttest_rel p {t.pvalue:.3g} (≈ {CL_RAW_P[v]:.3g} within ×1.5)")
        per_crypto = [np.mean([x for x, k in zip(d, kept) if k[0] == c]) for c in CRYPTOS]
        check(all(x < 0 for x in per_crypto), f"{v:8s} every crypto regresses: " + ", ".join(f"{x:+.4f}" for x in per_crypto))
    bh = stats.false_discovery_control([raw["filter"], raw["reweight"]], method="bh")
    for v, p in zip(["filter", "reweight"], bh):
        check(CL_BH[v] / 1.5 < p < CL_BH[v] * 1.5, f"{v:8s} BH p (m=2) {p:.3g} (target {CL_BH[v]:.3g} within ×1.5)")

    print("\n10. Run 2: joint metrics, trades, stability")
    for v in ["filter", "reweight"]:
        ds, kept, _ = paired(cl["off"][0], cl[v][0], "sortino")
        check(str(rounded(ds.mean(), 2)) == CL_D_SORTINO[v], f"{v:8s} mean Δsortino {ds.mean():+.4f} (target {CL_D_SORTINO[v]})")
        de, _, _ = paired(cl["off"][0], cl[v][0], "expectancy_net")
        check(de.mean() < 0, f"{v:8s} mean Δexpectancy {de.mean():+.2f} bp (target < 0)")
        dd, _, _ = paired(cl["off"][0], cl[v][0], "max_drawdown")
        print(f"     {v:8s} mean Δmax_drawdown {dd.mean():+.2f} %")
        trades = [int(r["n_trades"]) for r in cl[v][0].values()]
        m = np.mean(trades)
        check(len(trades) == 25 and str(rounded(m, 1)) == CL_TRADES[v], f"{v:8s} mean n_trades {m:.2f} (target {CL_TRADES[v]})")
        variances = {c: float(np.var([float(cl[v][0][(c, f)]["f1_buy"]) for f in FOLDS], ddof=1)) for c in CRYPTOS}
        worst = max(variances, key=variances.get)
        check(str(rounded(variances[worst], 3)) == CL_MAX_VAR[v],
              f"{v:8s} max fold variance {variances[worst]:.4f} on {worst} (target {CL_MAX_VAR[v]}); "
              + ", ".join(f"{c[:3]} {x:.4f}" for c, x in variances.items()))
    run2_done = [r for r in run2 if r["status"] == "completed"]
    dd = [float(r["max_drawdown"]) for r in run2_done]
    ex = [float(r["expectancy_net"]) for r in run2_done]
    ece = [float(r["ece"]) for r in run2_done]
    f1 = [float(r["f1_buy"]) for r in run2_done]
    check(0 < min(dd) and max(dd) < 40 and -20 < min(ex) and max(ex) < 100 and 0.02 <= min(ece) and max(ece) <= 0.08
          and 0 < min(f1) < max(f1) < 1,
          f"plausible: max_drawdown [{min(dd):.2f}, {max(dd):.2f}] %, expectancy [{min(ex):.1f}, {max(ex):.1f}] bp, "
          f"ece [{min(ece):.4f}, {max(ece):.4f}], f1_buy [{min(f1):.4f}, {max(f1):.4f}]")

    print()
    if failures:
        print(f"{len(failures)} target(s) missed")
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
