package com.podcartoes.lake.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;

/** The console's table columns (read-only text computed from the row) and the status line under each table. */
public final class Tables {
    private Tables() {
    }

    public static <R> TableColumn<R, String> column(String title, Function<R, String> value, double width) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())).getReadOnlyProperty());
        column.setPrefWidth(width);
        return column;
    }

    /** A screen's status line, bound to its view model's status. */
    public static Label statusLine(String id, ObservableValue<String> status) {
        Label line = new Label();
        line.setId(id);
        line.setPadding(new Insets(4, 8, 4, 8));
        line.textProperty().bind(status);
        return line;
    }
}
