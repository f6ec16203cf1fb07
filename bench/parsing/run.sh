#!/usr/bin/env bash
# Times the reading and the digest of a big snapshot in dossier's own code and in the library form
# of the same work (HandVsLibrary.java), one fresh JVM per measurement with the launcher's JVM
# options, the modes and jars interleaved; prints the median CPU milliseconds of each (the thread's
# CPU time: on a shared machine wall time mostly measures the neighbours) and the median wall ms.
#
#   bench/parsing/run.sh [-r ROUNDS] CSV [JAR …]
#
# CSV: e.g. the 50,000-row sweep, written by
#   java -cp target/test-classes:target/dossier.jar dossier.sample.BigSweep /tmp/big 20x200x10
# JAR: dossier jars to compare (default target/dossier.jar), e.g. one built from the commit before.
set -euo pipefail
ROUNDS=10
while getopts "r:" opt; do
  case $opt in
    r) ROUNDS=$OPTARG ;;
    *) echo "usage: bench/parsing/run.sh [-r ROUNDS] CSV [JAR …]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: bench/parsing/run.sh [-r ROUNDS] CSV [JAR …]" >&2; exit 2; }
csv=$(realpath "$1"); shift
cd "$(dirname "$0")/../.."
jars=("$@")
[ ${#jars[@]} -gt 0 ] || jars=(target/dossier.jar)
# Commons CSV and what it needs, for the library forms (the same versions as the tests use).
out=target/bench/parsing
mkdir -p "$out"
mvn -q -o dependency:build-classpath -Dmdep.outputFile="$out/libs.txt" -DincludeArtifactIds=commons-csv,commons-io,commons-codec >/dev/null
libs=$(cat "$out/libs.txt")
opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" # as src/bin/dossier runs the tool
log=$out/times.tsv
: >"$log"
for i in "${!jars[@]}"; do
  mkdir -p "$out/classes$i"
  javac -d "$out/classes$i" -cp "${jars[$i]}:$libs" bench/parsing/HandVsLibrary.java
done
for ((round = 1; round <= ROUNDS; round++)); do
  for mode in read read-library digest digest-library; do
    for i in "${!jars[@]}"; do
      # shellcheck disable=SC2086
      printf '%s\t%s\n' "${jars[$i]}" "$(java $opts -cp "$out/classes$i:${jars[$i]}:$libs" HandVsLibrary "$mode" "$csv")" >>"$log"
    done
  done
done
# jar, mode: median CPU ms and median wall ms over the rounds
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf 'jar\tmode\tCPU ms\twall ms\truns\n'
cut -f1,2 "$log" | sort -u | while IFS=$'\t' read -r jar mode; do
  rows=$(awk -F'\t' -v j="$jar" -v m="$mode" '$1 == j && $2 == m' "$log")
  printf '%s\t%s\t%s\t%s\t%s\n' "$jar" "$mode" "$(cut -f3 <<<"$rows" | median)" "$(cut -f4 <<<"$rows" | median)" \
    "$(wc -l <<<"$rows")"
done
