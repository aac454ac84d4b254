package com.podcartoes.lake.ui.pipeline;

import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunSummary;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/** One run of the run-history grid: the run, and the latest attempt of each of its stages by stage key. */
public record GridRow(RunSummary run, Map<String, RunRecord> stages) {
    static GridRow of(RunSummary run) {
        Map<String, RunRecord> latest = new LinkedHashMap<>();
        run.stages().stream().sorted(Comparator.comparingInt(RunRecord::attempt))
                .forEach(r -> latest.put(r.stageKey(), r));
        return new GridRow(run, Map.copyOf(latest));
    }

    public RunRecord stage(String key) {
        return stages.get(key);
    }
}
