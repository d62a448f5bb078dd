package io.velibconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.puppycrawl.tools.checkstyle.Checker;
import com.puppycrawl.tools.checkstyle.ConfigurationLoader;
import com.puppycrawl.tools.checkstyle.PropertiesExpander;
import com.puppycrawl.tools.checkstyle.api.AuditEvent;
import com.puppycrawl.tools.checkstyle.api.AuditListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layering rules the build enforces (checkstyle/import-control.xml): the shipped sources keep them, and an
 * import that breaks one is caught, so the build's check is known to bite.
 */
class LayeringTest {

    @TempDir
    Path dir;

    private List<String> violations(List<File> files) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("importControl", ProjectFiles.root().resolve("checkstyle/import-control.xml")
                .toString());
        Checker checker = new Checker();
        checker.setModuleClassLoader(Checker.class.getClassLoader());
        checker.configure(ConfigurationLoader.loadConfiguration(ProjectFiles.root()
                .resolve("checkstyle/checkstyle.xml").toString(), new PropertiesExpander(properties)));
        List<String> violations = new ArrayList<>();
        checker.addListener(new AuditListener() {
            public void auditStarted(AuditEvent event) {
            }

            public void auditFinished(AuditEvent event) {
            }

            public void fileStarted(AuditEvent event) {
            }

            public void fileFinished(AuditEvent event) {
            }

            public void addError(AuditEvent event) {
                violations.add(event.getFileName() + ":" + event.getLine() + " " + event.getMessage());
            }

            public void addException(AuditEvent event, Throwable throwable) {
                violations.add(event.getFileName() + " " + throwable);
            }
        });
        try {
            checker.process(files);
        } finally {
            checker.destroy();
        }
        return violations;
    }

    private File source(String pkg, String name, String imports) throws Exception {
        Path file = dir.resolve("src/main/java").resolve(pkg.replace('.', '/')).resolve(name + ".java");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "package " + pkg + ";\n\n" + imports + "\nclass " + name + " {\n    Object o = "
                + imports.substring(imports.lastIndexOf('.') + 1, imports.lastIndexOf(';')) + ".class;\n}\n").toFile();
    }

    @Test
    void theShippedSourcesKeepTheLayering() throws Exception {
        List<File> files = new ArrayList<>();
        for (String module : List.of("transforms", "connector", "launcher")) {
            try (Stream<Path> walk = Files.walk(ProjectFiles.root().resolve(module).resolve("src/main/java"))) {
                walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).forEach(files::add);
            }
        }
        assertTrue(files.size() > 100, files.size() + " sources");
        assertEquals(List.of(), violations(files));
    }

    @Test
    void anImportThatBreaksTheLayeringIsCaught() throws Exception {
        List<String> caught = violations(List.of(
                source("io.velibconnect.gbfs", "Parsing", "import org.apache.kafka.connect.data.Struct;"),
                source("io.velibconnect.source", "StationDiff", "import org.apache.kafka.connect.data.Struct;"),
                source("io.velibconnect.aggregate", "Totals", "import org.apache.kafka.common.TopicPartition;"),
                source("io.velibconnect.source", "Runner", "import org.apache.kafka.connect.runtime.Worker;"),
                source("io.velibconnect.transforms", "Leak", "import io.velibconnect.records.StationKey;"),
                source("io.velibconnect.records", "Back", "import io.velibconnect.source.StationRecords;")));
        assertEquals(6, caught.size(), String.join("\n", caught));
        assertTrue(caught.stream().allMatch(v -> v.contains("Disallowed import")), String.join("\n", caught));

        assertEquals(List.of(), violations(List.of(
                source("io.velibconnect.source", "Allowed", "import org.apache.kafka.connect.data.Struct;"))));
    }
}
