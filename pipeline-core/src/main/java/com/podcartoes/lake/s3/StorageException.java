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

    /** The HTTP status S3 answered, or -1 when none came (network, client side). */
    public int statusCode() {
        return getCause() instanceof software.amazon.awssdk.services.s3.model.S3Exception s3 ? s3.statusCode() : -1;
    }
}
