package com.podcartoes.lake.flow;

/** Another run of the same flow holds the flow's lock (from another console, the CLI or the scheduler). */
public final class FlowBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FlowBusyException(String message) {
        super(message);
    }
}
