package io.velibconnect.gbfs;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.velibconnect.testing.TestData;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Whatever the bytes, parsing ends in a snapshot or a {@link FeedException}, never another exception. Run as a
 * test, each method replays its committed inputs ({@code FeedParserFuzzTestInputs/<method>/}); with
 * {@code JAZZER_FUZZ=1} it fuzzes (e.g. {@code JAZZER_FUZZ=1 mvn -pl connector test -Dtest=FeedParserFuzzTest}).
 * Inputs that once failed are kept there as regression inputs.
 */
class FeedParserFuzzTest {

    private static final FeedParser PARSER = new FeedParser("en", FeedLimits.DEFAULTS);
    /** Vélib's quirks, and GBFS 3.0's localized names and RFC 3339 times. */
    private static final List<byte[]> RECORDED = List.of(
            TestData.bytes("velib/2022-02_samhrrl/station_status.json"),
            TestData.bytes("gbfs-json-schema/examples/3.0/station_status.json"),
            TestData.bytes("gbfs-json-schema/examples/3.0/station_information.json"));
    private static final int MAX_MUTATIONS = 32;

    @FuzzTest(maxDuration = "60s")
    void arbitraryBytesAreAFeedOrAFeedException(byte[] body) {
        parseBoth(body);
    }

    /** A recorded feed with bytes replaced, inserted and removed: deep in the station list, not only its start. */
    @FuzzTest(maxDuration = "60s")
    void aMutatedRecordedFeedIsAFeedOrAFeedException(FuzzedDataProvider data) {
        byte[] body = RECORDED.get(data.consumeInt(0, RECORDED.size() - 1));
        int mutations = data.consumeInt(1, MAX_MUTATIONS);
        for (int i = 0; i < mutations && data.remainingBytes() > 0; i++) {
            int at = data.consumeInt(0, body.length);
            ByteArrayOutputStream mutated = new ByteArrayOutputStream(body.length + 64);
            mutated.write(body, 0, at);
            switch (data.consumeInt(0, 2)) {
                case 0 -> mutated.writeBytes(data.consumeBytes(data.consumeInt(1, 32)));
                case 1 -> at = Math.min(body.length, at + data.consumeInt(1, 64));
                default -> {
                    mutated.writeBytes(data.consumeBytes(data.consumeInt(1, 8)));
                    at = Math.min(body.length, at + 1);
                }
            }
            mutated.write(body, at, body.length - at);
            body = mutated.toByteArray();
        }
        parseBoth(body);
    }

    private static void parseBoth(byte[] body) {
        try {
            PARSER.parseStatus(body);
        } catch (FeedException expected) {
            // the one outcome besides a snapshot
        }
        try {
            PARSER.parseInformation(body);
        } catch (FeedException expected) {
            // the one outcome besides a snapshot
        }
    }
}
