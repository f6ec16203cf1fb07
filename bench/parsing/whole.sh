#!/usr/bin/env bash
# The whole generate of a big sweep through the launcher, one jar after the other in each round,
# so that what the machine does besides falls on every jar alike: wall seconds, the process's CPU
# seconds (user + sys: on a shared machine, the comparable figure) and peak RSS, then the medians.
#
#   bench/parsing/whole.sh [-r ROUNDS] PROJECT TRACK JAR …
#
# PROJECT: a folder with dossiers/TRACK.yaml and its snapshot, e.g. from
#   java -cp target/test-classes:target/dossier.jar dossier.sample.BigSweep /tmp/big 20x200x10
# JAR: dossier jars to compare, each in a folder of its own (the launcher keeps its start-up cache
# beside the jar); each writes dossiers/TRACK-<n>.md in PROJECT.
set -euo pipefail
ROUNDS=8
while getopts "r:" opt; do
  case $opt in
    r) ROUNDS=$OPTARG ;;
    *) echo "usage: bench/parsing/whole.sh [-r ROUNDS] PROJECT TRACK JAR …" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 3 ] || { echo "usage: bench/parsing/whole.sh [-r ROUNDS] PROJECT TRACK JAR …" >&2; exit 2; }
launcher=$(realpath "$(dirname "$0")/../../src/bin/dossier")
project=$(realpath "$1"); track=$2; shift 2
jars=()
for j in "$@"; do jars+=("$(realpath "$j")"); done
unset DOSSIER_DB_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGSERVICE PGSERVICEFILE PGUSER PGPASSWORD PGPASSFILE || true
log=$(mktemp)
times=$(mktemp)
trap 'rm -f "$log" "$times"' EXIT
cd "$project"
# Untimed: trains each jar's start-up cache and fills the page cache.
for i in "${!jars[@]}"; do
  DOSSIER_JAR=${jars[$i]} sh "$launcher" generate "$track" --out "dossiers/$track-$i.md" --force >/dev/null 2>&1
done
for ((round = 1; round <= ROUNDS; round++)); do
  for i in "${!jars[@]}"; do
    start=$EPOCHREALTIME
    /usr/bin/time -f '%U %S %M' -o "$times" env DOSSIER_JAR="${jars[$i]}" sh "$launcher" generate "$track" \
      --out "dossiers/$track-$i.md" --force >/dev/null 2>&1
    end=$EPOCHREALTIME
    read -r user sys rss <"$times"
    printf '%s\t%s\t%s\t%s\n' "${jars[$i]}" "$(echo "$end - $start" | bc)" "$(echo "$user + $sys" | bc)" "$rss" >>"$log"
  done
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf 'jar\twall s\tCPU s\tpeak RSS KB\truns\n'
for j in "${jars[@]}"; do
  rows=$(awk -F'\t' -v j="$j" '$1 == j' "$log")
  printf '%s\t%s\t%s\t%s\t%s\n' "$j" "$(cut -f2 <<<"$rows" | median)" "$(cut -f3 <<<"$rows" | median)" \
    "$(cut -f4 <<<"$rows" | median)" "$(wc -l <<<"$rows")"
done
