package com.podcartoes.lake.compute;

import java.util.List;

/**
 * What to run as a step: a name, a spark-jobs entry point, its arguments, and how long its work is expected to
 * last (which tunes a local job JVM's compilers; EMR ignores it).
 */
public record StepSpec(String name, String mainClass, List<String> args, Length length) {
    /** How long a job's work lasts, as the JVM's just-in-time compilers see it. */
    public enum Length {
        /** Seconds of work (one month's book): the optimizing compiler would not pay back its own CPU time. */
        SHORT,
        /** Minutes of work (the Trusted layer, a backfill): the optimized code pays back its compilation. */
        LONG
    }

    public StepSpec {
        args = List.copyOf(args);
    }

    /** A step of {@link Length#LONG} work. */
    public StepSpec(String name, String mainClass, List<String> args) {
        this(name, mainClass, args, Length.LONG);
    }
}
