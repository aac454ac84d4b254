package com.podcartoes.lake.cli;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lake runs}: the latest runs of every flow, newest first, each with its stages' states. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the latest runs and their stages.")
final class RunsCommand implements Callable<Integer> {
    @ParentCommand
    LakeCli root;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "How many runs (default 20).")
    int limit;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        try (LakeContext lake = root.openLake()) {
            Map<String, List<RunRecord>> runs = new RunRecordStore(lake.lake()).all().stream()
                    .sorted(Comparator.comparing(RunRecord::runId).reversed()
                            .thenComparing(RunRecord::startedAt))
                    .collect(Collectors.groupingBy(RunRecord::runId, LinkedHashMap::new, Collectors.toList()));
            if (runs.isEmpty()) {
                out.println("no runs yet: try 'lake run all'");
                return 0;
            }
            out.printf("%-26s %-11s %-10s %8s  %s%n", "RUN", "FLOW", "STATE", "TIME", "STAGES");
            runs.values().stream().limit(limit).forEach(records -> {
                RunRecord first = records.get(0);
                String stages = records.stream().map(r -> r.stageKey() + " " + r.state()
                        + (r.attempt() > 1 ? " (attempt " + r.attempt() + ")" : "")).collect(Collectors.joining(", "));
                String state = records.stream().map(RunRecord::state).anyMatch(s -> !s.isFinal()) ? "RUNNING"
                        : records.stream().allMatch(r -> r.state() == com.podcartoes.lake.run.RunState.SUCCEEDED)
                        ? "SUCCEEDED" : "FAILED";
                var start = records.stream().map(RunRecord::startedAt).min(Comparator.naturalOrder()).orElseThrow();
                var end = records.stream().map(RunRecord::endedAt).filter(e -> e != null)
                        .max(Comparator.naturalOrder()).orElse(null);
                String time = end == null ? "" : RunPrinter.formatDuration(Duration.between(start, end));
                out.printf("%-26s %-11s %-10s %8s  %s%n", first.runId(), first.flow(), state, time, stages);
            });
        }
        return 0;
    }
}
