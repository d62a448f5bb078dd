package io.velibconnect.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SystemScopedKeyTest {

    @Test
    void stationCodeElseStationId() {
        assertEquals("16107", StationKey.local("16107", "213688169"));
        assertEquals("213688169", StationKey.local(null, "213688169"));
    }

    @Test
    void codeKeysAreLocalAndSystemCodeKeysNameTheSystem() {
        assertEquals("16107", StationKey.CODE.recordKey("velib", "16107"));
        assertEquals("velib/16107", StationKey.SYSTEM_CODE.recordKey("velib", "16107"));
        assertEquals(StationKey.SYSTEM_CODE, StationKey.parse(" System-Code "));
        assertEquals("system-code", StationKey.SYSTEM_CODE.configValue());
        assertThrows(IllegalArgumentException.class, () -> StationKey.parse("id"));
    }

    @Test
    void theFirstSlashAlwaysEndsTheSystem() {
        for (String system : new String[] {"a/b", "a%2Fb", "%", "100%/x", "nextbike_xx"}) {
            String key = SystemScopedKey.of(system, "st/1%2F");
            assertEquals(system, SystemScopedKeys.systemOf(key), key);
            assertEquals("st/1%2F", SystemScopedKeys.localOf(key), key);
            int length = SystemScopedKey.systemLength(key.getBytes(StandardCharsets.UTF_8));
            assertEquals(key.indexOf('/'), length, key);
        }
        assertNull(SystemScopedKeys.systemOf("16107"));
        assertEquals(-1, SystemScopedKey.systemLength("16107".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> SystemScopedKey.of("", "1"));
    }

    @Test
    void everyStationOfASystemGoesToOnePartitionAndSystemsSpread() {
        Set<Integer> partitionsOfSystems = new HashSet<>();
        for (int system = 0; system < 40; system++) {
            Set<Integer> partitions = new HashSet<>();
            for (int station = 0; station < 50; station++) {
                String key = SystemScopedKey.of("system-" + system, Integer.toString(station));
                partitions.add(SystemPartitioner.partition(key.getBytes(StandardCharsets.UTF_8), 4));
            }
            assertEquals(1, partitions.size(), "system-" + system);
            partitionsOfSystems.addAll(partitions);
        }
        assertEquals(Set.of(0, 1, 2, 3), partitionsOfSystems);
    }

    @Test
    void keysWithoutASystemAreHashedWhole() {
        Set<Integer> partitions = new HashSet<>();
        for (int station = 0; station < 50; station++) {
            partitions.add(SystemPartitioner.partition(Integer.toString(station).getBytes(StandardCharsets.UTF_8),
                    4));
        }
        assertNotEquals(1, partitions.size());
    }
}
