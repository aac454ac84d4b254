package com.podcartoes.lake.layout;

/**
 * Why a source row did not make it into the Trusted layer (data contract, section 3). The codes are written to
 * {@code 0002_trusted/_rejects/} and counted in the job metrics.
 */
public enum RejectReason {
    /** Wrong number of fields on the line. */
    MALFORMED_LINE,
    /** The record is longer than the bound ({@code trusted.maxRecordBytes}); only its first bytes are kept. */
    LINE_TOO_LONG,
    /** A business-key column (an id) is empty. */
    MISSING_KEY,
    /** An id has no digits after its last '-'. */
    BAD_ID,
    /** A date is missing or not ISO yyyy-MM-dd. */
    BAD_DATE,
    /** An amount is missing or not a number. */
    BAD_AMOUNT,
    /** An amount is negative, or a payment is not above zero. */
    NEGATIVE_AMOUNT,
    /** An invoice is due before it was emitted. */
    DUE_BEFORE_EMISSION,
    /** The row's business key already appeared earlier in the same file (the first occurrence is kept). */
    DUPLICATE_IN_FILE
}
