package com.podcartoes.lake.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** The console's two looks: AtlantaFX's Primer themes, light and dark, plus the console's own stylesheet. */
public enum Theme {
    LIGHT, DARK;

    public static final String STYLESHEET = Theme.class.getResource("console.css").toExternalForm();

    /** Makes this theme the application's (every window, dialogs and notifications included). */
    public void apply() {
        Application.setUserAgentStylesheet(this == DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static Theme parse(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            return LIGHT;
        }
    }
}
