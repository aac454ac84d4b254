package com.podcartoes.lake.run;

import com.podcartoes.lake.s3.StorageException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How often and how patiently to retry transient failures (throttling, 5xx, dropped connections); permanent ones
 * (no such bucket, access denied, bad credentials) fail at once.
 */
public record RetryPolicy(int attempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(250), 2.0, Duration.ofSeconds(5));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
    }

    public Duration backoffBefore(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 2));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }

    /** Whether a failure is worth another attempt. */
    public static boolean isTransient(RuntimeException e) {
        return e instanceof StorageException storage ? storage.isTransient() : e instanceof UncheckedIOException;
    }

    /** Runs {@code action}, retrying transient failures; the last failure is thrown with earlier ones suppressed. */
    public <T> T call(Supplier<T> action) {
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                sleep(backoffBefore(attempt));
            }
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
                if (!isTransient(e)) {
                    throw e;
                }
            }
        }
        throw failure;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
