package com.podcartoes.lake.ui.book;

import com.podcartoes.lake.ui.Tables;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

/** The book preview: a month, a client, and the client's variables with their dictionary entries. */
public final class BookView extends BorderPane {
    public BookView(BookViewModel model) {
        ComboBox<String> month = new ComboBox<>(model.months());
        month.setId("book-month");
        month.valueProperty().bindBidirectional(model.monthProperty());
        TextField client = new TextField();
        client.setId("book-client");
        client.setPromptText("client id");
        client.setPrefColumnCount(10);
        client.textProperty().bindBidirectional(model.clientProperty());
        client.setOnAction(e -> model.preview());
        Button preview = new Button("Preview");
        preview.setId("book-preview");
        preview.setOnAction(e -> model.preview());
        Button months = new Button("Refresh months");
        months.setOnAction(e -> model.refreshMonths());
        javafx.scene.control.CheckBox withValue = new javafx.scene.control.CheckBox("Only with a value");
        withValue.setId("book-only-with-value");
        withValue.selectedProperty().bindBidirectional(model.onlyWithValueProperty());
        setTop(new ToolBar(new Label("Month"), month, new Label("Client"), client, preview, withValue, months));

        TableView<BookViewModel.VariableRow> table = new TableView<>(model.variables());
        table.setId("book-table");
        table.getColumns().add(Tables.column("Variable", BookViewModel.VariableRow::name, 80));
        table.getColumns().add(Tables.column("Name", BookViewModel.VariableRow::descriptiveName, 290));
        table.getColumns().add(Tables.column("Type", BookViewModel.VariableRow::type, 110));
        table.getColumns().add(Tables.column("Value", BookViewModel.VariableRow::value, 120));
        table.getColumns().add(Tables.column("Definition", BookViewModel.VariableRow::definition, 600));
        setCenter(table);

        Label status = new Label();
        status.setId("book-status");
        status.setPadding(new Insets(2, 6, 2, 6));
        status.textProperty().bind(model.statusProperty());
        setBottom(status);
    }

}
