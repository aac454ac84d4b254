package com.podcartoes.lake.ui.book;

import com.podcartoes.lake.ui.Icons;
import com.podcartoes.lake.ui.Tables;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The book preview: a month, a client, and the client's variables with their dictionary entries. */
public final class BookView extends BorderPane {
    private static final javafx.css.PseudoClass BROKEN = javafx.css.PseudoClass.getPseudoClass("broken");

    private final TextField search = new TextField();

    public BookView(BookViewModel model) {
        ComboBox<String> month = new ComboBox<>(model.months());
        month.setId("book-month");
        month.setPromptText("month");
        month.valueProperty().bindBidirectional(model.monthProperty());
        TextField client = new TextField();
        client.setId("book-client");
        client.setPromptText("client id");
        client.setPrefColumnCount(8);
        client.textProperty().bindBidirectional(model.clientProperty());
        client.setOnAction(e -> model.preview());
        Button preview = Icons.decorate(new Button("Preview"), Material2MZ.PLAY_ARROW,
                "Read this client's row of the month", "Enter");
        preview.setId("book-preview");
        preview.setOnAction(e -> model.preview());
        ComboBox<BookViewModel.Version> version = new ComboBox<>(model.versions());
        version.setId("book-version");
        version.setTooltip(new javafx.scene.control.Tooltip("Read the book as a commit left it (time travel): each"
                + " commit with its months, run and snapshot"));
        version.setPrefWidth(200);
        version.valueProperty().bindBidirectional(model.versionProperty());
        CheckBox withValue = new CheckBox("Only with a value");
        withValue.setId("book-only-with-value");
        withValue.selectedProperty().bindBidirectional(model.onlyWithValueProperty());
        search.setId("book-search");
        search.setPromptText("Find a variable (Ctrl+F)");
        search.setPrefColumnCount(18);
        search.textProperty().bindBidirectional(model.searchProperty());
        Label searchIcon = new Label(null, Icons.of(Material2MZ.SEARCH));
        setTop(new ToolBar(new Label("Month"), month, new Label("Client"), client,
                new Label("Version"), version, preview, new Separator(),
                withValue, new Separator(), searchIcon, search, new Label(null, Icons.of(Material2AL.LIBRARY_BOOKS))));

        TableView<BookViewModel.VariableRow> table = new TableView<>(model.variables());
        table.setId("book-table");
        table.getColumns().add(Tables.column("Variable", BookViewModel.VariableRow::name, 90));
        table.getColumns().add(Tables.column("Name", BookViewModel.VariableRow::descriptiveName, 290));
        table.getColumns().add(Tables.column("Type", BookViewModel.VariableRow::type, 130));
        table.getColumns().add(Tables.column("Value", BookViewModel.VariableRow::value, 120));
        table.getColumns().add(Tables.column("Definition", BookViewModel.VariableRow::definition, 600));
        table.setPlaceholder(new Label("No variable matches the search."));
        setCenter(table);

        // Status on the left; on the right whether stage and book are one run's, a warning when a run died between.
        Label pairing = new Label();
        pairing.setId("book-pairing");
        pairing.textProperty().bind(model.pairingProperty());
        pairing.setWrapText(true);
        pairing.setPadding(new javafx.geometry.Insets(4, 8, 4, 8));
        pairing.graphicProperty().bind(javafx.beans.binding.Bindings.when(model.pairingBrokenProperty())
                .then(Icons.of(Material2MZ.WARNING)).otherwise(Icons.of(Material2AL.LINK)));
        model.pairingBrokenProperty().addListener((o, was, broken) -> pairing.pseudoClassStateChanged(BROKEN, broken));
        pairing.setMaxWidth(Double.MAX_VALUE);
        pairing.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        javafx.scene.layout.HBox.setHgrow(pairing, javafx.scene.layout.Priority.ALWAYS);
        Label status = Tables.statusLine("book-status", model.statusProperty());
        status.setMinWidth(Label.USE_PREF_SIZE); // the status whole; the pairing wraps in what is left
        javafx.scene.layout.HBox bottom = new javafx.scene.layout.HBox(status, pairing);
        bottom.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        setBottom(bottom);
    }

    public void focusSearch() {
        search.requestFocus();
    }
}
