package com.podcartoes.lake.s3;

/**
 * An S3 operation failed. The message says what was attempted, on which bucket and key, and why; {@link #transient}
 * tells whether retrying can help (throttling, 5xx, a dropped connection) or not (no such bucket, access denied,
 * bad credentials).
 */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public StorageException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
