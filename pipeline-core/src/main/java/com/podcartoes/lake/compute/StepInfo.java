package com.podcartoes.lake.compute;

import java.time.Instant;
import java.util.List;

/**
 * A step: one Spark job run on a cluster.
 *
 * @param failureReason  EMR's failure reason, or the job's one-line error, when FAILED
 * @param failureLogFile where the failure is logged (EMR's log file path, or the local stderr), when known
 */
public record StepInfo(String id, String clusterId, String name, String mainClass, List<String> args, StepState state,
                       Instant createdAt, Instant startedAt, Instant endedAt, String failureReason,
                       String failureMessage, String failureLogFile) {
    public StepInfo {
        args = args == null ? List.of() : List.copyOf(args);
    }
}
