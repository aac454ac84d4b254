package com.podcartoes.lake.jobs.common;

import java.util.Set;

/**
 * Named moments of a job's commit where the fault-injection tests make it fail: with the system property
 * {@code pod.lake.faultAt=<point>[,<point>...]} the job halts there ({@code Runtime.halt}: no finally block, no
 * shutdown hook, as SIGKILL leaves it), or with {@code pod.lake.faultMode=throw} throws {@link InjectedFault}.
 * Unset (always, outside tests) a point costs one property read.
 */
public final class FaultPoints {
    public static final String PROPERTY = "pod.lake.faultAt";
    public static final String MODE = "pod.lake.faultMode";
    /** The exit code of a halt at a fault point (128 + 9, as a SIGKILL's). */
    public static final int HALT_CODE = 137;

    private FaultPoints() {
    }

    public static void reach(String point) {
        String at = System.getProperty(PROPERTY);
        if (at == null || !Set.of(at.split(",")).contains(point)) {
            return;
        }
        if ("throw".equals(System.getProperty(MODE))) {
            throw new InjectedFault(point);
        }
        System.err.println("fault injected: halting at " + point);
        System.err.flush();
        Runtime.getRuntime().halt(HALT_CODE);
    }

    /** The failure a fault point throws in {@code throw} mode. */
    public static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(String point) {
            super("fault injected at " + point);
        }
    }
}
