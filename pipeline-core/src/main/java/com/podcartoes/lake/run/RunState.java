package com.podcartoes.lake.run;

/** The state of one stage execution in a run record. */
public enum RunState {
    RUNNING, SUCCEEDED, FAILED,
    /** Stopped on request ({@code lake cancel}, the console). */
    CANCELLED,
    /** Not run: the user skipped it, or a stage it depends on failed. */
    SKIPPED,
    /** Its process stopped before recording the end (a crash); a later run of the flow found it so. */
    INTERRUPTED;

    public boolean isFinal() {
        return this != RUNNING;
    }
}
