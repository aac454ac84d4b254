package com.podcartoes.lake.compute;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Waits for a step to end, polling with backoff (EMR counts describe calls against a rate limit; a step runs for
 * minutes), and reports every state change as it is seen.
 */
public final class StepWatch {
    /** Poll after {@code initial}, then each wait {@code multiplier} times longer, up to {@code max}. */
    public record Backoff(Duration initial, double multiplier, Duration max) {
        public static final Backoff EMR = new Backoff(Duration.ofSeconds(5), 1.5, Duration.ofSeconds(30));
        public static final Backoff LOCAL = new Backoff(Duration.ofMillis(100), 1.5, Duration.ofMillis(250));

        Duration next(Duration current) {
            long millis = Math.round(current.toMillis() * multiplier);
            return Duration.ofMillis(Math.min(millis, max.toMillis()));
        }
    }

    private StepWatch() {
    }

    /** Blocks until the step is COMPLETED, FAILED, CANCELLED or INTERRUPTED; returns it as it ended. */
    public static StepInfo await(SparkRunner runner, String clusterId, String stepId, Backoff backoff,
                                 Consumer<StepInfo> onChange) {
        return await(runner, clusterId, stepId, backoff, null, onChange);
    }

    /**
     * The same, giving up after {@code timeout} (null: never): then the step is cancelled, so that neither a hung
     * job nor a watcher that can no longer see its end holds the flow (and its lock) for ever.
     *
     * @throws IllegalStateException when the step did not end in time
     */
    public static StepInfo await(SparkRunner runner, String clusterId, String stepId, Backoff backoff,
                                 Duration timeout, Consumer<StepInfo> onChange) {
        StepInfo last = null;
        int failedPolls = 0;
        Duration wait = backoff.initial();
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (true) {
            if (System.nanoTime() - deadline > 0) {
                runner.cancelStep(clusterId, stepId);
                String limit = timeout.toMinutes() > 0 ? timeout.toMinutes() + " min" : timeout.toMillis() + " ms";
                throw new IllegalStateException("step " + stepId + " on " + clusterId + " did not end within " + limit
                        + " (processing.stepTimeoutMinutes): it was cancelled");
            }
            StepInfo step;
            try {
                step = runner.step(clusterId, stepId);
                failedPolls = 0;
            } catch (RuntimeException e) {
                // A network blip or a busy API: the step runs on regardless, so look again later rather than fail
                // the stage (and start a retry beside a step that still runs).
                if (!transient_(e) || ++failedPolls > MAX_FAILED_POLLS) {
                    throw e;
                }
                System.err.println("lake: cannot see step " + stepId + " for now (" + e.getMessage() + "); looking"
                        + " again in " + wait.toSeconds() + " s");
                sleep(wait, stepId);
                wait = backoff.next(wait);
                continue;
            }
            if (last == null || last.state() != step.state()) {
                onChange.accept(step);
            }
            if (step.state().isFinal()) {
                return step;
            }
            last = step;
            sleep(wait, stepId);
            wait = backoff.next(wait);
        }
    }

    /** Polls in a row that may fail (after the SDK's own retries) before the wait gives up. */
    static final int MAX_FAILED_POLLS = 8;

    /** A failure that says nothing about the step: the network, throttling, the service's own errors. */
    static boolean transient_(RuntimeException e) {
        if (e instanceof software.amazon.awssdk.core.exception.SdkServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException();
        }
        return e instanceof software.amazon.awssdk.core.exception.SdkClientException
                || e instanceof java.io.UncheckedIOException;
    }

    private static void sleep(Duration wait, String stepId) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for step " + stepId, e);
        }
    }
}
