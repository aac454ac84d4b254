package com.podcartoes.lake.run;

import java.time.Instant;

/**
 * One stage execution, as stored in {@code 0000_control/runs/<runId>/<stage>[-<subject>].json} and shown by every
 * console and CLI that reads the lake.
 *
 * @param subject null for stages that are not per subject
 * @param error   the one-sentence cause when FAILED, the warnings when SUCCEEDED_WITH_WARNINGS, else null
 * @param summary a line for people, e.g. "3 files staged, 2 already in raw"
 * @param clusterId the cluster running the stage's Spark step (Spark stages), else null
 * @param stepId    that step, else null
 * @param attempt   1 for the first attempt, 2 for the first retry...
 */
public record RunRecord(String runId, String flow, String stage, String subject, RunState state, Instant startedAt,
                        Instant endedAt, long files, long bytes, long records, String error, String summary,
                        String host, String clusterId, String stepId, int attempt) {

    /** The same record in another state, ended now (or still running). */
    public RunRecord withState(RunState newState, Instant ended, String newError) {
        return new RunRecord(runId, flow, stage, subject, newState, startedAt, ended, files, bytes, records, newError,
                summary, host, clusterId, stepId, attempt);
    }

    public String stageKey() {
        return subject == null ? stage : stage + "-" + subject;
    }
}
