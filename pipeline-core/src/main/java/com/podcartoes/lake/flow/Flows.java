package com.podcartoes.lake.flow;

import com.podcartoes.lake.compute.SparkRunner;
import com.podcartoes.lake.config.Setting;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.ingestion.IngestionFlow;
import com.podcartoes.lake.run.RetryPolicy;
import com.podcartoes.lake.run.RunListener;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.StageRunner;
import java.time.Clock;
import java.time.Duration;

/**
 * The flows as the CLI and the console start them: each under its lock, its stages recorded in the lake and passed
 * to the listener as they change. One entry point for both faces of the product.
 */
public final class Flows {
    private Flows() {
    }

    public static IngestionFlow.Result ingestion(LakeContext lake, IngestionFlow.Options options,
                                                 RunListener listener) {
        RunRecordStore store = new RunRecordStore(lake.lake());
        StageRunner runner = new StageRunner(store, listener, Clock.systemUTC());
        String runId = runner.newRunId();
        return FlowRuns.locked(lake.lake(), store, IngestionFlow.NAME, runId, FlowRuns.LEASE, Clock.systemUTC(),
                () -> new IngestionFlow(lake, runner, RetryPolicy.DEFAULT, Clock.systemUTC()).run(runId, options));
    }

    /** @param backend "local", "emr", or null for the profile's {@code compute.backend} */
    public static ProcessingFlow.Result processing(LakeContext lake, ProcessingFlow.Options options, String backend,
                                                   RunListener listener) {
        int attempts = lake.config().getInt(Setting.PROCESSING_ATTEMPTS);
        if (attempts < 1) {
            throw new IllegalArgumentException("processing.attempts must be at least 1, got " + attempts);
        }
        ProcessingFlow.Options withRetries = new ProcessingFlow.Options(options.stages(), options.ref(),
                options.from(), options.to(), new RetryPolicy(attempts, Duration.ofSeconds(10), 2,
                Duration.ofMinutes(2)));
        SparkRunner spark = SparkRunners.create(lake, backend);
        RunRecordStore store = new RunRecordStore(lake.lake());
        StageRunner runner = new StageRunner(store, listener, Clock.systemUTC());
        String runId = runner.newRunId();
        return FlowRuns.locked(lake.lake(), store, ProcessingFlow.NAME, runId, FlowRuns.LEASE, Clock.systemUTC(),
                () -> new ProcessingFlow(spark, runner, SparkRunners.pollFor(spark), lake.lake())
                        .run(runId, withRetries));
    }
}
