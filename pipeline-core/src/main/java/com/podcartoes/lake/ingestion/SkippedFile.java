package com.podcartoes.lake.ingestion;

/**
 * A key the stage did not take, and why (shown to the data engineer, never silently dropped): a source file, or a
 * stray object in raw's control folder.
 */
public record SkippedFile(String key, Reason reason, String detail) {
    public enum Reason {
        /** Already in raw with the same name and ETag. */
        ALREADY_IN_RAW,
        /** The key does not follow the file-name convention or would escape the staging directory. */
        UNSAFE_OR_UNEXPECTED_NAME,
        /** Raw holds a file of that name from a different source version; raw is immutable. */
        CHANGED_AFTER_INGESTION,
        /** An object under raw's control folder that is not a control file (a folder marker, a stray file). */
        NOT_A_CONTROL_FILE
    }
}
