#!/usr/bin/env python3
"""Independent NumPy re-implementation of dossier.stats.Bootstrap, for BootstrapTest's expected values.

Written from the algorithm's published definition, not from the Java code:

* generator: SplitMix64 (Steele, Lea & Flood 2014; Vigna's splitmix64.c), state = seed, and each
  output is  state += 0x9E3779B97F4A7C15; z = state;
             z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
             z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
             return z ^ (z >> 31)            (all mod 2^64; the increment comes before the output,
  as in Commons RNG's org.apache.commons.rng.core.source64.SplitMix64.next());
* resample r, draw k uses output r*n + k; index = ((output >> 32) * n) >> 32 (unsigned);
* resample statistic: the mean; bounds: numpy.percentile(method="linear") of the resample means at
  100*(1-level)/2 and 100*(1+level)/2.

Usage:
  python3 src/test/python/bootstrap_reference.py ci --resamples 10000 --seed 42 --level 0.95 --data="V1, V2, ..."
      prints "low high", each as repr (the shortest decimal that round-trips to the same double)
  python3 src/test/python/bootstrap_reference.py means --resamples 10000 --seed 42 --count 3 --data="V1, V2, ..."
      prints the first COUNT resample means (repr)
  python3 src/test/python/bootstrap_reference.py splitmix --seed 42 --count 5
      prints the first COUNT outputs as signed 64-bit integers (Java long) and as hex
  python3 src/test/python/bootstrap_reference.py scipy --resamples 10000 --level 0.95 --data="V1, V2, ..."
      prints scipy.stats.bootstrap(method="percentile", rng=numpy.random.default_rng(0)) low high

The vectorised NumPy generator is cross-checked against a plain Python-int version on every run.
"""

import argparse
import re
import sys

import numpy as np

MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15
M1 = 0xBF58476D1CE4E5B9
M2 = 0x94D049BB133111EB


def splitmix64_python(seed, count):
    """Plain Python ints: the definition, one output at a time."""
    state = seed & MASK
    out = []
    for _ in range(count):
        state = (state + GAMMA) & MASK
        z = state
        z = ((z ^ (z >> 30)) * M1) & MASK
        z = ((z ^ (z >> 27)) * M2) & MASK
        out.append(z ^ (z >> 31))
    return out


def splitmix64_numpy(seed, count):
    """The same outputs, vectorised: the k-th output (k = 1..count) mixes seed + k*GAMMA mod 2^64."""
    k = np.arange(1, count + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = np.uint64(seed & MASK) + k * np.uint64(GAMMA)  # uint64 arrays wrap mod 2^64
        z = (z ^ (z >> np.uint64(30))) * np.uint64(M1)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(M2)
    return z ^ (z >> np.uint64(31))


def resample_means(values, resamples, seed):
    values = np.asarray(values, dtype=np.float64)
    n = values.size
    out = splitmix64_numpy(seed, resamples * n)
    idx = ((out >> np.uint64(32)) * np.uint64(n)) >> np.uint64(32)  # < 2^32 * 2^31, no overflow
    return values[idx.astype(np.int64)].reshape(resamples, n).mean(axis=1)


def percentile_ci(values, resamples, seed, level):
    means = resample_means(values, resamples, seed)
    low, high = np.percentile(means, [100 * (1 - level) / 2, 100 * (1 + level) / 2], method="linear")
    return float(low), float(high)


def self_check():
    for seed in (0, 42, -1, 1234567):
        py = splitmix64_python(seed, 1000)
        nu = [int(x) for x in splitmix64_numpy(seed, 1000)]
        if py != nu:
            sys.exit(f"numpy and python SplitMix64 disagree for seed {seed}")
    # Published test vector of splitmix64.c for seed 1234567.
    if splitmix64_python(1234567, 3) != [6457827717110365317, 3203168211198807973, 9817491932198370423]:
        sys.exit("SplitMix64 does not reproduce the published seed-1234567 vector")


def to_signed(u):
    return u - (1 << 64) if u >= 1 << 63 else u


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["ci", "means", "splitmix", "scipy"])
    parser.add_argument("--resamples", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--level", type=float, default=0.95)
    parser.add_argument("--count", type=int, default=5)
    parser.add_argument("--data", default="", help="the values, separated by commas and/or spaces")
    args = parser.parse_args()
    args.values = [float(x) for x in re.split(r"[,\s]+", args.data.strip()) if x]
    self_check()
    if args.mode == "splitmix":
        for u in splitmix64_python(args.seed, args.count):
            print(to_signed(u), hex(u))
    elif args.mode == "means":
        for m in resample_means(args.values, args.resamples, args.seed)[: args.count]:
            print(repr(float(m)))
    elif args.mode == "ci":
        low, high = percentile_ci(args.values, args.resamples, args.seed, args.level)
        print(repr(low), repr(high))
    else:
        from scipy import stats

        res = stats.bootstrap(
            (np.asarray(args.values),), np.mean, n_resamples=args.resamples,
            confidence_level=args.level, method="percentile", rng=np.random.default_rng(0))
        print(repr(float(res.confidence_interval.low)), repr(float(res.confidence_interval.high)))


if __name__ == "__main__":
    main()
