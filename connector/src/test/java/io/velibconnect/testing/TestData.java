package io.velibconnect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The recorded feeds under the checkout's {@code testdata/}, which surefire names in {@code testdata.dir}. */
public final class TestData {

    private TestData() {
    }

    public static Path dir(String relative) {
        String root = System.getProperty("testdata.dir");
        if (root == null || !Files.isDirectory(Path.of(root))) {
            throw new IllegalStateException("the recorded feeds are not found: run the tests through Maven, which sets "
                    + "testdata.dir to the checkout's testdata/ folder (got " + root + ")");
        }
        return Path.of(root).resolve(relative);
    }

    public static byte[] bytes(String relative) {
        return bytes(dir(relative));
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
