package com.podcartoes.lake.ui.dialogs;

/**
 * What view models may ask of the user and tell them (in the manner of JabRef's DialogService), injected so that a
 * view model never opens a window itself and tests answer for the user.
 */
public interface DialogService {
    /** A notification that goes away by itself. */
    void notify(Notice notice);

    /** An error: the one-sentence message first, the cause chain and stack trace on request. */
    void showError(String title, Throwable error);

    /**
     * Asks before a destructive action.
     *
     * @return whether the user confirmed
     */
    boolean confirm(String title, String question, String confirmLabel);

    /** A report to read, e.g. the connection test's checks: a one-line summary, then its lines. */
    void showReport(String title, String summary, java.util.List<String> lines);

    /** The sentence a person reads for an error: its message, or its type when it has none. */
    static String sentence(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    /** The details behind the sentence: each cause's type and message, then the whole stack trace. */
    static String details(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t == error ? "" : "caused by ").append(t.getClass().getName()).append(": ")
                    .append(t.getMessage()).append('\n');
        }
        java.io.StringWriter trace = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(trace));
        return text.append('\n').append(trace).toString();
    }
}
