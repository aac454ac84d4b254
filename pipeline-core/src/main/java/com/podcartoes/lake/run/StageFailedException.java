package com.podcartoes.lake.run;

/** A stage failed; the message is the run record's error sentence, the cause has the details. */
public final class StageFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient RunRecord record;

    public StageFailedException(RunRecord record, Throwable cause) {
        super(record.flow() + "/" + record.stageKey() + " failed: " + record.error(), cause);
        this.record = record;
    }

    public RunRecord record() {
        return record;
    }
}
