package com.podcartoes.lake.rules;

import com.podcartoes.lake.layout.RejectReason;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;

/** How each kind of source field is read (data contract, section 3). */
public final class FieldRules {
    /** DECIMAL(14,2): at most 12 digits before the point and 2 after. */
    private static final int MAX_INTEGER_DIGITS = 12;

    private FieldRules() {
    }

    /** An id is the digits after the last '-': {@code 1-7} is 7, {@code PG-1-1} is 1, {@code 7} is 7. */
    public static long id(String raw, String column) throws Rejected {
        String text = raw.trim();
        if (text.isEmpty()) {
            throw new Rejected(RejectReason.MISSING_KEY, column + " is empty");
        }
        String digits = text.substring(text.lastIndexOf('-') + 1);
        if (digits.isEmpty() || digits.length() > 18) {
            throw new Rejected(RejectReason.BAD_ID, column + " '" + text + "' has no id after its last '-'");
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw new Rejected(RejectReason.BAD_ID, column + " '" + text + "' is not digits after its last '-'");
            }
        }
        return Long.parseLong(digits);
    }

    /** ISO {@code yyyy-MM-dd}, nothing else (no rolling over 2023-02-30). */
    public static LocalDate date(String raw, String column) throws Rejected {
        String text = raw.trim();
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            throw new Rejected(RejectReason.BAD_DATE, column + " '" + text + "' is not yyyy-MM-dd");
        }
        try {
            return LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
        } catch (DateTimeException | NumberFormatException e) {
            throw new Rejected(RejectReason.BAD_DATE, column + " '" + text + "' is not a date");
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * An amount {@code 1234.56} or {@code 1234,56} (no thousands separators, at most 2 decimals), exact, in cents;
     * negative amounts are read (so that the caller can reject them as NEGATIVE_AMOUNT rather than BAD_AMOUNT).
     */
    public static long amountCents(String raw, String column) throws Rejected {
        String text = raw.trim();
        int start = text.startsWith("-") ? 1 : 0;
        long units = 0;
        long fraction = 0;
        int integerDigits = 0;
        int decimals = -1; // -1: no separator seen
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == ',') {
                if (decimals >= 0) {
                    throw new Rejected(RejectReason.BAD_AMOUNT, column + " '" + text + "' has two separators");
                }
                decimals = 0;
            } else if (c >= '0' && c <= '9') {
                if (decimals < 0) {
                    units = units * 10 + (c - '0');
                    integerDigits++;
                } else {
                    fraction = fraction * 10 + (c - '0');
                    decimals++;
                }
            } else {
                throw new Rejected(RejectReason.BAD_AMOUNT, column + " '" + text + "' is not a number");
            }
        }
        if (integerDigits == 0 || integerDigits > MAX_INTEGER_DIGITS || decimals > 2 || decimals == 0) {
            throw new Rejected(RejectReason.BAD_AMOUNT, column + " '" + text + "' is not an amount with at most"
                    + " 12 digits and 2 decimals");
        }
        long cents = units * 100 + (decimals == 1 ? fraction * 10 : Math.max(fraction, 0));
        return start == 1 ? -cents : cents;
    }

    /** {@link #amountCents} as an exact decimal with scale 2. */
    public static BigDecimal amount(String raw, String column) throws Rejected {
        return BigDecimal.valueOf(amountCents(raw, column), 2);
    }
}
