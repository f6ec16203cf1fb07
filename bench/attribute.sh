#!/usr/bin/env bash
# Which commits made a cold `generate track6` slower or faster: builds each revision given, then
# times its jar in interleaved rounds (every revision once per round, in the order given), each run
# a JVM of its own with that revision's start-up cache, on that revision's own committed project.
#
#   bench/attribute.sh [-r ROUNDS] [-j 17|25] [-p] [-P DIR -t TRACK] [-o TSV] REV...
#   e.g. bench/attribute.sh ccee1f7 d77093f HEAD
#        bench/attribute.sh -P target/bench/compare/big-after -t big-20x200x10 ccee1f7 HEAD
#
# -P DIR -t TRACK: every revision generates TRACK from a copy of DIR/dossiers (the same data for
# all) instead of track6 from its own committed dossiers/.
# -p adds the Python/SciPy peer of this tree (bench/peer/track6.py, on this tree's dossiers/) to every
# round, and a column with each revision's ratio to it.
#
# Each revision is checked out as a git worktree under /tmp/dossier-bench-rev-SHORT and built
# there once (`mvn package -DskipTests`, JDK 17). A revision with dossier.cli.Training gets the
# start-up cache that this tree's launcher (src/bin/dossier) makes for its jar; an older one runs
# with the CDS archive its own build wrote (target/dossier.jsa; JDK 17 only) and DOSSIER_DAEMON=off.
# The project of a run is a copy of the revision's dossiers/ (its own specs, snapshots and
# templates, so that each writes its own dossier), the same copy for every round.
#
# Prints, per revision, the median wall time and its min–max, the median CPU time, and the median
# over rounds of the ratio to the revision before it and to the first one (paired by round). Raw
# timings: target/bench/attribute/attribute.tsv, or -o TSV.
set -euo pipefail

REPS=9
JDK_MAJOR=17
PEER=
PROJECT=
TRACK=track6
TSV=
while getopts 'r:j:pP:t:o:' opt; do
  case $opt in
    o) TSV=$OPTARG ;;
    P) PROJECT=$(cd "$OPTARG" && pwd) ;;
    t) TRACK=$OPTARG ;;
    r) REPS=$OPTARG ;;
    j) JDK_MAJOR=$OPTARG ;;
    p) PEER=1 ;;
    *) sed -n '2,24p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { sed -n '2,24p' "$0" >&2; exit 2; }
if [ -n "$PEER" ] && { [ -n "$PROJECT" ] || [ "$TRACK" != track6 ]; }; then
  echo "attribute.sh: -p times the peer's generate track6 on this tree's dossiers/; it cannot go with -P or -t" >&2
  exit 2
fi
# Decimal points, whatever the caller's locale, for EPOCHREALTIME, bc and printf.
export LC_ALL=C

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
case $JDK_MAJOR in
  17) JDK=$JDK17 ;;
  25) JDK=$JDK25 ;;
  *) echo "attribute.sh: -j is 17 or 25" >&2; exit 2 ;;
esac
OUT=$ROOT/target/bench/attribute
mkdir -p "$OUT"
log() { printf 'bench: %s\n' "$*" >&2; }

unset DOSSIER_DB_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGSERVICE PGSERVICEFILE PGUSER PGPASSWORD PGPASSFILE || true
unset JAVA_OPTS DOSSIER_JAR || true

revs=()
for rev in "$@"; do
  short=$(git -C "$ROOT" rev-parse --short "$rev^{commit}")
  revs+=("$short")
  dir=/tmp/dossier-bench-rev-$short
  if [ ! -f "$dir/target/dossier.jar" ]; then
    [ -d "$dir" ] || git -C "$ROOT" worktree add --detach "$dir" "$short" >&2
    log "building $short in $dir"
    (cd "$dir" && JAVA_HOME=$JDK17 mvn -q -B -o package -DskipTests >&2)
  fi
  rm -rf "$OUT/p-$short"
  mkdir -p "$OUT/p-$short"
  cp -r "${PROJECT:-$dir}/dossiers" "$OUT/p-$short/dossiers"
done

if [ -n "$PEER" ]; then
  rm -rf "$OUT/p-peer"
  mkdir -p "$OUT/p-peer"
  cp -r "$ROOT/dossiers" "$OUT/p-peer/dossiers"
fi

# run SHORT: one generate of that revision's jar (or the peer's job); prints "wall cpu".
run() {
  local short=$1 dir=/tmp/dossier-bench-rev-$1 start end
  local cmd
  if [ "$short" = peer ]; then
    cmd=(python3 "$ROOT/bench/peer/track6.py" --project . --out-dir "$OUT/peer-out")
  elif unzip -l "$dir/target/dossier.jar" dossier/cli/Training.class >/dev/null 2>&1; then
    cmd=(env "JAVA_HOME=$JDK" "DOSSIER_JAR=$dir/target/dossier.jar" "$ROOT/src/bin/dossier")
  else
    [ "$JDK_MAJOR" = 17 ] || { echo "attribute.sh: $short has no AOT training; measure it with -j 17" >&2; exit 2; }
    cmd=(env DOSSIER_DAEMON=off "$JDK/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
      "-XX:SharedArchiveFile=$dir/target/dossier.jsa" -Xlog:cds=off -jar "$dir/target/dossier.jar")
  fi
  start=$EPOCHREALTIME
  [ "$short" = peer ] || cmd+=(generate "$TRACK" --force)
  (cd "$OUT/p-$short" && /usr/bin/time -f '%U %S' -o "$OUT/time" "${cmd[@]}" >/dev/null 2>"$OUT/err") || {
    log "$short: the run failed:"; cat "$OUT/err" >&2; return 1; }
  end=$EPOCHREALTIME
  printf '%s %s\n' "$(echo "$end - $start" | bc)" "$(awk '{print $1 + $2}' "$OUT/time")"
}

[ -z "$PEER" ] || revs+=(peer)
TSV=${TSV:-$OUT/attribute.tsv}
printf 'round\trev\twall_s\tcpu_s\n' >"$TSV"
log "warm-up (trains the start-up caches)"
for short in "${revs[@]}"; do run "$short" >/dev/null; done
for round in $(seq 1 "$REPS"); do
  for short in "${revs[@]}"; do
    run "$short" >"$OUT/run" || exit 1
    read -r wall cpu <"$OUT/run"
    printf '%s\t%s\t%s\t%s\n' "$round" "$short" "$wall" "$cpu" >>"$TSV"
  done
done

python3 - "$TSV" "$JDK_MAJOR" "$TRACK" "${revs[@]}" <<'EOF'
import csv, statistics, sys
tsv, jdk, track, revs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
rows = list(csv.DictReader(open(tsv), delimiter='\t'))
peer = revs[-1] == 'peer'
if peer:
    revs = revs[:-1]
wall = {r: {int(x['round']): float(x['wall_s']) for x in rows if x['rev'] == r} for r in revs + ['peer'] * peer}
cpu = {r: [float(x['cpu_s']) for x in rows if x['rev'] == r] for r in revs + ['peer'] * peer}
rounds = sorted(wall[revs[0]])
print(f"generate {track}, JDK {jdk}, {len(rounds)} interleaved rounds")
print("| revision | median s | min–max s | CPU s | ÷ previous | ÷ first |" + (" ÷ peer |" if peer else ""))
print("|---|---:|---|---:|---:|---:|" + ("---:|" if peer else ""))
for i, r in enumerate(revs):
    w = list(wall[r].values())
    prev = statistics.median(wall[r][k] / wall[revs[i - 1]][k] for k in rounds) if i else 1.0
    first = statistics.median(wall[r][k] / wall[revs[0]][k] for k in rounds)
    print(f"| {r} | {statistics.median(w):.3f} | {min(w):.3f}–{max(w):.3f} | {statistics.median(cpu[r]):.2f} "
          f"| {prev:.2f}× | {first:.2f}× |"
          + (f" {statistics.median(wall[r][k] / wall['peer'][k] for k in rounds):.2f}× |" if peer else ""))
if peer:
    w = list(wall['peer'].values())
    print(f"| peer | {statistics.median(w):.3f} | {min(w):.3f}–{max(w):.3f} | {statistics.median(cpu['peer']):.2f} | | | |")
EOF
