package com.podcartoes.lake.compute;

/** A step's state, EMR's names, for both backends. */
public enum StepState {
    PENDING, RUNNING, COMPLETED, CANCEL_PENDING, CANCELLED, FAILED, INTERRUPTED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED || this == INTERRUPTED;
    }
}
