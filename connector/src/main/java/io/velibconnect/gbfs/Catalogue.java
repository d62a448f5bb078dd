package io.velibconnect.gbfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A list of bike-share systems: MobilityData's {@code systems.csv} (columns found by header name, unknown ones
 * ignored) or a GBFS 3.0 {@code manifest.json} ({@code data.datasets[].versions[]}, the newest version this
 * connector reads is used). A row without a usable System ID or auto-discovery URL, or repeating a System ID or
 * URL already listed, is skipped alone; a body that cannot be read as either format, or lists more than
 * {@code maxSystems} systems, is refused whole.
 *
 * @param systems      the usable systems, in catalogue order
 * @param skipped      how many rows were skipped
 * @param skipExamples why the first few were skipped (feed text escaped)
 */
public record Catalogue(List<CatalogedSystem> systems, int skipped, List<String> skipExamples) {

    /** The GBFS versions the feed parser reads, oldest first. */
    static final List<String> READABLE_VERSIONS = List.of("1.0", "1.1", "2.0", "2.1", "2.2", "2.3", "3.0");
    static final String SYSTEM_ID = "System ID";
    static final String DISCOVERY_URL = "Auto-Discovery URL";
    static final String COUNTRY_CODE = "Country Code";
    private static final int MAX_EXAMPLES = 5;
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.IGNORE_TRAILING_UNMAPPABLE)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();

    public Catalogue {
        systems = List.copyOf(systems);
        skipExamples = List.copyOf(skipExamples);
    }

    /** Reads a systems.csv or, when the body is a JSON object, a GBFS manifest. */
    public static Catalogue parse(byte[] body, int maxSystems) throws FeedException {
        Rows rows = new Rows(maxSystems);
        if (isJson(body)) {
            readManifest(body, rows);
        } else {
            readCsv(body, rows);
        }
        return new Catalogue(rows.systems, rows.skipped, rows.examples);
    }

    private static boolean isJson(byte[] body) {
        for (byte b : body) {
            // a UTF-8 byte-order mark or white space may come first
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB
                    && b != (byte) 0xBF) {
                return b == '{';
            }
        }
        return false;
    }

    private static void readCsv(byte[] body, Rows rows) throws FeedException {
        try (MappingIterator<Map<String, String>> lines = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            boolean any = lines.hasNextValue();
            CsvSchema header = (CsvSchema) lines.getParserSchema();
            for (String column : List.of(SYSTEM_ID, DISCOVERY_URL)) {
                if (header == null || header.column(column) == null) {
                    throw new FeedException("systems.csv has no '" + column + "' column (header: "
                            + LogText.of(header == null ? "none" : header.getColumnDesc()) + ")");
                }
            }
            while (any) {
                Map<String, String> line = lines.nextValue();
                rows.add(line.get(SYSTEM_ID), line.get(COUNTRY_CODE), line.get(DISCOVERY_URL),
                        "line " + lines.getCurrentLocation().getLineNr());
                any = lines.hasNextValue();
            }
        } catch (IOException | RuntimeException e) {
            throw new FeedException("systems.csv is malformed: " + LogText.of(e.getMessage()), e);
        }
    }

    private static void readManifest(byte[] body, Rows rows) throws FeedException {
        JsonNode datasets = FeedParser.tree(body).path("data").path("datasets");
        if (!datasets.isArray()) {
            throw new FeedException("manifest.json has no data.datasets list");
        }
        for (JsonNode dataset : datasets) {
            String systemId = dataset.path("system_id").isValueNode() ? dataset.path("system_id").asText() : null;
            String url = null;
            int newest = -1;
            for (JsonNode version : dataset.path("versions")) {
                int readable = READABLE_VERSIONS.indexOf(version.path("version").asText());
                if (readable > newest && version.path("url").isTextual()) {
                    newest = readable;
                    url = version.path("url").asText();
                }
            }
            rows.add(systemId, null, url, "dataset " + LogText.of(systemId)
                    + (url == null && dataset.path("versions").size() > 0 ? " (no version this connector reads)" : ""));
        }
    }

    /** The rows read so far, each checked alone. */
    private static final class Rows {
        private final int maxSystems;
        private final List<CatalogedSystem> systems = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();
        private final Set<String> urls = new HashSet<>();
        private final List<String> examples = new ArrayList<>();
        private int read;
        private int skipped;

        Rows(int maxSystems) {
            this.maxSystems = maxSystems;
        }

        void add(String systemId, String country, String url, String where) throws FeedException {
            if (++read > maxSystems) {
                throw new FeedException("the catalogue lists more than " + maxSystems + " systems");
            }
            String problem = problem(blankToNull(systemId), blankToNull(url));
            if (problem != null) {
                skipped++;
                if (examples.size() < MAX_EXAMPLES) {
                    examples.add(where + ": " + problem);
                }
                return;
            }
            ids.add(systemId.trim());
            urls.add(url.trim());
            String code = blankToNull(country);
            systems.add(new CatalogedSystem(systemId.trim(), code == null ? null : code.toUpperCase(Locale.ROOT),
                    url.trim()));
        }

        private String problem(String systemId, String url) {
            if (systemId == null) {
                return "no System ID";
            }
            if (url == null) {
                return "system " + LogText.of(systemId) + " has no auto-discovery URL";
            }
            // a task's feeds travel as one comma-separated setting
            if (HttpUrl.parse(url) == null || url.contains(",")) {
                return "system " + LogText.of(systemId) + ": " + LogText.of(url) + " is not a usable http(s) URL";
            }
            if (ids.contains(systemId)) {
                return "System ID " + LogText.of(systemId) + " is listed twice; the first is kept";
            }
            if (urls.contains(url)) {
                return "system " + LogText.of(systemId) + ": " + LogText.of(url) + " is already listed by another "
                        + "system; a feed is polled once";
            }
            return null;
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text.trim();
        }
    }
}
