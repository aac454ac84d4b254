package com.podcartoes.lake.run;

/** Receives run records as they change and progress while a stage runs (e.g. the console's progress bars). */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    default void recordChanged(RunRecord record) {
    }

    default void progress(StageProgress progress) {
    }
}
