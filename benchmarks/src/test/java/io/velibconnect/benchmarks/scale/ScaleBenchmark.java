package io.velibconnect.benchmarks.scale;

import org.junit.jupiter.api.Test;

/**
 * Runs the scale stage from surefire, which has the embedded cluster's test classpath: {@code bin/bench scale}
 * ({@code benchmarks/stages/scale.sh}) runs {@code mvn test -Dtest=ScaleBenchmark -Dbenchmark.results=DIR
 * [-Dbenchmark.quick=true]}. Not an *IT or *Test, so no test run picks it up.
 */
class ScaleBenchmark {

    @Test
    void run() throws Exception {
        String results = System.getProperty("benchmark.results", "results");
        if (Boolean.getBoolean("benchmark.quick")) {
            ScaleStage.main("--quick", "--out", results);
        } else {
            ScaleStage.main("--out", results);
        }
    }
}
