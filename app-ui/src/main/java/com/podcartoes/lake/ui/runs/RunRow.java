package com.podcartoes.lake.ui.runs;

import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** One run as the runs table shows it: its flow, overall state, start, duration and each stage's state. */
public record RunRow(String runId, String flow, String state, Instant startedAt, Duration duration, String stages) {
    static RunRow of(List<RunRecord> records) {
        RunRecord first = records.get(0);
        String state = records.stream().anyMatch(r -> !r.state().isFinal()) ? "RUNNING"
                : records.stream().allMatch(r -> r.state() == RunState.SUCCEEDED || r.state() == RunState.SKIPPED)
                ? "SUCCEEDED" : "FAILED";
        Instant start = records.stream().map(RunRecord::startedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant end = records.stream().map(RunRecord::endedAt).filter(e -> e != null)
                .max(Comparator.naturalOrder()).orElse(null);
        String stages = records.stream().map(r -> r.stageKey() + " " + r.state()).collect(Collectors.joining(", "));
        return new RunRow(first.runId(), first.flow(), state, start, end == null ? null : Duration.between(start, end),
                stages);
    }
}
