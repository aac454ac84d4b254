package com.podcartoes.lake.ingestion;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.run.RetryPolicy;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.StageRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ingestion flow: extract for each subject, then load for each subject whose extract did not fail. A failed
 * stage does not stop the other subject; the run ends with every failure reported.
 */
public final class IngestionFlow {
    public static final String NAME = "ingestion";

    /** Which stages of the flow to run. */
    public enum StageName {
        EXTRACT, LOAD
    }

    public record Options(Set<Subject> subjects, Set<StageName> stages) {
        public static Options all() {
            return new Options(EnumSet.allOf(Subject.class), EnumSet.allOf(StageName.class));
        }
    }

    /** The outcome of one run: every stage's execution, in the order they ran. */
    public record Result(String runId, List<StageRunner.Execution<?>> executions) {
        public boolean succeeded() {
            return executions.stream().allMatch(StageRunner.Execution::succeeded);
        }

        public List<RunRecord> records() {
            return executions.stream().<RunRecord>map(StageRunner.Execution::record).toList();
        }
    }

    /**
     * What to run again after run {@code runId}: extract and load of each subject with a stage that did not
     * succeed (its latest attempt). Both stages are idempotent: extract skips what is staged or in raw.
     *
     * @throws IllegalArgumentException when the run is unknown or every stage of it succeeded
     */
    public static Options retryOf(String runId, List<RunRecord> records) {
        List<RunRecord> ofRun = records.stream().filter(r -> r.runId().equals(runId)).toList();
        if (ofRun.isEmpty() || !ofRun.get(0).flow().equals(NAME)) {
            throw new IllegalArgumentException("no ingestion run " + runId + " (see 'lake runs')");
        }
        Set<Subject> again = EnumSet.noneOf(Subject.class);
        Map<String, RunRecord> latest = new HashMap<>();
        for (RunRecord r : ofRun) {
            latest.merge(r.stageKey(), r, (a, b) -> b.attempt() >= a.attempt() ? b : a);
        }
        for (RunRecord r : latest.values()) {
            if (!r.state().succeeded() && r.subject() != null) {
                again.add(Subject.parse(r.subject()));
            }
        }
        if (again.isEmpty()) {
            throw new IllegalArgumentException("every stage of run " + runId + " succeeded: nothing to retry");
        }
        return new Options(again, EnumSet.allOf(StageName.class));
    }

    private final LakeContext lake;
    private final StageRunner runner;
    private final RetryPolicy retry;
    private final Clock clock;

    public IngestionFlow(LakeContext lake, StageRunner runner, RetryPolicy retry, Clock clock) {
        this.lake = lake;
        this.runner = runner;
        this.retry = retry;
        this.clock = clock;
    }

    public StagingArea staging() {
        return new StagingArea(lake.config().lakeHome().resolve("staging"));
    }

    public ExtractStage extract(Subject subject) {
        return new ExtractStage(subject, lake.source(), lake.lake(), staging(), retry, clock);
    }

    public LoadStage load(Subject subject) {
        return new LoadStage(subject, lake.lake(), staging(), retry, clock);
    }

    public Result run(Options options) {
        return run(runner.newRunId(), options);
    }

    public Result run(String runId, Options options) {
        List<StageRunner.Execution<?>> executions = new ArrayList<>();
        Set<Subject> extractFailed = EnumSet.noneOf(Subject.class);
        if (options.stages().contains(StageName.EXTRACT)) {
            for (Subject subject : options.subjects()) {
                StageRunner.Execution<?> execution = runner.execute(runId, extract(subject));
                executions.add(execution);
                if (!execution.succeeded()) {
                    extractFailed.add(subject);
                }
            }
        }
        if (options.stages().contains(StageName.LOAD)) {
            for (Subject subject : options.subjects()) {
                if (!extractFailed.contains(subject)) {
                    executions.add(runner.execute(runId, load(subject)));
                }
            }
        }
        return new Result(runId, executions);
    }
}
