#!/bin/sh
# Runs the zk-async benchmarks. Finds a JDK 21+ (like ./mvnw), builds what is needed, then:
#
#   zk-async-benchmarks/run.sh                     the full side-by-side harness (about 20 minutes on 2 cores);
#                                                  results in zk-async-benchmarks/results/
#   zk-async-benchmarks/run.sh key=value ...       the same with settings, e.g. bench.measure=10s bench.rounds=3
#                                                  bench.clients=zk-async,official-nio bench.workloads=get-256
#                                                  zk.connect=host:port (see BenchConfig)
#   zk-async-benchmarks/run.sh jmh [JMH args]      the codec micro-benchmarks (default: -f 1 -wi 2 -i 3 -prof gc)
#   zk-async-benchmarks/run.sh scale [key=value]   the scale scenarios: tree cache, watch restore, many sessions
#                                                  (see ScaleConfig); results in results/scale.{csv,md,png}
#
# ZK_BENCH_SKIP_BUILD=1 reuses the last build; ZK_BENCH_NICE=-5 runs client and server (its child) at that
# niceness, which keeps other work on a shared machine from eating into the windows (negative needs root).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$root/.mvn/find-jdk.sh"
JAVA_HOME="$(zk_find_jdk)" || exit 1
export JAVA_HOME
java="$JAVA_HOME/bin/java"

cd "$root"
if [ "${ZK_BENCH_SKIP_BUILD-}" != 1 ]; then
  ./mvnw -B -ntp -q install -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -pl zk-async-zookeeper-runtime,zk-async-test,zk-async-client,zk-async-spring-boot-starter -am
  ./mvnw -B -ntp -q -pl zk-async-benchmarks package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$here/target/classpath.txt"
fi
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"

if [ "${1-}" = jmh ]; then
  shift
  if [ $# -eq 0 ]; then
    set -- -f 1 -wi 2 -i 3 -w 1s -r 2s -prof gc -rf json -rff "$here/results/jmh.json"
  fi
  mkdir -p "$here/results"
  exec "$java" -cp "$cp" org.openjdk.jmh.Main "$@"
fi

if [ "${1-}" = scale ]; then
  shift
  exec "$java" -Xms2g -Xmx2g -XX:+UseG1GC -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED \
    -cp "$cp" dev.zkasync.benchmarks.scale.ScaleHarness bench.out="$here/results" "$@"
fi

nice=""
if [ -n "${ZK_BENCH_NICE-}" ]; then
  nice="nice -n $ZK_BENCH_NICE"
fi
exec $nice "$java" -Xms1g -Xmx1g -XX:+UseG1GC -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED \
  -cp "$cp" dev.zkasync.benchmarks.harness.Harness bench.out="$here/results" "$@"
