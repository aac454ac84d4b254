package com.podcartoes.lake.ui;

import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/** One screen of the console: its navigation entry, its view, and what the window's commands do on it. */
public interface Screen {
    String title();

    Ikon icon();

    Node view();

    /** Reads the lake again (F5); screens also follow the lake by themselves. */
    void refresh();

    /** Puts the keyboard in the screen's search field (Ctrl+F). */
    void focusSearch();
}
