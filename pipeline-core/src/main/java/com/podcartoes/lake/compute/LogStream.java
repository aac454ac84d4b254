package com.podcartoes.lake.compute;

import java.util.Locale;

/** A step's log files, EMR's names ({@code <log uri>/<cluster>/steps/<step>/<name>.gz}). */
public enum LogStream {
    STDOUT, STDERR, CONTROLLER;

    public String fileName() {
        return name().toLowerCase(Locale.ROOT) + ".gz";
    }

    public static LogStream parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the log stream must be stdout, stderr or controller, got '" + text
                    + "'");
        }
    }
}
