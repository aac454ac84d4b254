package com.podcartoes.lake.layout;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source extract's file name, {@code <subject>_<YYYYMMDD>_<YYYYMMDDhhmmss>.csv} (data date, extraction time),
 * e.g. {@code tb_pagamentos_20241201_20241202000000.csv}. The extraction time orders files of one subject:
 * when a key appears in several files, the latest extraction wins (data contract, section 3).
 */
public record SourceFileName(Subject subject, LocalDate dataDate, LocalDateTime extractedAt)
        implements Comparable<SourceFileName> {

    private static final Pattern PATTERN =
            Pattern.compile("(tb_faturas|tb_pagamentos)_(\\d{8})_(\\d{14})\\.csv");
    // 'uuuu' with STRICT rejects 20230230 and 20231301 instead of rolling them over.
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

    /** Parses a bare file name (no directories); empty when it does not follow the convention. */
    public static Optional<SourceFileName> parse(String fileName) {
        Matcher m = PATTERN.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SourceFileName(Subject.parse(m.group(1)),
                    LocalDate.parse(m.group(2), DATE), LocalDateTime.parse(m.group(3), TIMESTAMP)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public String fileName() {
        return subject.id() + "_" + DATE.format(dataDate) + "_" + TIMESTAMP.format(extractedAt) + ".csv";
    }

    /** The same name with {@code .ctl} instead of {@code .csv}: the control file beside it in raw. */
    public String controlFileName() {
        String name = fileName();
        return name.substring(0, name.length() - ".csv".length()) + ".ctl";
    }

    @Override
    public int compareTo(SourceFileName other) {
        int byTime = extractedAt.compareTo(other.extractedAt);
        return byTime != 0 ? byTime : fileName().compareTo(other.fileName());
    }

    @Override
    public String toString() {
        return fileName();
    }
}
