package com.podcartoes.lake.cli;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.Flows;
import com.podcartoes.lake.ingestion.IngestionFlow;
import com.podcartoes.lake.layout.Subject;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lake run ingestion}: extract from the source bucket, then load the Raw layer with control files. */
@Command(name = "ingestion", mixinStandardHelpOptions = true,
        description = {"Extract new files from the source bucket to local staging, then load them into raw",
                "with their control files. Re-running skips what raw already holds."})
final class RunIngestionCommand implements Callable<Integer> {
    @ParentCommand
    RunCommand run;

    @Option(names = "--subject", split = ",", paramLabel = "SUBJECT",
            description = "tb_faturas and/or tb_pagamentos (default: both).", converter = SubjectConverter.class)
    Set<Subject> subjects = EnumSet.allOf(Subject.class);

    @Option(names = "--stage", split = ",", paramLabel = "STAGE",
            description = "extract and/or load (default: both).", converter = StageConverter.class)
    Set<IngestionFlow.StageName> stages = EnumSet.allOf(IngestionFlow.StageName.class);

    @Option(names = "--retry", paramLabel = "RUN",
            description = "Run again what run RUN did not finish: extract and load of each subject that did not"
                    + " succeed (both are idempotent).")
    String retry;

    @Override
    public Integer call() {
        if (retry == null) {
            return runIngestion(run.root, subjects, stages);
        }
        IngestionFlow.Options again;
        try (LakeContext lake = run.root.openLake()) {
            again = Flows.ingestionRetryOf(lake, retry);
        }
        return runIngestion(run.root, again.subjects(), again.stages());
    }

    /** Runs the ingestion flow under its lock for the chosen subjects and stages; the exit code. */
    static int runIngestion(LakeCli root, Set<Subject> subjects, Set<IngestionFlow.StageName> stages) {
        RunPrinter printer = new RunPrinter(root.spec.commandLine().getOut());
        try (LakeContext lake = root.openLake()) {
            IngestionFlow.Result result = Flows.ingestion(lake, new IngestionFlow.Options(subjects, stages), printer);
            printer.finished(result.runId(), result.succeeded());
            return result.succeeded() ? 0 : LakeCli.FAILED;
        }
    }

    static final class SubjectConverter implements picocli.CommandLine.ITypeConverter<Subject> {
        @Override
        public Subject convert(String value) {
            return Subject.parse(value);
        }
    }

    static final class StageConverter implements picocli.CommandLine.ITypeConverter<IngestionFlow.StageName> {
        @Override
        public IngestionFlow.StageName convert(String value) {
            try {
                return IngestionFlow.StageName.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown stage '" + value + "': expected extract or load");
            }
        }
    }
}
