package com.podcartoes.lake.ui.dialogs;

/**
 * A notification for the user: success or failure of something they started, with an optional action (e.g. "Show
 * log").
 *
 * @param actionLabel null when there is no action
 */
public record Notice(Kind kind, String title, String text, String actionLabel, Runnable action) {
    public enum Kind {
        SUCCESS, WARNING, FAILURE
    }

    public static Notice success(String title, String text) {
        return new Notice(Kind.SUCCESS, title, text, null, null);
    }

    public static Notice failure(String title, String text, String actionLabel, Runnable action) {
        return new Notice(Kind.FAILURE, title, text, actionLabel, action);
    }
}
