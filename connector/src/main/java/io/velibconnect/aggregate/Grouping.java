package io.velibconnect.aggregate;

/**
 * How stations are grouped: by what, keyed how, the H3 resolution (used with {@link GroupBy#H3} only) and the
 * name of the group of the stations that have no value for {@code by}.
 */
public record Grouping(GroupBy by, GroupKey key, int h3Resolution, String unknownGroup) {
}
