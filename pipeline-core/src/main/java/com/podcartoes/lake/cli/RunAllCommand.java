package com.podcartoes.lake.cli;

import com.podcartoes.lake.ingestion.IngestionFlow;
import com.podcartoes.lake.layout.Subject;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code lake run all}: ingestion, then processing if ingestion succeeded. */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Run ingestion (extract and load both subjects), then processing (Trusted layer, then book).")
final class RunAllCommand implements Callable<Integer> {
    @ParentCommand
    RunCommand run;

    @Mixin
    ProcessingChoices processing;

    @Override
    public Integer call() {
        int ingestion = RunIngestionCommand.runIngestion(run.root, EnumSet.allOf(Subject.class),
                EnumSet.allOf(IngestionFlow.StageName.class));
        if (ingestion != 0) {
            run.root.spec.commandLine().getOut().println("processing not run: ingestion failed");
            return ingestion;
        }
        return RunProcessingCommand.runProcessing(run.root, processing.options(), processing.backend);
    }
}
