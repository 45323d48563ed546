#!/bin/sh
# Builds the benchmarks and runs all of them in one JMH run with the allocation profiler, then
# prints the tables of docs/performance.md. Arguments go to JMH after the defaults, e.g. a regex
# of the benchmarks to run: benchmarks/run.sh 'CounterHandle'.
#
# Writes benchmarks/target/results.json (JMH), benchmarks/target/results.md (the tables) and
# benchmarks/target/run-info.txt (machine, JDK, load before and after).
set -eu
cd "$(dirname "$0")/.."

java_feature() {
  "$1" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }' | sed -e 's/^1\.//' -e 's/[^0-9].*$//'
}

# The same JDK rule as ./mvnw: JAVA_HOME when it is 21 or newer, else the first such JDK found.
java=""
set +f
for home in "${JAVA_HOME:-}" /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  if [ -n "$home" ] && [ -x "$home/bin/java" ]; then
    v="$(java_feature "$home/bin/java")"
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then
      java="$home/bin/java"
      break
    fi
  fi
done
if [ -z "$java" ]; then
  echo "run.sh: the benchmarks need a JDK 21 or newer; set JAVA_HOME to one." >&2
  exit 1
fi

./mvnw -B -q -pl benchmarks -am package -DskipTests

info=benchmarks/target/run-info.txt
{
  echo "cpus: $(nproc 2>/dev/null || echo unknown)"
  "$java" -version 2>&1
  echo "load before: $(cat /proc/loadavg 2>/dev/null || uptime)"
} >"$info"
"$java" -jar benchmarks/target/benchmarks.jar -prof gc -rf json \
  -rff benchmarks/target/results.json "$@"
echo "load after: $(cat /proc/loadavg 2>/dev/null || uptime)" >>"$info"

"$java" -cp benchmarks/target/benchmarks.jar nexus.monitoring.benchmarks.PerformanceTables \
  benchmarks/target/results.json | tee benchmarks/target/results.md
