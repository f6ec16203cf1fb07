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
* anomalies: missing cells, zero-trade rows, non-finite values, a metric constant to the bit;
* the six gates of F1_BUY_BOOST_PLAN.md section 6, decided on the numbers as printed (decimal,
  half up), with the readiness file's six sections checked;
* the SHA-256 of the rows in canonical order, two SVG figures (means per crypto, forest plot),
  and the Markdown dossier rendered from a Jinja2 template (dossier uses FreeMarker), its tables
  checked, each file written to a temporary name and renamed into place.

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
from datetime import datetime
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from pathlib import Path

import jinja2
import numpy as np
import yaml
from scipy import stats

METRICS = ["f1_buy", "sortino", "total_return", "n_trades", "ece", "expectancy_net", "max_drawdown"]
CHECKED = [m for m in METRICS if m != "n_trades"]  # a count may be constant without being broken
COLUMNS = ["run_id", "factor", "variant", "crypto", "fold", "status"] + METRICS + ["created_at"]
PLAN = {"f1_lift": {"min_delta": 0.015, "min_pairs": 10},
        "joint": {"min_expectancy": 0, "min_sortino": 0, "max_drawdown": 1},
        "stability": {"max_variance": 0.05},
        "per_asset": {"min_share": 0.8},
        "sample_size": {"min_trades": 50}}
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
    """SHA-256 of the rows as CSV in canonical order, as the provenance line names them."""
    lines = [",".join(COLUMNS)]
    for r in sorted(rows, key=lambda r: (r.run_id, r.factor, r.variant, r.crypto, r.fold, r.created_at, r.status)):
        values = [r.run_id, r.factor, r.variant, r.crypto, str(r.fold), r.status]
        values += [repr(r.metrics[m]) for m in METRICS]
        values.append(r.created_at.isoformat().replace("+00:00", "Z"))
        lines.append(",".join(values))
    return hashlib.sha256(("\n".join(lines) + "\n").encode()).hexdigest()


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


def compare(sweep, baseline, variant, cryptos, folds, boot):
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
    return result


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
    return Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


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
        results.append(("PASS" if ok else "FAIL", f"Δ = {delta:+}, CI95 [{low:+}, {high:+}]{direction}"))
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
    improved = sum(1 for d in c["per_crypto"].values() if math.isfinite(d) and printed(d, 4) > 0)
    need = int((Decimal(str(PLAN["per_asset"]["min_share"])) * len(c["per_crypto"])).to_integral_value(ROUND_CEILING))
    results.append(("PASS" if improved >= need else "FAIL", f"{improved}/{len(c['per_crypto'])} cryptos improve"))
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

TEMPLATE = """\
# Track {{ spec.track }} — {{ spec.title }} : results dossier ({{ verdict }})

Date : {{ spec.date }}\\
Story : {{ spec.story }}\\
Track : {{ spec.track }} of {{ spec.plan }} — {{ spec.plan_subject }}\\
{% for k, v in metadata %}{{ k }} : {{ v }}{% if not loop.last %}\\{% endif %}
{% endfor %}
## TL;DR — verdict

**{{ verdict }}** for {{ compared | length }} {{ branch.label }} variants ({{ compared | map('code') | join(', ') }}).
{{ spec.narrative.tldr }}

## 1. Sweep configuration

| Param | Value |
|---|---|
| Factor | {{ branch.factor }} (Track {{ spec.track }}) |
| Variants ({{ variants | length }}) | {{ variant_params | join(' ; ') }} |
| Cryptos ({{ cryptos | length }}) | {{ cryptos | join(', ') }} ({{ branch.crypto_set }}) |
| Folds | {{ folds | length }} per crypto ({{ branch.fold_note }}) |
| Total useful rows | {{ useful }} |
{% for k, v in sweep_extra %}| {{ k }} | {{ v }} |
{% endfor %}
## 2. Per-crypto × variant f1_buy (mean across {{ folds | length }} folds)

| Crypto | {{ variants | join(' | ') }} |
|{% for v in variants %}---|{% endfor %}---|
{% for c in cryptos %}| {{ c }} |{% for v in variants %} {{ '%.4f' | format(summaries[v][c].mean.f1_buy) }} |{% endfor %}
{% endfor %}
![Mean f1_buy per crypto and variant](img/peer-track{{ spec.track }}-crypto.svg)

## 3. Paired delta vs baseline (variant - {{ baseline }}, paired by crypto × fold)

n={{ comparisons[0].pairs }} paired samples per variant. Bootstrap CI95 ({{ boot.resamples }} resamples, seed={{ boot.seed }}, NumPy PCG64).

| Variant | mean Δf1_buy | CI95 low | CI95 high | Cohen's d | raw paired t p | BH p (m={{ comparisons | length }}) |
|---|---|---|---|---|---|---|
{% for c in comparisons %}| `{{ c.variant }}` | {{ '%.4f' | format(c.mean_delta.f1_buy) }} | {{ '%.4f' | format(c.ci[0]) }} | {{ '%.4f' | format(c.ci[1]) }} | {{ '%.3f' | format(c.d) }} | {{ '%.2e' | format(c.p) }} | {{ '%.2e' | format(c.p_bh) }} |
{% endfor %}
![Forest plot of the paired Δf1_buy](img/peer-track{{ spec.track }}-forest.svg)

{{ spec.narrative.paired_note }}

## 4. Per-track gate verdict ({{ spec.plan }} §6)

| # | Gate | {{ compared | join(' | ') }} |
|---|---|{% for v in compared %}---|{% endfor %}
{% for g in gate_rows %}| {{ loop.index }} | {{ g.name }} |{% for r in g.results %} {{ r[0] }}: {{ r[1] }} |{% endfor %}
{% endfor %}
Verdict per variant : {% for v, verdict in verdicts %}{{ v }} {{ verdict }}{% if not loop.last %} ; {% endif %}{% endfor %}.
{% if anomalies %}
Anomalies : {% for a in anomalies %}{{ a[0] }} {{ a[1] or '' }} {{ a[2] }} ({{ a[3] | length }} cells){% if not loop.last %} ; {% endif %}{% endfor %}
{% endif %}
## 5. Supporting metrics (context, not gating)

| Variant | Δexpectancy | Δsortino | Δmax_drawdown |
|---|---|---|---|
{% for c in comparisons %}| `{{ c.variant }}` | {{ '%+.1f' | format(c.mean_delta.expectancy_net) }} | {{ '%+.2f' | format(c.mean_delta.sortino) }} | {{ '%+.2f' | format(c.mean_delta.max_drawdown) }} |
{% endfor %}
{{ spec.narrative.supporting }}
## 6. Decisions

{% for k, v in decisions %}### 6.{{ loop.index }} {{ k }}

{{ v }}

{% endfor %}## 7. Linked context

{{ spec.narrative.linked_context }}
---

Provenance : the Python peer of dossier (bench/peer/track6.py), spec `{{ spec_path }}`, rows from the snapshot `{{ snapshot }}` ({{ rows }} rows; SHA-256 of the rows in canonical order `{{ digest }}`).
"""


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
    parser.add_argument("--out-dir", default=None, help="where the dossier and its img/ go (default: beside the spec)")
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
    comparisons = [compare(sweep, baseline, v, cryptos, folds, boot) for v in compared]
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
                         f"{sum(s['failed'] for s in sweep.values())} errors"}
    metadata = [(k, v if v is not None else filled.get(k, "")) for k, v in spec.get("metadata", {}).items()]
    out_dir = Path(args.out_dir).resolve() if args.out_dir else here
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    env.filters["code"] = lambda s: f"`{s}`"
    params = {v["name"]: v.get("params", "") for v in branch["variants"]}
    markdown = env.from_string(TEMPLATE).render(
        spec=spec, branch=branch, boot=boot, baseline=baseline, variants=variants, compared=compared,
        cryptos=cryptos, folds=folds, summaries=summaries, comparisons=comparisons, verdict=verdict,
        verdicts=verdicts, anomalies=found, metadata=metadata,
        sweep_extra=list(spec.get("sweep", {}).items()),
        decisions=list(spec["narrative"].get("decisions", {}).items()),
        variant_params=[f"{v} ({params[v]})" for v in variants],
        useful=sum(1 for s in sweep.values() for r in s["counted"].values() if r.useful),
        gate_rows=[{"name": n, "results": [pv[i] for pv in per_variant]} for i, n in enumerate(gate_names)],
        spec_path=spec_path.relative_to(project), snapshot=(here / spec["snapshot"]).relative_to(project),
        rows=len(rows), digest=canonical_digest(rows))
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
