package com.podcartoes.lake.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One run of a flow, from its stages' records: what {@code lake runs} and the console's runs table show.
 *
 * @param state RUNNING while a stage runs, SUCCEEDED when every stage succeeded or was skipped, SUCCEEDED_WITH_WARNINGS
 *              when one of them has warnings, else FAILED
 */
public record RunSummary(String runId, String flow, String state, Instant startedAt, Instant endedAt,
                         List<RunRecord> stages) {

    /** The runs in these records, newest first, each with its stages in the order they started. */
    public static List<RunSummary> newestFirst(List<RunRecord> records) {
        return records.stream()
                .sorted(Comparator.comparing(RunRecord::runId).reversed().thenComparing(RunRecord::startedAt))
                .collect(Collectors.groupingBy(RunRecord::runId, LinkedHashMap::new, Collectors.toList()))
                .values().stream().map(RunSummary::of).toList();
    }

    private static RunSummary of(List<RunRecord> stages) {
        RunRecord first = stages.get(0);
        String state = stages.stream().anyMatch(r -> !r.state().isFinal()) ? "RUNNING"
                : !stages.stream().allMatch(r -> r.state().succeeded() || r.state() == RunState.SKIPPED) ? "FAILED"
                : stages.stream().anyMatch(r -> r.state() == RunState.SUCCEEDED_WITH_WARNINGS)
                ? "SUCCEEDED_WITH_WARNINGS" : "SUCCEEDED";
        Instant start = stages.stream().map(RunRecord::startedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant end = state.equals("RUNNING") ? null : stages.stream().map(RunRecord::endedAt)
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        return new RunSummary(first.runId(), first.flow(), state, start, end, List.copyOf(stages));
    }

    /** How long the run took, or null while it runs. */
    public Duration duration() {
        return endedAt == null ? null : Duration.between(startedAt, endedAt);
    }

    /** Each stage and its state, e.g. "trusted SUCCEEDED, book FAILED (attempt 2)". */
    public String stagesText() {
        return stages.stream().map(r -> r.stageKey() + " " + r.state()
                + (r.attempt() > 1 ? " (attempt " + r.attempt() + ")" : "")).collect(Collectors.joining(", "));
    }
}
