package com.podcartoes.lake.ui.pipeline;

import com.podcartoes.lake.run.RunRecord;

/**
 * What a stage box shows now: the stage, its latest record in the flow's latest run (null when it never ran), the
 * figures line, and the progress bar's value.
 *
 * @param state    the record's state, or "NOT RUN"
 * @param detail   duration, records and bytes (or the Spark step) in one line
 * @param progress 0 to 1, -1 for an indeterminate bar, or NaN for no bar (not running)
 */
public record StageBox(PipelineStage stage, RunRecord record, String state, String detail, double progress) {
    public boolean running() {
        return !Double.isNaN(progress);
    }

    /** The style class that colours the box: the state in lower case. */
    public String styleClass() {
        return "state-" + state.toLowerCase(java.util.Locale.ROOT).replace(' ', '-').replace('_', '-');
    }
}
