package com.podcartoes.lake.ui.tasks;

/** What a background task's work may tell while it runs, and ask: whether it was cancelled. */
public interface TaskProgress {
    /** Indeterminate progress: the work does not know how far it is. */
    double INDETERMINATE = -1;

    /** @param fraction 0 to 1, or {@link #INDETERMINATE} */
    void progress(double fraction);

    void message(String message);

    boolean cancelled();
}
