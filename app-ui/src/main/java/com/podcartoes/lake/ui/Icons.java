package com.podcartoes.lake.ui;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Icons: Ikonli's Material 2 font for toolbars and navigation, the PNG sizes of icons/lake.svg for the window. */
public final class Icons {
    private static final int[] APP_SIZES = {16, 24, 32, 48, 64, 128, 256};

    private Icons() {
    }

    public static FontIcon of(Ikon ikon) {
        return FontIcon.of(ikon, 16);
    }

    /** A toolbar button's icon and tooltip, the shortcut included when it has one. */
    public static <B extends ButtonBase> B decorate(B button, Ikon ikon, String tooltip, String shortcut) {
        button.setGraphic(of(ikon));
        button.setTooltip(new Tooltip(shortcut == null ? tooltip : tooltip + " (" + shortcut + ")"));
        return button;
    }

    /** A screen's refresh button (F5 does the same through the View menu): reads what it shows again. */
    public static Button refreshButton(String id, String what, Runnable refresh) {
        Button button = decorate(new Button(), org.kordamp.ikonli.material2.Material2MZ.REFRESH,
                "Read " + what + " again (they also follow the lake)", "F5");
        button.setId(id);
        button.setOnAction(e -> refresh.run());
        return button;
    }

    /** The application icon in every size made from the SVG (icons/render.sh). */
    public static java.util.List<Image> application() {
        java.util.List<Image> images = new java.util.ArrayList<>();
        for (int size : APP_SIZES) {
            var url = Icons.class.getResource("icons/lake-" + size + ".png");
            if (url != null) {
                images.add(new Image(url.toExternalForm()));
            }
        }
        return images;
    }
}
