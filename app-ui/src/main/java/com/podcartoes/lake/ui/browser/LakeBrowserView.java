package com.podcartoes.lake.ui.browser;

import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import com.podcartoes.lake.ui.Formats;
import com.podcartoes.lake.ui.Icons;
import com.podcartoes.lake.ui.Tables;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.util.StringConverter;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The buckets, a folder at a time: double-click a folder to open it. */
public final class LakeBrowserView extends BorderPane {
    private final TextField search = new TextField();

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
        Button up = Icons.decorate(new Button(), Material2AL.ARROW_UPWARD, "Parent folder", "Backspace");
        up.setId("browser-up");
        up.setOnAction(e -> model.up());
        Label prefix = new Label();
        prefix.textProperty().bind(model.prefixProperty().map(p -> "/" + p));
        search.setId("browser-search");
        search.setPromptText("Filter this folder (Ctrl+F)");
        search.textProperty().bindBidirectional(model.filterProperty());
        setTop(new ToolBar(new Label("Bucket"), bucket, up, prefix, new Separator(),
                new Label(null, Icons.of(Material2MZ.SEARCH)), search));

        TableView<S3Entry> table = new TableView<>(model.entries());
        table.setId("browser-table");
        TableColumn<S3Entry, String> name = Tables.column("Name", e -> name(e, model.prefixProperty().get()), 520);
        name.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setGraphic(empty ? null : Icons.of(item.endsWith("/") ? Material2AL.FOLDER
                        : Material2AL.INSERT_DRIVE_FILE));
            }
        });
        table.getColumns().add(name);
        table.getColumns().add(Tables.column("Size", e -> e.isPrefix() ? "" : String.format("%,d", e.size()),
                140));
        table.getColumns().add(Tables.column("Modified", e -> Formats.time(e.lastModified()), 170));
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                model.open(table.getSelectionModel().getSelectedItem());
            }
        });
        table.setOnKeyPressed(e -> {
            switch (e.getCode()) {
                case ENTER -> model.open(table.getSelectionModel().getSelectedItem());
                case BACK_SPACE -> model.up();
                default -> { }
            }
        });
        table.setPlaceholder(new Label("This folder is empty."));
        setCenter(table);
        setBottom(Tables.statusLine("browser-status", model.statusProperty()));
    }

    private static String name(S3Entry entry, String prefix) {
        return entry.key().startsWith(prefix) ? entry.key().substring(prefix.length()) : entry.key();
    }

    public void focusSearch() {
        search.requestFocus();
    }
}
