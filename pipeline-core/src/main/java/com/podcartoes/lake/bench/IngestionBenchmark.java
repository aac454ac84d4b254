package com.podcartoes.lake.bench;

import com.podcartoes.lake.config.ConfigLoader;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.ingestion.IngestionFlow;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.run.RetryPolicy;
import com.podcartoes.lake.run.RunListener;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.StageRunner;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * Runs extract for both subjects, then load for both, on the active profile's lake (bench/ingestion.sh prepares
 * it) and prints throughput per stage and the JVM's peak heap. Figures only: nothing here asserts a time.
 */
public final class IngestionBenchmark {
    private IngestionBenchmark() {
    }

    public static void main(String[] args) {
        try (LakeContext lake = LakeContext.open(ConfigLoader.fromSystemEnvironment().load(null, null),
                System.err::println)) {
            StageRunner runner = new StageRunner(new RunRecordStore(lake.lake()), RunListener.NONE,
                    Clock.systemUTC());
            IngestionFlow flow = new IngestionFlow(lake, runner, RetryPolicy.DEFAULT, Clock.systemUTC());
            for (IngestionFlow.StageName stage : IngestionFlow.StageName.values()) {
                IngestionFlow.Result result = flow.run(new IngestionFlow.Options(EnumSet.allOf(Subject.class),
                        EnumSet.of(stage)));
                if (!result.succeeded()) {
                    result.records().forEach(r -> System.err.println(r.stageKey() + ": " + r.error()));
                    System.exit(1);
                }
                print(stage, result.records());
            }
        }
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("max heap (-Xmx): %d MiB; peak heap used (sum of pool peaks): %d MiB%n",
                Runtime.getRuntime().maxMemory() >> 20, peakHeap >> 20);
    }

    private static void print(IngestionFlow.StageName stage, List<RunRecord> records) {
        long bytes = 0;
        long files = 0;
        Duration took = Duration.ZERO;
        for (RunRecord record : records) {
            Duration d = Duration.between(record.startedAt(), record.endedAt());
            System.out.printf("  %-8s %-14s %4d files %,15d bytes in %6.2f s = %7.1f MB/s%n", record.stage(),
                    record.subject(), record.files(), record.bytes(), d.toMillis() / 1000.0,
                    record.bytes() / 1e6 / Math.max(0.001, d.toMillis() / 1000.0));
            bytes += record.bytes();
            files += record.files();
            took = took.plus(d);
        }
        System.out.printf("%-8s total: %d files, %,d bytes in %.2f s = %.1f MB/s%n",
                stage.name().toLowerCase(java.util.Locale.ROOT), files, bytes, took.toMillis() / 1000.0,
                bytes / 1e6 / Math.max(0.001, took.toMillis() / 1000.0));
    }
}
