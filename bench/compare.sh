#!/usr/bin/env bash
# The performance targets of issue 18, measured paired and interleaved: whole processes, each cold
# (no process kept between runs), this tree's launcher on JDK 25 (AOT cache) and JDK 17 (CDS)
# against the Python/SciPy peer (bench/peer/track6.py) and against the commit before issue 18.
# See bench/README.md for what each group measures and the latest figures.
#
#   bench/compare.sh [-r N] [-c GROUPS] [-b REV] [-o FILE]
#
#   -r N       rounds (default 11). Each round runs every variant of a group once, in turn
#              (A B C A B C …), after one untimed warm-up run of each (which trains the caches)
#   -c GROUPS  comma-separated (default all): generate,check,hook,big
#   -b REV     the commit before issue 18 to compare with (default ccee1f7), built in a git
#              worktree under /tmp (BENCH_BEFORE=DIR: an existing checkout with target/dossier.jar)
#   -o FILE    the raw timings as TSV (default target/bench/compare.tsv)
#   -R FILE    measure nothing: print the tables of a TSV written earlier
#
# Environment: JDK17 and JDK25 (default /usr/lib/jvm/java-17-openjdk-amd64 and
# /usr/lib/jvm/temurin-25-jdk-amd64), PYTHON (default python3, with NumPy, SciPy, PyYAML, Jinja2),
# BENCH_DIR (default target/bench/compare).
#
# Variants: peer = python3 bench/peer/track6.py; jdk25 / jdk17 = src/bin/dossier of this tree
# with JAVA_HOME set to that JDK; before17 / before25 = the launcher of the commit before issue
# 18 with DOSSIER_DAEMON=off (a JVM of its own per run, its CDS archive from the build on JDK 17;
# on JDK 25 that archive does not map and it runs without one).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

REPS=11
GROUPS_=generate,check,hook,big
BEFORE_REV=ccee1f7
BENCH_DIR=${BENCH_DIR:-$ROOT/target/bench/compare}
OUT_TSV=""
REPORT_ONLY=""
while getopts "r:c:b:o:R:h" opt; do
  case $opt in
    r) REPS=$OPTARG ;;
    c) GROUPS_=$OPTARG ;;
    b) BEFORE_REV=$OPTARG ;;
    o) OUT_TSV=$OPTARG ;;
    R) REPORT_ONLY=$OPTARG ;;
    h) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: bench/compare.sh [-r N] [-c GROUPS] [-b REV] [-o FILE] | -R FILE" >&2; exit 2 ;;
  esac
done
[[ $REPS =~ ^[1-9][0-9]*$ ]] || { echo "bench: -r needs a positive number, not '$REPS'" >&2; exit 2; }
OUT_TSV=${OUT_TSV:-$BENCH_DIR/compare.tsv}
JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
PYTHON=${PYTHON:-python3}
has_group() { [[ ",$GROUPS_," == *",$1,"* ]]; }
log() { printf '%s\n' "bench: $*" >&2; }

# ---- report --------------------------------------------------------------------------------------
# Medians and spreads of each variant, and of each paired ratio: per round, A over B of the same
# round, so that a slow minute of the machine slows both. The ratio's 95 % interval is a percentile
# bootstrap of the median over the rounds (2,000 resamples, seed 1). The same ratio of CPU time
# (user + system of the process and its children), which a loaded machine disturbs less than wall time.

report() {
  "$PYTHON" - "$1" <<'EOF'
import sys
import numpy as np

rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
header = [l[0][2:] for l in rows if l[0].startswith("# ")]
data = {}
for group, rnd, variant, wall, rss, *cpu in (l for l in rows if not l[0].startswith("#") and l[0] != "group"):
    cpu = float(cpu[0]) if cpu else float("nan")  # files of before the CPU column
    data.setdefault(group, {}).setdefault(variant, {})[int(rnd)] = (float(wall), int(rss) / 1024, cpu)
print("\n".join(header))

def paired(group, a, b, k=0):
    runs = data.get(group, {})
    if a not in runs or b not in runs:
        return None
    rounds = sorted(set(runs[a]) & set(runs[b]))
    return np.array([runs[a][r][k] / runs[b][r][k] for r in rounds])

def ci(r):
    rng = np.random.default_rng(1)
    meds = np.median(r[rng.integers(0, r.size, size=(2000, r.size))], axis=1)
    return np.percentile(meds, [2.5, 97.5])

print("\n| group | variant | runs | median s | min–max s | CPU s (median) | peak RSS MiB (median) |")
print("|---|---|---:|---:|---|---:|---:|")
for group, variants in data.items():
    for v, runs in variants.items():
        w = np.array([x[0] for x in runs.values()])
        m = np.array([x[1] for x in runs.values()])
        c = np.array([x[2] for x in runs.values()])
        print(f"| {group} | {v} | {w.size} | {np.median(w):.3f} | {w.min():.3f}–{w.max():.3f} | {np.median(c):.2f} | "
              f"{np.median(m):.0f} |")

TARGETS = [
    ("generate", "jdk25", "peer", 0.30, "generate track6, JDK 25 + AOT cache ÷ Python peer"),
    ("generate", "jdk17", "peer", 0.60, "generate track6, JDK 17 + CDS ÷ Python peer"),
    ("generate", "before17", "peer", None, "before issue 18, JDK 17 + CDS, no daemon ÷ Python peer"),
    ("generate", "before25", "peer", None, "before issue 18, JDK 25 (no archive), no daemon ÷ Python peer"),
    ("generate", "jdk17", "before17", None, "generate track6, JDK 17: after ÷ before"),
    ("generate", "jdk25", "before17", None, "generate track6: JDK 25 after ÷ JDK 17 before"),
    ("check", "jdk25-check", "jdk25-generate", 2.0, "check, 30 dossiers ÷ one generate, JDK 25"),
    ("check", "jdk17-check", "jdk17-generate", 2.0, "check, 30 dossiers ÷ one generate, JDK 17"),
    ("check", "before17-check", "before17-generate", None, "before issue 18: check ÷ generate, JDK 17"),
    ("check", "jdk17-check", "before17-check", None, "check, JDK 17: after ÷ before"),
    ("hook", "jdk25-hook", "jdk25-generate", 1.2, "hook, 1 staged dossier ÷ one generate, JDK 25"),
    ("hook", "jdk17-hook", "jdk17-generate", 1.2, "hook, 1 staged dossier ÷ one generate, JDK 17"),
    ("hook", "before17-hook", "before17-generate", None, "before issue 18: hook ÷ generate, JDK 17"),
    ("hook", "jdk17-hook", "before17-hook", None, "hook, JDK 17: after ÷ before"),
    ("big", "jdk17", "before17", None, "50,000-row sweep, JDK 17: after ÷ before"),
    ("big", "jdk25", "before17", None, "50,000-row sweep: JDK 25 after ÷ JDK 17 before"),
]
print("\n| paired ratio, wall time | rounds | median | 95 % CI of the median | min–max | target | | CPU time ratio, median |")
print("|---|---:|---:|---|---|---|---|---:|")
for group, a, b, target, words in TARGETS:
    r = paired(group, a, b)
    if r is None or r.size == 0:
        continue
    lo, hi = ci(r)
    med = float(np.median(r))
    verdict = "" if target is None else ("met" if med <= target else "**not met**")
    cpu = float(np.median(paired(group, a, b, 2)))
    print(f"| {words} | {r.size} | {med:.2f}× | {lo:.2f}–{hi:.2f} | {r.min():.2f}–{r.max():.2f} | "
          f"{'' if target is None else f'≤ {target}×'} | {verdict} | {'' if cpu != cpu else f'{cpu:.2f}×'} |")

big = data.get("big", {})
if big:
    print("\n| 50,000-row sweep, 10,000 resamples per variant | median s | max s | peak RSS MiB (max) | ≤ 3 s and ≤ 512 MiB |")
    print("|---|---:|---:|---:|---|")
    for v, runs in big.items():
        w = np.array([x[0] for x in runs.values()])
        m = np.array([x[1] for x in runs.values()])
        ok = "met" if np.median(w) <= 3 and m.max() <= 512 else "**not met**"
        print(f"| {v} | {np.median(w):.3f} | {w.max():.3f} | {m.max():.0f} | {ok} |")
EOF
}

if [ -n "$REPORT_ONLY" ]; then
  report "$REPORT_ONLY"
  exit 0
fi

# ---- the two builds --------------------------------------------------------------------------------

[ -x "$JDK17/bin/java" ] || { log "no JDK 17 at $JDK17 (set JDK17)"; exit 2; }
[ -x "$JDK25/bin/java" ] || { log "no JDK 25 at $JDK25 (set JDK25)"; exit 2; }
"$PYTHON" -c 'import numpy, scipy, yaml, jinja2' 2>/dev/null ||
  { log "$PYTHON lacks numpy, scipy, yaml or jinja2, which bench/peer/track6.py needs"; exit 2; }
[ -x /usr/bin/time ] || { log "/usr/bin/time is missing (Debian: apt-get install time)"; exit 2; }

# Snapshot cases must not see a database from the environment.
unset DOSSIER_DB_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGSERVICE PGSERVICEFILE PGUSER PGPASSWORD PGPASSFILE || true
unset JAVA_OPTS DOSSIER_JAR || true

JAR=$ROOT/target/dossier.jar
if [ ! -f "$JAR" ] || [ ! -f "$ROOT/target/test-classes/dossier/sample/BigSweep.class" ]; then
  log "building $JAR and the test classes (BigSweep)"
  JAVA_HOME=$JDK17 mvn -q -B -o package -DskipTests
fi

BEFORE=${BENCH_BEFORE:-/tmp/dossier-bench-before-$BEFORE_REV}
if [ ! -f "$BEFORE/target/dossier.jar" ]; then
  if [ ! -d "$BEFORE" ]; then
    log "checking out $BEFORE_REV in $BEFORE (a git worktree)"
    git worktree add --detach "$BEFORE" "$BEFORE_REV" >&2
  fi
  log "building $BEFORE_REV (its mvn package writes its CDS archive, target/dossier.jsa)"
  (cd "$BEFORE" && JAVA_HOME=$JDK17 mvn -q -B -o package -DskipTests)
fi

# ---- projects ------------------------------------------------------------------------------------
# small-BUILD: the build's own dossiers/ plus 28 clones of track6 and track5 under other track
# numbers, every dossier generated by that build's jar, so that `check` finds all 30 current.
# hook-BUILD: the same as a git repository with one dossier's prose edited and staged.
# big-BUILD: the 20x200x10 synthetic sweep (50,000 rows; BigSweep, this tree's test code).

small_project() { # BUILD_ROOT DIR
  local src=$1 dir=$2 d i n
  log "preparing $dir (30 dossiers, by $src/target/dossier.jar)"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -r "$src/dossiers" "$dir/dossiers"
  d=$dir/dossiers
  for i in $(seq 1 14); do
    n=$(printf '%02d' "$i")
    sed -e "s/^track: 6\$/track: $((100 + i))/" "$d/track6.yaml" >"$d/t6-clone$n.yaml"
    sed -e "s/^track: 5\$/track: $((200 + i))/" -e '/^output:/d' "$d/track5.yaml" >"$d/t5-clone$n.yaml"
  done
  (cd "$d" && ls ./*.yaml | sed 's|^\./||; s|\.yaml$||') |
    xargs -P 2 -I{} sh -c 'out=$(DOSSIER_DAEMON=off "$0" "$@" 2>&1) || { printf "%s\n" "$out" >&2; exit 255; }' \
      "$JDK17/bin/java" -jar "$src/target/dossier.jar" -C "$dir" generate {} --force
  [ "$(grep -l '^<!-- dossier:spec ' "$d"/*.md | wc -l)" -eq 30 ] || { log "expected 30 dossiers in $d"; exit 1; }
}

hook_project() { # SMALL DIR
  local git_=(git -C "$2" -c user.email=bench@localhost -c user.name=bench)
  rm -rf "$2"
  cp -r "$1" "$2"
  "${git_[@]}" init -q && "${git_[@]}" add -A && "${git_[@]}" commit -q -m "bench: the small project"
  printf '\nA line of prose added by hand.\n' >>"$2/dossiers/2026-04-29-track6-focal-loss-results.md"
  "${git_[@]}" add dossiers/2026-04-29-track6-focal-loss-results.md
}

mkdir -p "$BENCH_DIR"
# Made again when either jar changes (delete target/bench/compare/.stamp after changing how).
stamp_now="$(sha256sum "$JAR" "$BEFORE/target/dossier.jar" | cut -c1-64 | tr '\n' ' ')"
if [ "$(cat "$BENCH_DIR/.stamp" 2>/dev/null)" != "$stamp_now" ]; then
  rm -f "$BENCH_DIR/.stamp"
  small_project "$ROOT" "$BENCH_DIR/small-after"
  small_project "$BEFORE" "$BENCH_DIR/small-before"
  hook_project "$BENCH_DIR/small-after" "$BENCH_DIR/hook-after"
  hook_project "$BENCH_DIR/small-before" "$BENCH_DIR/hook-before"
  log "preparing $BENCH_DIR/big-after (the 20x200x10 sweep)"
  rm -rf "$BENCH_DIR/big-after" "$BENCH_DIR/big-before"
  "$JDK17/bin/java" -cp "$ROOT/target/test-classes:$JAR" dossier.sample.BigSweep "$BENCH_DIR/big-after" 20x200x10 >&2
  cp -r "$BENCH_DIR/big-after" "$BENCH_DIR/big-before"
  printf '%s' "$stamp_now" >"$BENCH_DIR/.stamp"
fi

# ---- timing --------------------------------------------------------------------------------------

RUN_LOG=$BENCH_DIR/runs.log
: >"$RUN_LOG"
{
  echo "# dossier compare.sh — $REPS rounds, interleaved; $(nproc) cores; load at start $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "# after: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src pom.xml || echo '+changes'); before: $(git -C "$BEFORE" rev-parse --short HEAD)"
  echo "# $("$JDK17/bin/java" -version 2>&1 | head -n 1); $("$JDK25/bin/java" -version 2>&1 | head -n 1); $("$PYTHON" -c 'import sys, numpy, scipy; print("Python", sys.version.split()[0], "NumPy", numpy.__version__, "SciPy", scipy.__version__)')"
  printf 'group\tround\tvariant\twall_s\tpeak_rss_kib\tcpu_s\n'
} >"$OUT_TSV"

now() { local t=$EPOCHREALTIME; echo "${t/,/.}"; }

# command_of VARIANT ARGS…: sets CMD, the command line of one run of a variant (env first).
command_of() {
  local variant=$1
  shift
  case $variant in
    peer) CMD=(env "$PYTHON" "$ROOT/bench/peer/track6.py" --out-dir "$BENCH_DIR/peer-out") ;;
    jdk25*) CMD=(env JAVA_HOME="$JDK25" "$ROOT/src/bin/dossier" "$@") ;;
    jdk17*) CMD=(env JAVA_HOME="$JDK17" "$ROOT/src/bin/dossier" "$@") ;;
    before25*) CMD=(env DOSSIER_DAEMON=off JAVA_HOME="$JDK25" "$BEFORE/src/bin/dossier" "$@") ;;
    before17*) CMD=(env DOSSIER_DAEMON=off JAVA_HOME="$JDK17" "$BEFORE/src/bin/dossier" "$@") ;;
    *) log "unknown variant $variant"; exit 2 ;;
  esac
}

# group NAME SPEC…: SPEC is "variant|dir|args…". One untimed warm-up of each (must exit 0), then
# REPS rounds of all of them in turn.
group() {
  local name=$1 spec variant dir args round t0 t1 wall rss user sys tfile=$BENCH_DIR/.time CMD=()
  shift
  for spec in "$@"; do
    IFS='|' read -r variant dir args <<<"$spec"
    # shellcheck disable=SC2086 # args is a list of words
    command_of "$variant" $args
    if ! (cd "$dir" && "${CMD[@]}") >>"$RUN_LOG" 2>&1; then
      log "$name/$variant: the warm-up run failed (see $RUN_LOG)"
      tail -n 5 "$RUN_LOG" >&2
      exit 1
    fi
  done
  log "$name: $REPS rounds of $# variants"
  for ((round = 1; round <= REPS; round++)); do
    for spec in "$@"; do
      IFS='|' read -r variant dir args <<<"$spec"
      # shellcheck disable=SC2086
      command_of "$variant" $args
      t0=$(now)
      (cd "$dir" && /usr/bin/time -f '%M %U %S' -o "$tfile" "${CMD[@]}") >>"$RUN_LOG" 2>&1 ||
        { log "$name/$variant: round $round failed (see $RUN_LOG)"; exit 1; }
      t1=$(now)
      wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
      read -r rss user sys < <(tail -n 1 "$tfile")
      printf '%s\t%d\t%s\t%s\t%s\t%s\n' "$name" "$round" "$variant" "$wall" "$rss" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" >>"$OUT_TSV"
    done
  done
}

S=$BENCH_DIR
if has_group generate; then
  group generate "peer|$S/small-after|" "jdk25|$S/small-after|generate track6" "jdk17|$S/small-after|generate track6" \
    "before17|$S/small-before|generate track6" "before25|$S/small-before|generate track6"
fi
if has_group check; then
  group check "jdk25-generate|$S/small-after|generate track6" "jdk25-check|$S/small-after|check" \
    "jdk17-generate|$S/small-after|generate track6" "jdk17-check|$S/small-after|check" \
    "before17-generate|$S/small-before|generate track6" "before17-check|$S/small-before|check"
fi
if has_group hook; then
  group hook "jdk25-generate|$S/small-after|generate track6" "jdk25-hook|$S/hook-after|hook run" \
    "jdk17-generate|$S/small-after|generate track6" "jdk17-hook|$S/hook-after|hook run" \
    "before17-generate|$S/small-before|generate track6" "before17-hook|$S/hook-before|hook run"
fi
if has_group big; then
  group big "jdk25|$S/big-after|generate big-20x200x10" "jdk17|$S/big-after|generate big-20x200x10" \
    "before17|$S/big-before|generate big-20x200x10"
fi
echo "# load at the end $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT_TSV"

report "$OUT_TSV"
echo
echo "TSV: $OUT_TSV ; output of the runs: $RUN_LOG"
