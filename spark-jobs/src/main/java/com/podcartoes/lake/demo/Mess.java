package com.podcartoes.lake.demo;

/** Kinds of mess the demo generator can put in the extracts, for tests and demos of the cleaning rules. */
public enum Mess {
    /** About one amount in ten written as {@code "1234,56"} (quoted, comma decimal). */
    COMMA_DECIMALS,
    /** Files start with a UTF-8 byte order mark and end lines with CRLF. */
    BOM_CRLF,
    /** Rows of every reject reason (data contract, section 3), about 0.2 % of each large file, on extra client ids. */
    INVALID_ROWS,
    /** About 1 % of last month's rows sent again in the next file, half of them with a corrected amount. */
    DUPLICATES,
    /** About 10 % of paid invoices paid in two or three instalments. */
    MULTIPLE_PAYMENTS,
    /** About 3 % of payments above the invoice's value. */
    OVERPAYMENTS,
    /** About 3 % of invoices emitted before the "payments after" month paid only in that month. */
    LATE_PAYMENTS
}
