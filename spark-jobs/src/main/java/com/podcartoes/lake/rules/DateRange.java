package com.podcartoes.lake.rules;

import com.podcartoes.lake.layout.RejectReason;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The dates a row may carry: anything outside is {@code BAD_DATE}, so that a typo like year 0202 or 2204 is a
 * reject rather than a month that moves the default book month. Configurable (the job's {@code --min-date} and
 * {@code --max-date}, the profile's {@code trusted.minDate} and {@code trusted.maxDate}).
 */
public record DateRange(LocalDate first, LocalDate last) implements Serializable {
    public static final DateRange DEFAULT = new DateRange(LocalDate.of(1990, 1, 1), LocalDate.of(2099, 12, 31));

    public DateRange {
        if (first.isAfter(last)) {
            throw new IllegalArgumentException("the plausible dates run from " + first + " to " + last
                    + ": the first is after the last");
        }
    }

    /** @param first ISO yyyy-MM-dd, or null for the default's */
    public static DateRange parse(String first, String last) {
        try {
            return new DateRange(first == null ? DEFAULT.first : LocalDate.parse(first),
                    last == null ? DEFAULT.last : LocalDate.parse(last));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a plausible-date bound is not yyyy-MM-dd: " + e.getParsedString());
        }
    }

    /** The date, if inside the range. */
    public LocalDate check(LocalDate date, String column) throws Rejected {
        if (date.isBefore(first) || date.isAfter(last)) {
            throw new Rejected(RejectReason.BAD_DATE, column + " " + date + " is outside the plausible dates "
                    + first + " to " + last);
        }
        return date;
    }
}
