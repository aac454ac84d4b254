package com.podcartoes.lake.run;

/** The state of one stage execution in a run record. */
public enum RunState {
    RUNNING, SUCCEEDED,
    /** Done, with something a person should look at: e.g. raw files the Trusted layer refused (quarantined). */
    SUCCEEDED_WITH_WARNINGS,
    FAILED,
    /** Stopped on request ({@code lake cancel}, the console). */
    CANCELLED,
    /** Not run: the user skipped it, or a stage it depends on failed. */
    SKIPPED,
    /** Its process stopped before recording the end (a crash); a later run of the flow found it so. */
    INTERRUPTED;

    public boolean isFinal() {
        return this != RUNNING;
    }

    /** Whether the stage did its work (with or without warnings): what depends on it may run, a retry skips it. */
    public boolean succeeded() {
        return this == SUCCEEDED || this == SUCCEEDED_WITH_WARNINGS;
    }
}
