package io.velibconnect.launcher;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;

/** The per-postcode totals as a terminal table, redrawn in place with ANSI escapes, lines above and below it. */
final class TotalsTable {

    static final String CLEAR_SCREEN = "\033[H\033[2J";
    private static final String ROW = "%-8s %-24s %8s %6s %10s %9s %6s %9s  %s%n";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private TotalsTable() {
    }

    static String render(Collection<PostcodeTotals> totals, List<String> header, String footer) {
        StringBuilder table = new StringBuilder(CLEAR_SCREEN);
        for (String line : header) {
            table.append(line).append(System.lineSeparator());
        }
        if (!header.isEmpty()) {
            table.append(System.lineSeparator());
        }
        table.append(String.format(ROW, "postcode", "city", "stations", "bikes", "mechanical", "electric",
                "docks", "capacity", "changed"));
        long bikes = 0;
        long mechanical = 0;
        long electric = 0;
        long docks = 0;
        long capacity = 0;
        int stations = 0;
        for (PostcodeTotals t : totals) {
            table.append(String.format(ROW, t.postcode(), abbreviate(t.city()), t.stations(), t.bikes(), t.mechanical(),
                    t.electric(), t.docks(), t.capacity(), TIME.format(Instant.ofEpochMilli(t.timestampMillis()))));
            stations += t.stations();
            bikes += t.bikes();
            mechanical += t.mechanical();
            electric += t.electric();
            docks += t.docks();
            capacity += t.capacity();
        }
        table.append(String.format(ROW, "all", totals.size() + " groups", stations, bikes, mechanical, electric, docks,
                capacity, ""));
        return table.append(System.lineSeparator()).append(footer).append(System.lineSeparator()).toString();
    }

    private static String abbreviate(String city) {
        return city.length() <= 24 ? city : city.substring(0, 23) + "…";
    }
}
