package com.podcartoes.lake.compute;

import java.util.List;

/** What to run as a step: a name, a spark-jobs entry point and its arguments. */
public record StepSpec(String name, String mainClass, List<String> args) {
    public StepSpec {
        args = List.copyOf(args);
    }
}
