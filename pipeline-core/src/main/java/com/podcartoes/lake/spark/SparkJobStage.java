package com.podcartoes.lake.spark;

import com.podcartoes.lake.run.Stage;
import com.podcartoes.lake.run.StageContext;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A stage of the processing flow that runs one Spark job entry point with the local runner. */
public final class SparkJobStage implements Stage<SparkJobStage.Result> {
    public static final String FLOW = "processing";

    private final String name;
    private final String mainClass;
    private final List<String> args;
    private final LocalSparkRunner runner;
    private final Path logRoot;

    /** @param logRoot where step logs go ({@code <lake>/0004_logs/}); the step's directory is made below it */
    public SparkJobStage(String name, String mainClass, List<String> args, LocalSparkRunner runner, Path logRoot) {
        this.name = name;
        this.mainClass = mainClass;
        this.args = List.copyOf(args);
        this.runner = runner;
        this.logRoot = logRoot;
    }

    /** The job's own report lines (counts per table or month). */
    public record Result(String summary, Path logDir) implements Stage.Outcome {
        @Override
        public int files() {
            return 0;
        }

        @Override
        public long bytes() {
            return 0;
        }

        @Override
        public long records() {
            return 0;
        }
    }

    @Override
    public String flow() {
        return FLOW;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String subject() {
        return null;
    }

    @Override
    public Result execute(StageContext context) {
        Path logDir = logRoot.resolve("local-" + context.runId()).resolve("steps").resolve(name);
        LocalSparkRunner.StepResult step = runner.run(mainClass, args, logDir);
        if (!step.succeeded()) {
            throw new IllegalStateException(step.failure() + " (logs: " + logDir + ")");
        }
        String summary = step.stdout().lines()
                .filter(l -> l.startsWith("tb_00") || l.startsWith("book:"))
                .collect(Collectors.joining("; "));
        return new Result(summary.isEmpty() ? "done" : summary, logDir);
    }
}
