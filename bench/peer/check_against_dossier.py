#!/usr/bin/env python3
"""Does the Python peer print the figures of the committed dossier? Parses both Markdown files and
compares every figure they share, as printed:

* the per-crypto means; mean delta, Cohen's d, raw and BH p of the paired table (the bootstrap CI95
  bounds may differ by 0.001: NumPy's PCG64 draws other resamples than dossier's SplitMix64);
* the Robustness table: corrected p, corrected CI95, P(delta > +g), MDE80; the power sentence (MDE80
  and power ranges, r, the Bonferroni level and m);
* the gates: each gate's verdicts over the variants, the sign-test p of gate 4, the verdict;
* the SHA-256 of the rows, the checksum in every block's end marker, recomputed from the block's
  content with the peer's checksum(), and those of the one-line blocks (verdict, meta-*), whose words
  are the same in both.

Usage: python3 bench/peer/check_against_dossier.py DOSSIER.md PEER.md
Prints one line per figure; exit 0 when all agree, 1 when one differs, 2 on bad usage.
"""

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from track6 import checksum  # noqa: E402  (the peer's own rule is the one under test)

BLOCK = re.compile(r"<!-- dossier:begin ([a-z0-9-]+) -->(.*?)<!-- dossier:end \1(?: (sha1:[0-9a-f]{12}))? -->", re.S)


def tables(text):
    """Every Markdown table: its header cells and its rows, each a list of cells."""
    out, lines = [], text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|") and i + 1 < len(lines) and lines[i + 1].startswith("|---"):
            rows = []
            for row in lines[i + 2:]:
                if not row.startswith("|"):
                    break
                rows.append(cells(row))
            out.append((cells(line), rows))
    return out


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def table(text, column):
    """The first table with a column of that name, as {first cell: {column: cell}}."""
    for header, rows in tables(text):
        if column in header:
            return {r[0].strip("`"): dict(zip(header, r)) for r in rows}
    raise SystemExit(f"check_against_dossier.py: no table with a column '{column}'")


def search(pattern, text, what):
    m = re.search(pattern, text)
    if not m:
        raise SystemExit(f"check_against_dossier.py: no {what} found (pattern {pattern})")
    return m


class Report:
    def __init__(self):
        self.differ = 0

    def same(self, what, ours, theirs):
        ok = ours == theirs
        self.differ += not ok
        print(f"{'ok  ' if ok else 'DIFF'} {what}: {ours}" + ("" if ok else f" (dossier) vs {theirs} (peer)"))

    def near(self, what, ours, theirs, tolerance):
        close = abs(float(ours) - float(theirs)) <= tolerance + 1e-12
        self.differ += not close
        note = "" if ours == theirs else f" vs {theirs} (peer), within {tolerance}" if close else f" vs {theirs} (peer)"
        print(f"{'ok  ' if close else 'DIFF'} {what}: {ours}{note}")


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    dossier, peer = (Path(a).read_text(encoding="utf-8") for a in argv)
    r = Report()

    means_d, means_p = table(dossier, "Crypto"), table(peer, "Crypto")
    for crypto, row in means_d.items():
        r.same(f"mean f1_buy {crypto}", list(row.values())[1:], list(means_p[crypto].values())[1:])

    paired_d, paired_p = table(dossier, "mean Δf1_buy"), table(peer, "mean Δf1_buy")
    bh = next(c for c in next(iter(paired_d.values())) if c.startswith("BH p"))
    for v, row in paired_d.items():
        for column in ("mean Δf1_buy", "Cohen's d", "raw paired t p", bh):
            r.same(f"{v} {column}", row[column], paired_p[v][column])
        for column in ("CI95 low", "CI95 high"):
            r.near(f"{v} bootstrap {column}", row[column], paired_p[v][column], 0.001)

    rope = search(r"P\(Δ > (\+[0-9.]+)\)", dossier, "P(Δ > +g) column")[1]
    robust_d, robust_p = table(dossier, "corrected p"), table(peer, "corrected p")
    for v, row in robust_d.items():
        for column in ("corrected p", "corrected CI95", f"P(Δ > {rope})", "MDE80"):
            r.same(f"{v} {column}", row[column], robust_p[v][column])

    sentence = (r"lift of ([0-9.]+)(?: to ([0-9.]+))? with 80 % power.*?probability of (?:only )?([0-9.]+)"
                r"(?: to ([0-9.]+))?\. Gate 1 also asks the corrected interval at ([0-9.]+) % "
                r"\(Bonferroni over m=(\d+)\)")
    names = ("MDE80 from", "MDE80 to", "power at +g from", "power at +g to", "family level %", "Bonferroni m")
    for name, ours, theirs in zip(names, search(sentence, dossier, "power sentence").groups(),
                                  search(sentence, peer, "power sentence").groups()):
        r.same(f"power sentence: {name}", ours, theirs)
    ratio = r"r = n_test/n_train = ([0-9.]+)"
    r.same("r = n_test/n_train", search(ratio, dossier, "r")[1], search(ratio, peer, "r")[1])

    gates_d, gates_p = table(dossier, "Verdict"), table(peer, "Gate")
    for number, row in gates_d.items():
        counts = Counter({s: int(n) for s, n in re.findall(r"(PASS|FAIL|WARN) × (\d+)", row["Verdict"])})
        peer_row = list(gates_p[number].values())[2:]
        r.same(f"gate {number} verdicts", dict(counts), dict(Counter(c.split(":")[0] for c in peer_row)))
        if "sign test" in row["Threshold"]:
            signs = lambda text: sorted(set(re.findall(r"sign test p = ([0-9.e+-]+)", text)))  # noqa: E731
            r.same(f"gate {number} sign test p", signs(row["Threshold"]), signs(" ".join(peer_row)))
    verdict = r"results dossier \((?:<!-- dossier:begin verdict -->)?(\w+)"
    r.same("verdict", search(verdict, dossier, "verdict")[1], search(verdict, peer, "verdict")[1])

    digest = r"canonical order `([0-9a-f]{64})`"
    r.same("SHA-256 of the rows", search(digest, dossier, "digest")[1], search(digest, peer, "digest")[1])

    for name, text in (("dossier", dossier), ("peer", peer)):
        blocks = BLOCK.findall(text)
        wrong = [b for b, content, sum_ in blocks if sum_ != checksum(content)]
        r.differ += bool(wrong)
        print(f"{'DIFF' if wrong else 'ok  '} {name}: the end markers of {len(blocks) - len(wrong)} of {len(blocks)}"
              f" blocks carry the peer's checksum() of their content{': not ' + ', '.join(wrong) if wrong else ''}")
    # The one-line blocks hold the same words in both: the same content, the same checksum.
    sums_d, sums_p = ({b: sum_ for b, _, sum_ in BLOCK.findall(text)} for text in (dossier, peer))
    for b in sorted(b for b in sums_d.keys() & sums_p.keys() if b == "verdict" or b.startswith("meta-")):
        r.same(f"block {b} checksum", sums_d[b], sums_p[b])

    print(f"{'all figures agree' if not r.differ else f'{r.differ} figure(s) differ'}")
    return 1 if r.differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
