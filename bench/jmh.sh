#!/usr/bin/env bash
# JMH micro-benchmarks of the bootstrap and the statistics (bench/jmh/, a Maven project of its own,
# not part of the main build). See bench/README.md.
#
#   bench/jmh.sh [JMH OPTIONS] [BENCHMARK REGEX]
#
# Installs the main artifact (mvn install at the root, tests skipped), builds
# bench/jmh/target/benchmarks.jar, then runs it. Short defaults, each used unless the same option
# is given: -f 1 -wi 3 -i 5 -w 1s -r 1s. Examples:
#
#   bench/jmh.sh BootstrapBench                          # only the bootstrap
#   bench/jmh.sh -p resamples=1000,10000,100000 Bootstrap # linear in resamples
#   bench/jmh.sh -f 3 -wi 5 -i 10 -rf json -rff target/jmh.json   # the lead's final numbers
#   bench/jmh.sh -l                                      # list the benchmarks
#
# Environment: JAVA_OPTS (options of the JVM that runs JMH; forks get -jvmArgs), JMH_SKIP_BUILD=1
# to reuse the jar already built.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${JMH_SKIP_BUILD:-}" != 1 ] || [ ! -f bench/jmh/target/benchmarks.jar ]; then
  mvn -q -B install -DskipTests
  mvn -q -B -f bench/jmh/pom.xml package
fi

args=("$@")
given() {
  local a
  for a in "${args[@]}"; do [ "$a" = "$1" ] && return 0; done
  return 1
}
defaults=()
for pair in "-f 1" "-wi 3" "-i 5" "-w 1s" "-r 1s"; do
  read -r opt value <<<"$pair"
  given "$opt" || defaults+=("$opt" "$value")
done

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:-} -jar bench/jmh/target/benchmarks.jar "${defaults[@]}" "${args[@]}"
