package com.podcartoes.lake.run;

/** A stage stopped because someone cancelled it: recorded as CANCELLED and never retried. */
public final class StageCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StageCancelledException(String message) {
        super(message);
    }
}
