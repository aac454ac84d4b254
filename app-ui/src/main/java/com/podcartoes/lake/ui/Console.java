package com.podcartoes.lake.ui;

/**
 * The console's entry point ({@code ./lake console}). A class that does not extend Application, so that JavaFX
 * starts from the classpath (the launcher refuses an Application main class without JavaFX modules).
 */
public final class Console {
    private Console() {
    }

    public static void main(String[] args) {
        int code = ConsoleApp.run(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
