package com.podcartoes.lake.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the console remembers per user, and how it writes times, durations and sizes. */
class ConsolePreferencesTest {
    @Test
    void preferencesSurviveARestartAndAnUnreadableFileMeansDefaults() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "prefs");
        Path file = dir.resolve("nested/console.properties");
        ConsolePreferences first = new ConsolePreferences(file);
        assertThat(first.get("theme")).isEmpty();
        first.put("theme", "DARK");
        first.put("window.width", "1280.5");
        first.put("screen", "Book");
        first.save();

        ConsolePreferences again = new ConsolePreferences(file);
        assertThat(again.get("theme")).contains("DARK");
        assertThat(again.getDouble("window.width")).contains(1280.5);
        assertThat(again.get("screen")).contains("Book");
        assertThat(Theme.parse(again.get("theme").orElseThrow())).isEqualTo(Theme.DARK);
        assertThat(Theme.parse("PURPLE")).isEqualTo(Theme.LIGHT);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left beside it
        }

        Files.writeString(file, "window.width=wide\\u12");
        ConsolePreferences broken = new ConsolePreferences(file);
        assertThat(broken.getDouble("window.width")).isEmpty();
    }

    @Test
    void timesDurationsAndSizesReadTheSameOnEveryScreen() {
        assertThat(Formats.duration(Duration.ofMillis(4_260))).isEqualTo("4.2 s");
        assertThat(Formats.duration(Duration.ofSeconds(185))).isEqualTo("3 min 05 s");
        assertThat(Formats.duration(Duration.ofMinutes(62))).isEqualTo("1 h 02 min");
        assertThat(Formats.duration(Duration.ofSeconds(-3))).isEqualTo("0.0 s");
        assertThat(Formats.duration(null, Instant.EPOCH)).isEmpty();
        assertThat(Formats.bytes(1023)).isEqualTo("1023 B");
        assertThat(Formats.bytes(6_600_000)).isEqualTo("6.3 MiB");
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        assertThat(Formats.ago(now.minusSeconds(12), now)).isEqualTo("12 s ago");
        assertThat(Formats.ago(now.minusSeconds(600), now)).isEqualTo("10 min ago");
        assertThat(Formats.time(null)).isEmpty();
    }
}
