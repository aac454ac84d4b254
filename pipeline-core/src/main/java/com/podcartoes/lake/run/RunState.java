package com.podcartoes.lake.run;

/** The state of one stage execution in a run record. */
public enum RunState {
    RUNNING, SUCCEEDED, FAILED
}
