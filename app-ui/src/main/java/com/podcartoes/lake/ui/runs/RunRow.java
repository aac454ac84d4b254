package com.podcartoes.lake.ui.runs;

import com.podcartoes.lake.run.RunSummary;
import java.time.Duration;
import java.time.Instant;

/** One run as the runs table shows it: its flow, overall state, start, duration and each stage's state. */
public record RunRow(String runId, String flow, String state, Instant startedAt, Duration duration, String stages) {
    static RunRow of(RunSummary run) {
        return new RunRow(run.runId(), run.flow(), run.state(), run.startedAt(), run.duration(), run.stagesText());
    }
}
