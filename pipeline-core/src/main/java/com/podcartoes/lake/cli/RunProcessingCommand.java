package com.podcartoes.lake.cli;

import com.podcartoes.lake.config.LakeConfig;
import com.podcartoes.lake.config.Setting;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.layout.JobArguments;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.StageRunner;
import com.podcartoes.lake.spark.LocalSparkRunner;
import com.podcartoes.lake.spark.SparkJobStage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lake run processing}: the Trusted layer (both subjects) then the book, each a Spark job in its own JVM on
 * the local lake. The EMR backend comes with the runners' issue.
 */
@Command(name = "processing", mixinStandardHelpOptions = true,
        description = {"Build the Trusted layer from raw, then the stage and book for a month (default: the month",
                "after the latest invoices) or a range of months. Local Spark on the embedded lake."})
final class RunProcessingCommand implements Callable<Integer> {
    @ParentCommand
    RunCommand run;

    @Option(names = "--ref", paramLabel = "yyyyMM", description = "Reference month of the book.")
    String ref;

    @Option(names = "--from", paramLabel = "yyyyMM", description = "First month of a backfill (with --to).")
    String from;

    @Option(names = "--to", paramLabel = "yyyyMM", description = "Last month of a backfill (with --from).")
    String to;

    @Option(names = "--stage", split = ",", paramLabel = "STAGE", description = "trusted and/or book (default: both).")
    List<String> stages = List.of("trusted", "book");

    @Override
    public Integer call() {
        if ((from == null) != (to == null) || (ref != null && from != null)) {
            throw new IllegalArgumentException("give --ref, or --from and --to");
        }
        for (String stage : stages) {
            if (!stage.equals("trusted") && !stage.equals("book")) {
                throw new IllegalArgumentException("unknown stage '" + stage + "': expected trusted or book");
            }
        }
        LakeCli root = run.root;
        LakeConfig config = root.config();
        if (!config.usesEmbeddedServer() || !"local".equals(config.get(Setting.COMPUTE_BACKEND))) {
            throw new IllegalArgumentException("processing runs on the embedded local lake with compute.backend=local"
                    + " for now; profile '" + config.profile() + "' needs the EMR runner");
        }
        RunPrinter printer = new RunPrinter(root.spec.commandLine().getOut());
        try (LakeContext lake = root.openLake()) {
            Path lakeDir = config.embeddedDataDir().resolve(lake.lake().name());
            String lakeUri = lakeDir.toUri().toString();
            LocalSparkRunner spark = new LocalSparkRunner(LocalSparkRunner.defaultSparkJobsDir(),
                    config.get(Setting.SPARK_MASTER), config.get(Setting.SPARK_DRIVER_MEMORY),
                    config.lakeHome().resolve("cache/class-data"));
            StageRunner runner = new StageRunner(new RunRecordStore(lake.lake()), printer, Clock.systemUTC());
            String runId = runner.newRunId();
            Path logs = lakeDir.resolve(LakeLayout.LOGS);
            boolean ok = true;
            if (stages.contains("trusted")) {
                ok = runner.execute(runId, new SparkJobStage("trusted",
                        "com.podcartoes.lake.jobs.trusted.TrustedLayerJob",
                        List.of(JobArguments.LAKE, lakeUri, JobArguments.RUN_ID, runId), spark, logs)).succeeded();
            }
            if (ok && stages.contains("book")) {
                List<String> args = new ArrayList<>(List.of(JobArguments.LAKE, lakeUri, JobArguments.RUN_ID, runId));
                if (ref != null) {
                    args.addAll(List.of(JobArguments.REF, ref));
                } else if (from != null) {
                    args.addAll(List.of(JobArguments.FROM, from, JobArguments.TO, to));
                }
                ok = runner.execute(runId, new SparkJobStage("book", "com.podcartoes.lake.jobs.book.BookMain", args,
                        spark, logs)).succeeded();
            }
            printer.finished(runId, ok);
            return ok ? 0 : LakeCli.FAILED;
        }
    }
}
