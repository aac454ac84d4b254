package com.podcartoes.lake.jobs.common;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time per phase of a job, for its log and its metrics JSON. */
public final class PhaseTimings {
    private final Map<String, Long> millis = new LinkedHashMap<>();
    private long last;

    public PhaseTimings(long start) {
        last = start;
    }

    /** Ends the current phase under this name; the next phase starts now. */
    public void lap(String phase) {
        long now = System.currentTimeMillis();
        millis.merge(phase, now - last, Long::sum);
        last = now;
    }

    public Map<String, Long> millis() {
        return millis;
    }
}
