package com.podcartoes.lake.compute;

/** A cluster's state, EMR's names; the local backend's one "cluster" is this machine. */
public enum ClusterState {
    STARTING, BOOTSTRAPPING, RUNNING, WAITING, TERMINATING, TERMINATED, TERMINATED_WITH_ERRORS;

    public boolean isActive() {
        return this != TERMINATING && this != TERMINATED && this != TERMINATED_WITH_ERRORS;
    }
}
