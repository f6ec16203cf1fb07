#!/usr/bin/env python3
"""The Python/SciPy peer of `dossier generate track6`: the same job, done the way a data scientist
would script it, so that bench/compare.sh can set the Java tool's whole-process time against it.

It reads the spec (PyYAML) and the snapshot it names (the csv module: pandas is not installed on
these machines, and importing it would only add start-up time), and then does what dossier does:

* attempts: the latest completed attempt of each crypto x fold cell counts (ties on created_at go
  to the later run id); failed attempts are counted; useful rows have n_trades > 0;
* per crypto and variant: the mean and sample variance of every metric over the useful folds;
* pairs: variant and baseline rows of the same crypto x fold; the paired deltas of every metric;
* per variant: percentile bootstrap CI95 of the mean delta (10,000 resamples, a NumPy Generator
  seeded 42: not dossier's SplitMix64, so the bounds differ in the fourth decimal), Cohen's d_z,
  the paired t-test (scipy.stats.ttest_rel), BH over the variants (scipy.stats.false_discovery_control);
* per variant, the figures that do not take the crypto x fold pairs as independent: the paired
  t-test corrected within each crypto (Nadeau-Bengio; scipy.stats.t) with its CI95 and its
  interval at 1 - 0.05/m (Bonferroni over the m variants), the posterior P(delta > +g) (Student t,
  flat prior), the power at +g (scipy.stats.nct) and MDE80 (scipy.optimize.brentq); the one-sided
  sign test of gate 4 (scipy.stats.binomtest);
* anomalies: missing cells, zero-trade rows, non-finite values, a metric constant to the bit;
* the six gates of F1_BUY_BOOST_PLAN.md section 6, decided on the numbers as printed (decimal,
  half up), gate 1 with the LOCK rule (the corrected interval at 1 - 0.05/m above 0), with the
  readiness file's six sections checked;
* the SHA-256 of the rows in canonical order, two SVG figures (means per crypto, forest plot),
  and the Markdown dossier rendered from a Jinja2 template (dossier uses FreeMarker), its tables
  checked, each generated block closed by a marker with the SHA-1 checksum of its content, each
  file written to a temporary name and renamed into place.

The Markdown has the same sections and tables as dossier's; it is not byte-identical, and it need
not be: what matters for the bench is that it does the same work.

Usage: python3 bench/peer/track6.py [--project DIR] [--spec dossiers/track6.yaml] [--out-dir DIR]
"""

import argparse
import csv
import hashlib
import math
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from pathlib import Path

import jinja2
import numpy as np
import yaml
from scipy import optimize, stats

METRICS = ["f1_buy", "sortino", "total_return", "n_trades", "ece", "expectancy_net", "max_drawdown"]
CHECKED = [m for m in METRICS if m != "n_trades"]  # a count may be constant without being broken
COLUMNS = ["run_id", "factor", "variant", "crypto", "fold", "status"] + METRICS + ["created_at"]
PLAN = {"f1_lift": {"min_delta": 0.015, "min_pairs": 10, "corrected": True, "test_train_ratio": None},
        "joint": {"min_expectancy": 0, "min_sortino": 0, "max_drawdown": 1},
        "stability": {"max_variance": 0.05},
        "per_asset": {"min_share": 0.8},
        "sample_size": {"min_trades": 50}}
ALPHA = 0.05  # the level of the corrected test, of its intervals and of the power
TARGET_POWER = 0.8  # the power MDE80 asks for
READINESS_SECTIONS = ["Model card", "Data lineage", "Reproducibility", "Monitoring", "Rollback plan", "Sign-off"]


class Refused(Exception):
    """Bad input: one line naming the file and what is wrong."""


@dataclass(frozen=True)
class Row:
    run_id: str
    factor: str
    variant: str
    crypto: str
    fold: int
    status: str
    metrics: dict
    created_at: datetime
    line: int

    @property
    def completed(self):
        return self.status == "completed"

    @property
    def useful(self):
        return self.completed and self.metrics["n_trades"] > 0


# ---- rows ------------------------------------------------------------------------------------------

def read_rows(path):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f, strict=True)
        header = next(reader, None)
        if header != COLUMNS:
            raise Refused(f"{path}:1: the header is not {','.join(COLUMNS)}")
        for record in reader:
            line = reader.line_num
            if len(record) != len(COLUMNS):
                raise Refused(f"{path}:{line}: {len(record)} fields where the header has {len(COLUMNS)}")
            v = dict(zip(COLUMNS, record))
            try:
                metrics = {m: (int(v[m]) if m == "n_trades" else float(v[m])) for m in METRICS}
                created = datetime.fromisoformat(v["created_at"].replace("Z", "+00:00"))
                fold = int(v["fold"])
            except ValueError as e:
                raise Refused(f"{path}:{line}: {e}; fix the value or re-export the snapshot") from None
            rows.append(Row(v["run_id"], v["factor"], v["variant"], v["crypto"], fold, v["status"], metrics,
                            created, line))
    keys = set()
    for r in rows:
        key = (r.run_id, r.factor, r.variant, r.crypto, r.fold, r.created_at)
        if key in keys:
            raise Refused(f"{path}:{r.line}: the same attempt twice ({r.variant}, {r.crypto}, fold {r.fold})")
        keys.add(key)
    return rows


def canonical_digest(rows):
    """SHA-256 of the rows as CSV in canonical order, as the provenance line names them: numbers in
    their shortest plain form (47, not 47.0; 0.00001, not 1e-05), times as Java's Instant prints them
    (UTC, the fraction in groups of three digits), so that the digest is dossier's."""
    lines = [",".join(COLUMNS)]
    for r in sorted(rows, key=lambda r: (r.run_id, r.factor, r.variant, r.crypto, r.fold, r.created_at, r.status)):
        values = [r.run_id, r.factor, r.variant, r.crypto, str(r.fold), r.status]
        values += [number(r.metrics[m]) for m in METRICS]
        values.append(instant(r.created_at))
        lines.append(",".join(values))
    return hashlib.sha256(("\n".join(lines) + "\n").encode()).hexdigest()


def number(x):
    if isinstance(x, int):
        return str(x)
    if not math.isfinite(x):
        return "NaN" if math.isnan(x) else ("Infinity" if x > 0 else "-Infinity")
    return "0" if x == 0 else f"{Decimal(repr(x)).normalize():f}"


def instant(t):
    t = t.astimezone(timezone.utc)
    us = t.microsecond
    fraction = "" if us == 0 else (f".{us // 1000:03d}" if us % 1000 == 0 else f".{us:06d}")
    return t.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def run_id_key(run_id):
    """Run ids as people read them: runs of digits compared as numbers."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", run_id) if p]


def resolve(rows, branch):
    """Per variant: the counted row of each (crypto, fold), failed attempts and retries."""
    runs, cryptos = set(branch["runs"]), set(branch["cryptos"])
    sweep = {}
    for name in [v["name"] for v in branch["variants"]]:
        cells = {}
        for r in rows:
            if r.factor == branch["factor"] and r.run_id in runs and r.crypto in cryptos and r.variant == name:
                cells.setdefault((r.crypto, r.fold), []).append(r)
        latest = lambda r: (r.created_at, run_id_key(r.run_id), r.status)  # noqa: E731
        counted = {}
        for cell, attempts in sorted(cells.items()):
            done = [r for r in attempts if r.completed]
            if done:
                counted[cell] = max(done, key=latest)
        sweep[name] = {
            "counted": counted,
            "rows": sum(len(a) for a in cells.values()),
            "failed": sum(1 for a in cells.values() for r in a if not r.completed),
            "retries": sum(len(a) - 1 for a in cells.values()),
        }
    return sweep


# ---- statistics --------------------------------------------------------------------------------------

def summarise(sweep, cryptos):
    out = {}
    for variant, s in sweep.items():
        out[variant] = {}
        for c in cryptos:
            useful = [r for (cc, _), r in s["counted"].items() if cc == c and r.useful]
            values = {m: np.array([r.metrics[m] for r in useful], dtype=float) for m in METRICS}
            out[variant][c] = {
                "n": len(useful),
                "mean": {m: float(v.mean()) if v.size else math.nan for m, v in values.items()},
                "var": {m: float(v.var(ddof=1)) if v.size > 1 else math.nan for m, v in values.items()},
            }
    return out


def compare(sweep, baseline, variant, cryptos, folds, boot, family):
    base, var = sweep[baseline]["counted"], sweep[variant]["counted"]
    pairs, excluded, by_crypto = [], [], {}
    for c in cryptos:
        by_crypto[c] = []
        for f in folds:
            b, v = base.get((c, f)), var.get((c, f))
            if b is None or v is None:
                excluded.append(((c, f), "has no row"))
            elif b.metrics["n_trades"] == 0 or v.metrics["n_trades"] == 0:
                excluded.append(((c, f), "made no trade"))
            elif not (math.isfinite(b.metrics["f1_buy"]) and math.isfinite(v.metrics["f1_buy"])):
                excluded.append(((c, f), "f1_buy is not finite"))
            else:
                pairs.append((b, v))
                by_crypto[c].append((b, v))
    delta = lambda ps, m: np.array([v.metrics[m] - b.metrics[m] for b, v in ps], dtype=float)  # noqa: E731
    mean_delta = {m: float(delta(pairs, m).mean()) if pairs else math.nan for m in METRICS}
    per_crypto = {c: float(delta(ps, "f1_buy").mean()) if ps else math.nan for c, ps in by_crypto.items()}
    d = delta(pairs, "f1_buy")
    result = {"variant": variant, "pairs": len(pairs), "excluded": excluded, "mean_delta": mean_delta,
              "per_crypto": per_crypto, "ci": None, "d": math.nan, "p": math.nan, "p_bh": math.nan}
    scale = max((max(abs(b.metrics["f1_buy"]), abs(v.metrics["f1_buy"])) for b, v in pairs), default=0.0)
    if d.size >= 2 and d.std(ddof=1) > 64 * np.spacing(scale):
        rng = np.random.default_rng(boot["seed"])
        means = d[rng.integers(0, d.size, size=(boot["resamples"], d.size))].mean(axis=1)
        tail = 100 * (1 - boot["level"]) / 2
        low, high = np.percentile(means, [tail, 100 - tail], method="linear")
        result["ci"] = (float(low), float(high))
        result["d"] = float(d.mean() / d.std(ddof=1))
        base_f1 = np.array([b.metrics["f1_buy"] for b, _ in pairs])
        result["p"] = float(stats.ttest_rel(base_f1 + d, base_f1).pvalue)
    result["corrected"] = corrected([delta(ps, "f1_buy") for ps in by_crypto.values()], scale,
                                    test_train_ratio(folds), PLAN["f1_lift"]["min_delta"], family)
    # Gate 4's count, and how likely it is when each crypto is a coin toss.
    result["improved"] = sum(1 for x in per_crypto.values() if math.isfinite(x) and printed(x, 4) > 0)
    result["sign_p"] = float(stats.binomtest(result["improved"], len(per_crypto), 0.5, alternative="greater").pvalue)
    return result


def test_train_ratio(folds):
    """r = n_test / n_train: the plan's, or k-fold's 1/(k - 1); undefined for a single fold."""
    return PLAN["f1_lift"]["test_train_ratio"] or (1 / (len(folds) - 1) if len(folds) > 1 else math.nan)


def corrected(groups, scale, ratio, rope, family):
    """The paired t-test corrected within each crypto (Nadeau & Bengio 2003), the cryptos independent:
    SE^2 = sum (n_c/N)^2 (1/n_c + r) s_c^2, df = sum (n_c - 1). With it, the posterior of the mean delta
    under a flat prior (Student t, the correlated Bayesian t-test), the power of the two-sided test at
    +g and MDE80. A string says why the figures are undefined."""
    groups = [d for d in groups if d.size]
    if not groups or any(d.size < 2 for d in groups):
        return "a crypto has a single pair, so its variance is unknown"
    n = sum(d.size for d in groups)
    mean = sum(d.sum() for d in groups) / n
    se = math.sqrt(sum((d.size / n) ** 2 * (1 / d.size + ratio) * d.var(ddof=1) for d in groups))
    if se <= 64 * np.spacing(scale):
        return "the deltas are all equal within each crypto (SE 0)"
    df = sum(d.size - 1 for d in groups)
    q = stats.t.isf(ALPHA / 2, df)
    q_family = stats.t.isf(ALPHA / 2 / family, df)

    def power(ncp):
        return stats.nct.sf(q, df, ncp) + stats.nct.cdf(-q, df, ncp)

    high = 1.0
    while power(high) < TARGET_POWER:
        high *= 2
    mde80 = optimize.brentq(lambda ncp: power(ncp) - TARGET_POWER, 0, high, xtol=1e-15, rtol=1e-15) * se
    return {"p": float(2 * stats.t.sf(abs(mean / se), df)),
            "ci": (mean - q * se, mean + q * se),
            "ci_family": (mean - q_family * se, mean + q_family * se),
            "p_better": float(stats.t.sf(rope, df, loc=mean, scale=se)),
            "power": float(power(rope / se)), "mde80": float(mde80)}


def adjust_bh(comparisons):
    ps = np.array([1.0 if math.isnan(c["p"]) else c["p"] for c in comparisons])
    for c, q in zip(comparisons, stats.false_discovery_control(ps, method="bh")):
        if not math.isnan(c["p"]):
            c["p_bh"] = float(q)


def anomalies(sweep, baseline, cryptos, folds):
    out = []
    for variant, s in sweep.items():
        counted = s["counted"]
        missing = [(c, f) for c in cryptos for f in folds if (c, f) not in counted]
        if missing:
            out.append((variant, None, "no completed attempt", missing))
        zero = [cell for cell, r in counted.items() if r.metrics["n_trades"] == 0]
        if zero:
            out.append((variant, None, "completed without a trade", zero))
        for m in CHECKED:
            bad = [cell for cell, r in counted.items() if not math.isfinite(r.metrics[m])]
            if bad:
                out.append((variant, m, "not finite", bad))
            bits = {np.float64(r.metrics[m] + 0.0).tobytes() for r in counted.values()}
            base_bits = {np.float64(r.metrics[m] + 0.0).tobytes() for r in sweep[baseline]["counted"].values()
                         if math.isfinite(r.metrics[m])}
            if variant != baseline and len(counted) >= 2 and len(bits) == 1 and len(base_bits) > 1:
                out.append((variant, m, "the same value on every row", sorted(counted)))
    return out


# ---- gates ---------------------------------------------------------------------------------------------

def printed(x, decimals):
    """The number as the dossier prints it: decimal, half up."""
    return Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


# The new figures are printed as dossier prints them (Java's Formatter: the shortest decimal of the
# double, rounded half up), not with '%.2e', which rounds the binary value: the double of 2.345e-06
# is 2.34499999...e-06, which Java prints 2.35e-06 and '%.2e' 2.34e-06.

def fixed(x, decimals):
    """0.0393, -0.0976; n/a when undefined; no sign on a value that rounds to 0."""
    if not math.isfinite(x):
        return "n/a"
    value = printed(x, decimals)
    return str(abs(value) if value == 0 else value)


def sci(x):
    """4.15e-05: a p-value, three significant digits."""
    if not math.isfinite(x):
        return "n/a"
    d = Decimal(repr(float(x)))
    if d == 0:
        return "0.00e+00"
    exponent = d.adjusted()
    mantissa = d.scaleb(-exponent).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if abs(mantissa) >= 10:  # 9.995e-05 rounds up to 1.00e-04
        exponent += 1
        mantissa = d.scaleb(-exponent).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{mantissa}e{exponent:+03d}"


def probability(x):
    """A posterior mass, 3 decimals; one that would print 0.000 or 1.000 is a bound, neither impossible nor certain."""
    if not math.isfinite(x):
        return "n/a"
    return "≤ 0.001" if x < 0.0005 else ("≥ 0.999" if x >= 0.9995 else fixed(x, 3))


def plain(x):
    """0.25, 98.75, 0.015: a setting, at most 3 decimals, no trailing zeros."""
    return f"{printed(x, 3).normalize():f}"


def readiness(path):
    if not path.is_file():
        return ("WARN", f"cannot evaluate: {path.name} is missing", 0)
    text = path.read_text(encoding="utf-8")
    sections = {}
    for block in re.split(r"^## +", text, flags=re.M)[1:]:
        title, _, body = block.partition("\n")
        sections[re.sub(r"^\d+\.\s*", "", title.strip())] = body.strip()
    done = [s for s in READINESS_SECTIONS if sections.get(s)]
    status = "PASS" if len(done) == len(READINESS_SECTIONS) else "FAIL"
    return (status, f"{path.name} complete ({len(done)} of {len(READINESS_SECTIONS)} sections)", len(done))


def gates(c, summaries, sweep, baseline, spoiled, ready):
    results = []
    # 1 F1_buy lift
    if c["pairs"] < PLAN["f1_lift"]["min_pairs"] or c["ci"] is None or "f1_buy" in spoiled:
        results.append(("WARN", "cannot evaluate"))
    else:
        delta, low, high = (printed(x, 4) for x in (c["mean_delta"]["f1_buy"], *c["ci"]))
        ok = delta >= Decimal(str(PLAN["f1_lift"]["min_delta"])) and low > 0
        direction = " (significant in WRONG direction)" if high < 0 else ("" if low > 0 else " (CI95 includes 0)")
        evidence = f"Δ = {delta:+}, CI95 [{low:+}, {high:+}]{direction}"
        if not ok or not PLAN["f1_lift"]["corrected"]:
            results.append(("PASS" if ok else "FAIL", evidence))
        elif isinstance(c["corrected"], str):
            results.append(("WARN", f"{evidence}; passes the naive test only: the corrected test is undefined "
                                    f"({c['corrected']})"))
        else:
            # The LOCK rule: the house rule, and the corrected interval at 1 - 0.05/m above 0, as printed.
            low, high = (printed(x, 4) for x in c["corrected"]["ci_family"])
            if low > 0:
                results.append(("PASS", f"{evidence}; corrected interval [{low:+}, {high:+}]"))
            else:
                results.append(("WARN", f"{evidence}; passes the naive test only: the corrected interval "
                                        f"[{low:+}, {high:+}] includes 0"))
    # 2 joint metric
    e, s, m = (printed(c["mean_delta"][k], n) for k, n in
               (("expectancy_net", 1), ("sortino", 2), ("max_drawdown", 2)))
    ok = e >= PLAN["joint"]["min_expectancy"] and s >= PLAN["joint"]["min_sortino"] and m <= PLAN["joint"]["max_drawdown"]
    results.append(("PASS" if ok else "FAIL", f"Δexpectancy {e:+}, Δsortino {s:+}, Δmax_drawdown {m:+}"))
    # 3 stability: the worst crypto's per-fold variance
    variances = {k: v["var"]["f1_buy"] for k, v in summaries[c["variant"]].items()}
    if not all(math.isfinite(v) for v in variances.values()):
        results.append(("WARN", "cannot evaluate: fewer than 2 folds per crypto"))
    else:
        worst = max(variances, key=variances.get)
        v = printed(variances[worst], 3)
        results.append(("PASS" if v <= Decimal(str(PLAN["stability"]["max_variance"])) else "FAIL",
                        f"max variance {v} ({worst})"))
    # 4 per asset: ceil(share x cryptos) improving at 4 decimals
    need = int((Decimal(str(PLAN["per_asset"]["min_share"])) * len(c["per_crypto"])).to_integral_value(ROUND_CEILING))
    results.append(("PASS" if c["improved"] >= need else "FAIL",
                    f"{c['improved']}/{len(c['per_crypto'])} cryptos improve (sign test p = {sci(c['sign_p'])})"))
    # 5 sample size
    trades = lambda v: np.mean([r.metrics["n_trades"] for r in sweep[v]["counted"].values() if r.useful])  # noqa: E731
    t = printed(float(trades(c["variant"])), 1)
    results.append(("PASS" if t >= PLAN["sample_size"]["min_trades"] else "FAIL",
                    f"mean n_trades {t} (vs {float(trades(baseline)):.1f} baseline)"))
    # 6 readiness
    results.append((ready[0], ready[1]))
    return results


# ---- figures ---------------------------------------------------------------------------------------------

def svg_means(path, cryptos, variants, summaries):
    width, height, left, top = 760.0, 60.0 + 34.0 * len(cryptos) * 1.0 + 60, 120.0, 48.0
    top_value = max(summaries[v][c]["mean"]["f1_buy"] for v in variants for c in cryptos)
    scale = (width - left - 40) / (top_value * 1.1)
    bar = 26.0 / len(variants)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif">',
             "  <title>Mean f1_buy per crypto and variant</title>"]
    for i, c in enumerate(cryptos):
        y = top + 34.0 * i
        parts.append(f'  <text x="{left - 8}" y="{y + 16}" text-anchor="end">{c}</text>')
        for j, v in enumerate(variants):
            x = summaries[v][c]["mean"]["f1_buy"] * scale
            parts.append(f'  <rect x="{left}" y="{y + j * bar:.1f}" width="{x:.1f}" height="{bar - 1:.1f}"'
                         f' fill="hsl({j * 360 // len(variants)},45%,50%)"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def svg_forest(comparisons, baseline, gate):
    width, left, right, top = 760.0, 190.0, 720.0, 56.0
    lows = [c["ci"][0] for c in comparisons if c["ci"]] + [0.0]
    highs = [c["ci"][1] for c in comparisons if c["ci"]] + [gate]
    lo, hi = math.floor(min(lows) / 0.05) * 0.05, math.ceil(max(highs) / 0.05) * 0.05
    x = lambda v: left + (v - lo) / (hi - lo) * (right - left)  # noqa: E731
    height = top + 34.0 * len(comparisons) + 66
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif">',
             f"  <title>Paired Δf1_buy vs {baseline}: mean and CI95 per variant</title>"]
    tick = lo
    while tick <= hi + 1e-9:
        parts.append(f'  <line x1="{x(tick):.1f}" y1="{top}" x2="{x(tick):.1f}" y2="{height - 66}" stroke="#e5e5e5"/>')
        parts.append(f'  <text x="{x(tick):.1f}" y="{height - 48}" text-anchor="middle">{tick:.2f}</text>')
        tick += 0.05
    for i, c in enumerate(comparisons):
        y = top + 34.0 * i + 17
        parts.append(f'  <text x="{left - 8}" y="{y + 4}" text-anchor="end">{c["variant"]}</text>')
        if c["ci"]:
            cls = "#c0392b" if c["ci"][1] < 0 else ("#1e8449" if c["ci"][0] > 0 else "#7f8c8d")
            parts.append(f'  <line x1="{x(c["ci"][0]):.1f}" y1="{y}" x2="{x(c["ci"][1]):.1f}" y2="{y}"'
                         f' stroke="{cls}" stroke-width="2"/>')
            parts.append(f'  <circle cx="{x(c["mean_delta"]["f1_buy"]):.1f}" cy="{y}" r="5" fill="{cls}"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# ---- rendering ---------------------------------------------------------------------------------------------

# Each generated part sits between <!-- dossier:begin NAME --> and <!-- dossier:end NAME --> markers, as in
# dossier's layouts; sign() then puts the checksum of its content into its end marker.
TEMPLATE = """\
{%- macro block(name) %}<!-- dossier:begin {{ name }} -->
{{ caller() }}
<!-- dossier:end {{ name }} -->{% endmacro -%}
{%- macro inline(name) %}<!-- dossier:begin {{ name }} -->{{ caller() }}<!-- dossier:end {{ name }} -->{% endmacro -%}
# Track {{ spec.track }} — {{ spec.title }} : results dossier ({% call inline('verdict') %}{{ verdict }}{% endcall %})

Date : {% call inline('meta-date') %}{{ spec.date }}{% endcall %}\\
Story : {{ spec.story }}\\
Track : {% call inline('meta-track') %}{{ spec.track }} of {{ spec.plan }} — {{ spec.plan_subject }}{% endcall %}\\
{% for k, v, generated in metadata %}{{ k }} : {% if generated %}{% call inline('meta-' + k | slug) %}{{ v }}{% endcall %}{% else %}{{ v }}{% endif %}{% if not loop.last %}\\{% endif %}
{% endfor %}
## TL;DR — verdict

{% call block('tldr') %}
**{{ verdict }}** for {{ compared | length }} {{ branch.label }} variants ({{ compared | map('code') | join(', ') }}).
{% endcall %}

{{ spec.narrative.tldr }}

## 1. Sweep configuration

{% call block('configuration') %}
| Param | Value |
|---|---|
| Factor | {{ branch.factor }} (Track {{ spec.track }}) |
| Variants ({{ variants | length }}) | {{ variant_params | join(' ; ') }} |
| Cryptos ({{ cryptos | length }}) | {{ cryptos | join(', ') }} ({{ branch.crypto_set }}) |
| Folds | {{ folds | length }} per crypto ({{ branch.fold_note }}) |
| Total useful rows | {{ useful }} |
{% for k, v in sweep_extra %}| {{ k }} | {{ v }} |
{% endfor %}{% endcall %}

## 2. Per-crypto × variant f1_buy (mean across {{ folds | length }} folds)

{% call block('means') %}
| Crypto | {{ variants | join(' | ') }} |
|{% for v in variants %}---|{% endfor %}---|
{% for c in cryptos %}| {{ c }} |{% for v in variants %} {{ '%.4f' | format(summaries[v][c].mean.f1_buy) }} |{% endfor %}
{% endfor %}
![Mean f1_buy per crypto and variant](img/peer-track{{ spec.track }}-crypto.svg)
{% endcall %}

## 3. Paired delta vs baseline (variant - {{ baseline }}, paired by crypto × fold)

{% call block('paired') %}
n={{ comparisons[0].pairs }} paired samples per variant. Bootstrap CI95 ({{ boot.resamples }} resamples, seed={{ boot.seed }}, NumPy PCG64).

| Variant | mean Δf1_buy | CI95 low | CI95 high | Cohen's d | raw paired t p | BH p (m={{ comparisons | length }}) |
|---|---|---|---|---|---|---|
{% for c in comparisons %}| `{{ c.variant }}` | {{ '%.4f' | format(c.mean_delta.f1_buy) }} | {{ '%.4f' | format(c.ci[0]) }} | {{ '%.4f' | format(c.ci[1]) }} | {{ '%.3f' | format(c.d) }} | {{ '%.2e' | format(c.p) }} | {{ '%.2e' | format(c.p_bh) }} |
{% endfor %}
![Forest plot of the paired Δf1_buy](img/peer-track{{ spec.track }}-forest.svg)

**Robustness.** The folds of a crypto share training data, so their pairs are not independent: the paired t-test corrected within each crypto (Nadeau–Bengio, r = n_test/n_train = {{ power.ratio }}{% if power.default_ratio %} for {{ folds | length }} folds{% endif %}), its posterior P(Δ > {{ power.rope }}) (Student t, flat prior), the power at {{ power.rope }} and the smallest lift detected with 80 % power (MDE80); the interval at {{ power.level }} % is Bonferroni's over m={{ power.m }}.

| Variant | corrected p | corrected CI95 | P(Δ > {{ power.rope }}) | MDE80 | power at {{ power.rope }} | corrected {{ power.level }} % |
|---|---|---|---|---|---|---|
{% for c in comparisons %}{% set r = c.corrected %}{% if r is string %}| `{{ c.variant }}` | n/a | n/a | n/a | n/a | n/a | n/a |
{% else %}| `{{ c.variant }}` | {{ r.p | sci }} | [{{ r.ci[0] | fixed(4) }}, {{ r.ci[1] | fixed(4) }}] | {{ r.p_better | probability }} | {{ r.mde80 | fixed(4) }} | {{ r.power | fixed(2) }} | [{{ r.ci_family[0] | fixed(4) }}, {{ r.ci_family[1] | fixed(4) }}] |
{% endif %}{% endfor %}
{% for c in comparisons if c.corrected is string %}
n/a: the corrected figures of `{{ c.variant }}` are undefined: {{ c.corrected }}.
{% endfor %}
{% if power.defined == 0 %}The corrected figures are undefined for every variant, so the sweep's power cannot be stated.
{%- elif power.detectable == power.defined %}The sweep can detect the gate's lift of {{ power.rope }} with at least 80 % power (MDE80 ≤ {{ power.mde_max }}).
{%- else %}The sweep could detect a lift of {{ power.mde_min | range_to(power.mde_max) }} with 80 % power; the gate asks for {{ power.rope }}: a variant that truly lifted f1_buy by {{ power.rope }} would reach significance with a probability of {% if power.detectable == 0 %}only {% endif %}{{ power.power_min | range_to(power.power_max) }}.
{%- endif %}
{%- if power.rule %} Gate 1 also asks the corrected interval at {{ power.level }} % (Bonferroni over m={{ power.m }}) to lie above 0.{% else %} The plan turns the corrected rule off: gate 1 is the house rule alone.{% endif %}
{% endcall %}

{{ spec.narrative.paired_note }}

## 4. Per-track gate verdict ({{ spec.plan }} §6)

{% call block('gates') %}
| # | Gate | {{ compared | join(' | ') }} |
|---|---|{% for v in compared %}---|{% endfor %}
{% for g in gate_rows %}| {{ loop.index }} | {{ g.name }} |{% for r in g.results %} {{ r[0] }}: {{ r[1] }} |{% endfor %}
{% endfor %}
Verdict per variant : {% for v, verdict in verdicts %}{{ v }} {{ verdict }}{% if not loop.last %} ; {% endif %}{% endfor %}.
{% if anomalies %}
Anomalies : {% for a in anomalies %}{{ a[0] }} {{ a[1] or '' }} {{ a[2] }} ({{ a[3] | length }} cells){% if not loop.last %} ; {% endif %}{% endfor %}
{% endif %}{% endcall %}

## 5. Supporting metrics (context, not gating)

{% call block('joint') %}
| Variant | Δexpectancy | Δsortino | Δmax_drawdown |
|---|---|---|---|
{% for c in comparisons %}| `{{ c.variant }}` | {{ '%+.1f' | format(c.mean_delta.expectancy_net) }} | {{ '%+.2f' | format(c.mean_delta.sortino) }} | {{ '%+.2f' | format(c.mean_delta.max_drawdown) }} |
{% endfor %}{% endcall %}

{{ spec.narrative.supporting }}
## 6. Decisions

{% for k, v in decisions %}### 6.{{ loop.index }} {{ k }}

{{ v }}

{% endfor %}## 7. Linked context

{{ spec.narrative.linked_context }}
---

{% call block('provenance') %}
Provenance : the Python peer of dossier (bench/peer/track6.py), spec `{{ spec_path }}`, rows from the snapshot `{{ snapshot }}` ({{ rows }} rows; SHA-256 of the rows in canonical order `{{ digest }}`).
{% endcall %}
"""


BEGIN = re.compile(r"<!-- dossier:begin ([a-z0-9][a-z0-9-]*) -->")


def checksum(content):
    """What an end marker carries, as dossier (and cog) compute it: the first 12 hex digits of the SHA-1
    of the block's content without the blank space at its ends, with \\n line endings."""
    normal = content.strip(" \t\n\x0b\f\r").replace("\r\n", "\n").replace("\r", "\n")
    return "sha1:" + hashlib.sha1(normal.encode("utf-8")).hexdigest()[:12]


def sign(markdown):
    """The rendering with the checksum of each block's content in its end marker, so that a person's
    edit inside a block can be told from numbers that changed."""
    out, at = [], 0
    for begin in BEGIN.finditer(markdown):
        end = markdown.index(f"<!-- dossier:end {begin[1]} -->", begin.end())
        out += [markdown[at:end], f"<!-- dossier:end {begin[1]} {checksum(markdown[begin.end():end])} -->"]
        at = end + len(f"<!-- dossier:end {begin[1]} -->")
    return "".join(out) + markdown[at:]


def power_summary(comparisons, folds):
    """What lift the sweep can see, over the variants whose corrected figures are defined."""
    figures = [c["corrected"] for c in comparisons if not isinstance(c["corrected"], str)]
    g = PLAN["f1_lift"]["min_delta"]
    mde = [f["mde80"] for f in figures]
    power = [f["power"] for f in figures]
    return {"defined": len(figures), "rope": "+" + plain(g), "rule": PLAN["f1_lift"]["corrected"],
            "detectable": sum(1 for x in mde if printed(x, 4) <= Decimal(repr(g))),
            "mde_min": fixed(min(mde, default=math.nan), 4), "mde_max": fixed(max(mde, default=math.nan), 4),
            "power_min": fixed(min(power, default=math.nan), 2), "power_max": fixed(max(power, default=math.nan), 2),
            "m": len(comparisons), "level": plain(100 - 5 / max(1, len(comparisons))),
            "ratio": plain(test_train_ratio(folds)), "default_ratio": PLAN["f1_lift"]["test_train_ratio"] is None}


def check_tables(markdown, where):
    """Every row of a table has the cells of its header, as dossier checks its render."""
    for block in re.split(r"\n\s*\n", markdown):
        lines = [line for line in block.splitlines() if line.startswith("|")]
        if len(lines) >= 2:
            width = lines[0].count("|")
            for line in lines[1:]:
                if line.count("|") != width:
                    raise Refused(f"{where}: a table row has {line.count('|') - 1} cells, its header "
                                  f"{width - 1}: {line[:60]}")


def write_atomically(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name + ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", default=".")
    parser.add_argument("--spec", default="dossiers/track6.yaml")
    parser.add_argument("--out-dir", default=None,
                        help="where the dossier and its img/ go (default: target/bench/peer-out in the project, "
                             "never the project's dossiers/, which holds dossier's own files)")
    args = parser.parse_args(argv)
    project = Path(args.project).resolve()
    spec_path = project / args.spec
    with open(spec_path, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    here = spec_path.parent
    branch = spec["branches"][0]
    boot = spec["bootstrap"]
    baseline = branch["baseline"]
    variants = [v["name"] for v in branch["variants"]]
    compared = [v for v in variants if v != baseline]
    cryptos = branch["cryptos"]
    folds = list(range(1, branch["folds"] + 1))

    rows = read_rows(here / spec["snapshot"])
    sweep = resolve(rows, branch)
    summaries = summarise(sweep, cryptos)
    comparisons = [compare(sweep, baseline, v, cryptos, folds, boot, len(compared)) for v in compared]
    adjust_bh(comparisons)
    found = anomalies(sweep, baseline, cryptos, folds)
    ready = readiness(here / spec["readiness"])
    gate_names = ["F1_buy lift ≥ +0.015 with CI95 excluding 0", "Joint metric", "Stability — per-fold variance ≤ 0.05",
                  "Per-asset — improves on ≥ 4/5 cryptos", "Sample size — ≥ 50 BUY trades / fold", "MLOps readiness"]
    per_variant = [gates(c, summaries, sweep, baseline, {a[1] for a in found if a[0] in (c["variant"], baseline)}, ready)
                   for c in comparisons]
    verdicts = [(c["variant"], "LOCK" if all(r[0] == "PASS" for r in results) else "ABANDON")
                for c, results in zip(comparisons, per_variant)]
    verdict = "LOCK" if any(v == "LOCK" for _, v in verdicts) else "ABANDON"

    # Empty metadata values are filled in from the facts, as dossier does.
    filled = {"MLOps readiness": f"{Path(spec['readiness']).name} — {ready[2]} sections complete",
              "FTF run": f"{', '.join(branch['runs'])} — {sum(s['rows'] for s in sweep.values())} rows, "
                         f"{sum(s['failed'] for s in sweep.values())} errors, "
                         f"status={'failed' if any(s['failed'] for s in sweep.values()) else 'completed'}"}
    metadata = [(k, v, False) if v is not None else (k, filled.get(k, ""), True)
                for k, v in spec.get("metadata", {}).items()]
    out_dir = Path(args.out_dir).resolve() if args.out_dir else project / "target/bench/peer-out"
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    env.filters["code"] = lambda s: f"`{s}`"
    env.filters["slug"] = lambda s: re.sub("[^a-z0-9]+", "-", s.lower())
    env.filters.update(sci=sci, fixed=fixed, probability=probability)
    env.filters["range_to"] = lambda low, high: low if low == high else f"{low} to {high}"
    params = {v["name"]: v.get("params", "") for v in branch["variants"]}
    markdown = env.from_string(TEMPLATE).render(
        spec=spec, branch=branch, boot=boot, baseline=baseline, variants=variants, compared=compared,
        cryptos=cryptos, folds=folds, summaries=summaries, comparisons=comparisons, verdict=verdict,
        verdicts=verdicts, anomalies=found, metadata=metadata, power=power_summary(comparisons, folds),
        sweep_extra=list(spec.get("sweep", {}).items()),
        decisions=list(spec["narrative"].get("decisions", {}).items()),
        variant_params=[f"{v} ({params[v]})" for v in variants],
        useful=sum(1 for s in sweep.values() for r in s["counted"].values() if r.useful),
        gate_rows=[{"name": n, "results": [pv[i] for pv in per_variant]} for i, n in enumerate(gate_names)],
        spec_path=spec_path.relative_to(project), snapshot=(here / spec["snapshot"]).relative_to(project),
        rows=len(rows), digest=canonical_digest(rows))
    markdown = sign(markdown)
    out = out_dir / f"{spec['date']}-peer-track{spec['track']}-results.md"
    check_tables(markdown, out)
    write_atomically(out_dir / "img" / f"peer-track{spec['track']}-crypto.svg",
                     svg_means(None, cryptos, variants, summaries))
    write_atomically(out_dir / "img" / f"peer-track{spec['track']}-forest.svg",
                     svg_forest(comparisons, baseline, PLAN["f1_lift"]["min_delta"]))
    write_atomically(out, markdown)
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Refused as e:
        print(f"track6.py: {e}", file=sys.stderr)
        sys.exit(1)
    except OSError as e:
        print(f"track6.py: {e.filename}: {e.strerror}", file=sys.stderr)
        sys.exit(1)
