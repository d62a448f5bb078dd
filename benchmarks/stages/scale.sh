#!/usr/bin/env bash
# Stage scale (run by bin/bench with BENCH_ROOT, BENCH_RESULTS, BENCH_QUICK): the world pipeline at 1.5k, 15k and
# 150k stations (--quick: 1.5k and 15k, one change round); see io.velibconnect.benchmarks.scale.ScaleStage. The
# harness needs the embedded Kafka cluster of the benchmarks' test classpath, so Maven compiles the tests and
# writes that classpath; the stage runs in its own JVM with a 2 GB heap (150k stations do not fit surefire's 1 GB).
set -euo pipefail
cd "$BENCH_ROOT"
mvn -B -q -o -Dstyle.color=never test-compile dependency:build-classpath -pl benchmarks -am \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
quick=()
[ "${BENCH_QUICK:-0}" = 1 ] && quick=(--quick)
cd benchmarks # the embedded cluster's log goes to target/test-kafka.log (log4j2-test.xml)
java -Xmx2g -Djava.awt.headless=true -Dtestdata.dir="$BENCH_ROOT/testdata" \
  -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
  io.velibconnect.benchmarks.scale.ScaleStage "${quick[@]}" --out "$BENCH_RESULTS"
