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
        public static final Backoff LOCAL = new Backoff(Duration.ofMillis(200), 1.5, Duration.ofSeconds(2));

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
        StepInfo last = null;
        Duration wait = backoff.initial();
        while (true) {
            StepInfo step = runner.step(clusterId, stepId);
            if (last == null || last.state() != step.state()) {
                onChange.accept(step);
            }
            if (step.state().isFinal()) {
                return step;
            }
            last = step;
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for step " + stepId, e);
            }
            wait = backoff.next(wait);
        }
    }
}
