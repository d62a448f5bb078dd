package io.velibconnect.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The distribution zip unzipped into a fresh folder, as the README tells users to do; the folder is a plugin.path. */
record UnzippedPlugin(Path pluginPath, Path home) {

    static final String NAME = "velibconnect-velib-connect-" + ProjectFiles.required("project.version");

    static UnzippedPlugin into(Path pluginPath) {
        Path zip = Path.of(ProjectFiles.required("velib.zip"));
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: build it with mvn package (these tests run in mvn verify)");
        }
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = pluginPath.resolve(entry.getName()).normalize();
                if (!target.startsWith(pluginPath)) {
                    throw new IllegalStateException("zip entry escapes its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(in, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new UnzippedPlugin(pluginPath, pluginPath.resolve(NAME));
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.write(target, in.readAllBytes());
    }

    Path etc(String name) {
        return home.resolve("etc").resolve(name);
    }
}
