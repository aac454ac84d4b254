package com.podcartoes.lake.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** How the console writes times, durations and sizes: one place, so every screen says them the same way. */
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Formats() {
    }

    /** A local date and time to the second, or nothing. */
    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** A fire time in its own zone, e.g. "2026-12-01 08:00". */
    public static String zoned(ZonedDateTime at) {
        return ZONED.format(at);
    }

    public static String duration(Instant start, Instant end) {
        return start == null || end == null ? "" : duration(Duration.between(start, end));
    }

    /** e.g. "4.2 s", "3 min 05 s", "1 h 02 min". */
    public static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toSeconds() < 60) {
            return d.toMillis() / 100 / 10.0 + " s";
        }
        if (d.toMinutes() < 60) {
            return String.format("%d min %02d s", d.toMinutes(), d.toSecondsPart());
        }
        return String.format("%d h %02d min", d.toHours(), d.toMinutesPart());
    }

    /** e.g. "12 s ago", "3 min ago". */
    public static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        return d.toSeconds() < 60 ? Math.max(0, d.toSeconds()) + " s ago"
                : d.toMinutes() < 120 ? d.toMinutes() + " min ago" : d.toHours() + " h ago";
    }

    /** Bytes in binary units, e.g. "1.4 MiB". */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String units = "KMGTPE";
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length() - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %siB", value, units.charAt(unit));
    }
}
