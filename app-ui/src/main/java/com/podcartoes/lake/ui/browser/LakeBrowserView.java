package com.podcartoes.lake.ui.browser;

import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import com.podcartoes.lake.ui.Tables;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.util.StringConverter;

/** The buckets, a folder at a time: double-click a folder to open it. */
public final class LakeBrowserView extends BorderPane {
    public LakeBrowserView(LakeBrowserViewModel model) {
        ComboBox<S3Bucket> bucket = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                model.buckets()));
        bucket.setId("browser-bucket");
        bucket.setConverter(new StringConverter<>() {
            @Override
            public String toString(S3Bucket b) {
                return b == null ? "" : b.name();
            }

            @Override
            public S3Bucket fromString(String text) {
                return null;
            }
        });
        bucket.valueProperty().bindBidirectional(model.bucketProperty());
        Button up = new Button("Up");
        up.setId("browser-up");
        up.setOnAction(e -> model.up());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        Label prefix = new Label();
        prefix.textProperty().bind(model.prefixProperty().map(p -> "/" + p));
        setTop(new ToolBar(new Label("Bucket"), bucket, up, refresh, prefix));

        TableView<S3Entry> table = new TableView<>(model.entries());
        table.setId("browser-table");
        table.getColumns().add(Tables.column("Name", e -> name(e, model.prefixProperty().get()), 520));
        table.getColumns().add(Tables.column("Size", e -> e.isPrefix() ? "" : String.format("%,d", e.size()),
                140));
        table.getColumns().add(Tables.column("Modified", e -> Tables.time(e.lastModified()), 170));
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                model.open(table.getSelectionModel().getSelectedItem());
            }
        });
        setCenter(table);
        Label status = new Label();
        status.setId("browser-status");
        status.textProperty().bind(model.statusProperty());
        setBottom(status);
    }

    private static String name(S3Entry entry, String prefix) {
        return entry.key().startsWith(prefix) ? entry.key().substring(prefix.length()) : entry.key();
    }
}
