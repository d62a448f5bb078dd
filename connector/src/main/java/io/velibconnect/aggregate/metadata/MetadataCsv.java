package io.velibconnect.aggregate.metadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.velibconnect.gbfs.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a station metadata CSV, such as the Vélib' one: a header {@code stationCode,station_id,postcode,city}, then
 * rows.
 */
public final class MetadataCsv {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataCsv.class);
    static final String HEADER = "stationCode,station_id,postcode,city";

    private MetadataCsv() {
    }

    public static List<MetadataRow> read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().replace("\uFEFF", "").equals(HEADER)) {
                throw new IOException(file + ": the first line must be '" + HEADER + "', found '" + header + "'");
            }
            List<MetadataRow> rows = new ArrayList<>();
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != 4 || cells[1].isBlank()) {
                    LOG.warn("{} line {}: skipped, expected 4 cells with a station_id: '{}'", file, number, LogText.of(line));
                    continue;
                }
                rows.add(new MetadataRow(blankToNull(cells[0]), cells[1].strip(), blankToNull(cells[2]),
                        blankToNull(cells[3])));
            }
            return rows;
        }
    }

    private static String blankToNull(String cell) {
        return cell.isBlank() ? null : cell.strip();
    }
}
