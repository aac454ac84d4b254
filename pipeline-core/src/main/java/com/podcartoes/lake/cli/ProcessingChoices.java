package com.podcartoes.lake.cli;

import com.podcartoes.lake.flow.ProcessingFlow;
import com.podcartoes.lake.run.RetryPolicy;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The processing flow's options, shared by {@code lake run processing} and {@code lake run all}. */
final class ProcessingChoices {
    @Option(names = "--ref", paramLabel = "yyyyMM", description = "Reference month of the book.")
    String ref;

    @Option(names = "--from", paramLabel = "yyyyMM", description = "First month of a backfill (with --to).")
    String from;

    @Option(names = "--to", paramLabel = "yyyyMM", description = "Last month of a backfill (with --from).")
    String to;

    @Option(names = "--stage", split = ",", paramLabel = "STAGE", description = "trusted and/or book (default: both).")
    List<String> stages = List.of("trusted", "book");

    @Option(names = "--max-reject-rate", paramLabel = "R",
            description = "This run's reject limit for the Trusted job, 0 to 1 (default: trusted.maxRejectRate).")
    Double maxRejectRate;

    @Option(names = "--retry-refused",
            description = "Also process again the raw files earlier runs refused (quarantined), once fixed.")
    boolean retryRefused;

    @Option(names = "--backend", paramLabel = "BACKEND",
            description = "local or emr (default: the profile's compute.backend).")
    String backend;

    ProcessingFlow.Options options() {
        Set<ProcessingFlow.StageName> chosen = EnumSet.noneOf(ProcessingFlow.StageName.class);
        stages.forEach(s -> chosen.add(ProcessingFlow.StageName.parse(s)));
        return new ProcessingFlow.Options(chosen, ref, from, to, RetryPolicy.NONE, retryRefused, maxRejectRate);
    }
}
