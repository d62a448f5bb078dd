package io.velibconnect.benchmarks.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.DoubleStream;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        Spread spread = Spread.of(DoubleStream.iterate(100, v -> v - 1).limit(100).boxed().toList());
        assertEquals(new Spread(100, 1, 50, 90, 99, 100), spread);
    }

    @Test
    void fewSamplesMakeTheMaximumTheP99() {
        assertEquals(30.0, Spread.of(List.of(10.0, 30.0, 20.0)).p99());
    }

    @Test
    void histogramCountsPerBucketUpToTheMaximum() {
        assertArrayEquals(new int[] {2, 0, 1}, Spread.histogram(List.of(1.0, 9.9, 25.0), 10));
    }
}
