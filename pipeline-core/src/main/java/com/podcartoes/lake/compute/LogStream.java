package com.podcartoes.lake.compute;

import java.util.Locale;

/**
 * A step's log files, EMR's names ({@code <log uri>/<cluster>/steps/<step>/<name>.gz}); and {@link #CONTAINERS},
 * the stderr of every YARN container of the step's Spark application (its executors), which EMR copies to
 * {@code <log uri>/<cluster>/containers/<application>/<container>/}.
 */
public enum LogStream {
    STDOUT, STDERR, CONTROLLER, CONTAINERS;

    public String fileName() {
        return name().toLowerCase(Locale.ROOT) + ".gz";
    }

    public static LogStream parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the log stream must be stdout, stderr, controller or containers, got '" + text
                    + "'");
        }
    }
}
