package io.velibconnect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The recorded feeds under {@code ../shared/data}, found through the {@code shared.dir} system property. */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir(String relative) {
        String shared = System.getProperty("shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property shared.dir is not set: run the tests through Maven "
                    + "(surefire sets it to <project root>/../shared)");
        }
        Path data = Path.of(shared, "data");
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException("recorded feeds not found at " + data.toAbsolutePath()
                    + ": ../shared must sit beside the checkout");
        }
        return data.resolve(relative);
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
