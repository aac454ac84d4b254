package com.podcartoes.lake.ingestion;

/** A source key the stage did not take, and why (shown to the data engineer, never silently dropped). */
public record SkippedFile(String key, Reason reason, String detail) {
    public enum Reason {
        /** Already in raw with the same name and ETag. */
        ALREADY_IN_RAW,
        /** The key does not follow the file-name convention or would escape the staging directory. */
        UNSAFE_OR_UNEXPECTED_NAME,
        /** Raw holds a file of that name from a different source version; raw is immutable. */
        CHANGED_AFTER_INGESTION
    }
}
