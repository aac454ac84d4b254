package com.podcartoes.lake.ui.pipeline;

import com.podcartoes.lake.compute.LogStream;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.ui.Formats;
import com.podcartoes.lake.ui.Icons;
import com.podcartoes.lake.ui.Tables;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Pipeline screen: the stage graphs of both flows, the run-history grid, the chosen stage's details and log, and
 * the schedules. Everything it shows comes from {@link PipelineViewModel}; every button is one of its commands.
 */
public final class PipelineView extends BorderPane {
    private final PipelineViewModel model;
    private final TextField search = new TextField();
    private final TableView<GridRow> grid;

    public PipelineView(PipelineViewModel model) {
        this.model = model;
        getStyleClass().add("pipeline");
        setTop(toolbar());

        HBox graphs = new HBox(12, flowCard("Ingestion", "Extract, then load, per subject",
                model.ingestionRunProperty(), model.ingestionBoxes(), false),
                flowCard("Processing", "Spark: Trusted for both subjects, then the book",
                        model.processingRunProperty(), model.processingBoxes(), true),
                schedulesCard());
        graphs.setPadding(new Insets(10));
        HBox.setHgrow(graphs.getChildren().get(2), Priority.ALWAYS);
        ScrollPane graphsScroll = new ScrollPane(graphs);
        graphsScroll.setFitToWidth(true);
        graphsScroll.setFitToHeight(true);

        grid = grid();
        SplitPane lower = new SplitPane(gridPane(), detailsPane());
        lower.setDividerPositions(0.74);
        SplitPane split = new SplitPane(graphsScroll, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        setCenter(split);

        setBottom(Tables.statusLine("pipeline-status", model.statusProperty()));
    }

    public void focusSearch() {
        search.requestFocus();
    }

    private ToolBar toolbar() {
        Button all = Icons.decorate(new Button("Run pipeline"), Material2MZ.PLAY_ARROW,
                "Ingestion, then processing (lake run all)", "Ctrl+R");
        all.setId("run-all");
        all.getStyleClass().add("accent");
        all.disableProperty().bind(model.ingestionRunningProperty().or(model.processingRunningProperty()));
        all.setOnAction(e -> model.runPipeline());
        Button ingestion = Icons.decorate(new Button("Ingestion"), Material2MZ.PLAY_ARROW,
                "Extract and load both subjects (lake run ingestion)", "Ctrl+I");
        ingestion.setId("run-ingestion");
        ingestion.disableProperty().bind(model.ingestionRunningProperty());
        ingestion.setOnAction(e -> model.runIngestion());
        Button processing = Icons.decorate(new Button("Processing"), Material2MZ.PLAY_ARROW,
                "Trusted, then the book for the chosen months (lake run processing)", "Ctrl+P");
        processing.setId("run-processing");
        processing.disableProperty().bind(model.processingRunningProperty());
        processing.setOnAction(e -> model.runProcessing());
        Button retry = Icons.decorate(new Button("Retry"), Material2MZ.REPLAY,
                "Run again what the chosen (or latest failed) run did not finish (--retry)", "Ctrl+T");
        retry.setId("retry");
        retry.setOnAction(e -> model.retry());
        Button refused = Icons.decorate(new Button("Retry refused"), Material2AL.ASSIGNMENT_LATE,
                "Process again the raw files in quarantine, with any new ones (--retry-refused)", null);
        refused.setId("retry-refused");
        javafx.beans.binding.IntegerBinding quarantined = javafx.beans.binding.Bindings.size(model.quarantined());
        refused.textProperty().bind(javafx.beans.binding.Bindings.when(quarantined.isEqualTo(0))
                .then("Retry refused").otherwise(javafx.beans.binding.Bindings.concat("Retry refused (",
                        quarantined, ")")));
        refused.disableProperty().bind(model.processingRunningProperty());
        // Only when there is something in quarantine: then it stands out (amber), else it takes no room.
        refused.visibleProperty().bind(quarantined.greaterThan(0));
        refused.managedProperty().bind(refused.visibleProperty());
        refused.getStyleClass().add("quarantine-button");
        refused.setOnAction(e -> model.retryRefused());
        model.quarantined().addListener((ListChangeListener<com.podcartoes.lake.flow.Quarantine.Entry>) c ->
                refused.getTooltip().setText(model.quarantined().isEmpty()
                        ? "No raw file is in quarantine"
                        : "In quarantine (refused as a whole, left alone by later runs):\n" + model.quarantined()
                        .stream().map(com.podcartoes.lake.flow.Quarantine.Entry::describe)
                        .collect(java.util.stream.Collectors.joining("\n"))));
        Button cancel = Icons.decorate(new Button("Cancel"), Material2AL.CANCEL,
                "Cancel the running run (its Spark step is stopped)", "Ctrl+K");
        cancel.setId("cancel-run");
        cancel.setOnAction(e -> model.cancel());

        ComboBox<String> month = new ComboBox<>(model.referenceChoices());
        month.setId("reference-month");
        month.setPromptText("default");
        month.setPrefWidth(105);
        month.setTooltip(new Tooltip("The book's reference month; empty: the month after the latest invoices"));
        month.valueProperty().bindBidirectional(model.referenceProperty());
        Button defaultMonth = Icons.decorate(new Button(), Material2AL.CLEAR, "Back to the default month", null);
        defaultMonth.setOnAction(e -> model.referenceProperty().set(null));
        CheckBox backfill = new CheckBox("Backfill");
        backfill.setId("backfill");
        backfill.selectedProperty().bindBidirectional(model.backfillProperty());
        ComboBox<String> from = new ComboBox<>(model.referenceChoices());
        from.setId("backfill-from");
        from.setPrefWidth(105);
        from.valueProperty().bindBidirectional(model.fromProperty());
        ComboBox<String> to = new ComboBox<>(model.referenceChoices());
        to.setId("backfill-to");
        to.setPrefWidth(105);
        to.valueProperty().bindBidirectional(model.toProperty());
        from.disableProperty().bind(backfill.selectedProperty().not());
        to.disableProperty().bind(backfill.selectedProperty().not());
        month.disableProperty().bind(backfill.selectedProperty());
        ComboBox<String> backend = new ComboBox<>(model.backends());
        backend.setId("backend");
        backend.valueProperty().bindBidirectional(model.backendProperty());
        backend.setTooltip(new Tooltip("Where processing runs Spark: local child JVMs on the embedded lake, or EMR"));
        backend.setPrefWidth(90);
        return new ToolBar(all, ingestion, processing, new Separator(), retry, refused, cancel, new Separator(),
                new Label("Month"), month, defaultMonth, backfill, from, new Label("–"), to, new Separator(),
                new Label(null, Icons.of(Material2MZ.MEMORY)), backend);
    }

    // ---- the stage graphs

    private Node flowCard(String title, String subtitle, javafx.beans.value.ObservableValue<String> run,
                          ObservableList<StageBox> boxes, boolean fanIn) {
        Label heading = new Label(title);
        heading.getStyleClass().add("title-4");
        Label what = new Label(subtitle);
        what.getStyleClass().add("text-muted");
        Label runLabel = new Label();
        runLabel.getStyleClass().add("text-small");
        runLabel.textProperty().bind(run);
        runLabel.setId(title.toLowerCase() + "-run");

        GridPane graph = new GridPane();
        graph.setHgap(8);
        graph.setVgap(8);
        List<BoxView> views = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            views.add(new BoxView());
        }
        if (fanIn) { // two Trusted boxes, then the book
            graph.add(views.get(0), 0, 0);
            graph.add(views.get(1), 0, 1);
            Label arrow = arrow();
            graph.add(arrow, 1, 0, 1, 2);
            graph.add(views.get(2), 2, 0, 1, 2);
            views.get(2).setMaxHeight(Double.MAX_VALUE);
        } else { // extract → load per subject
            for (int lane = 0; lane < boxes.size() / 2; lane++) {
                graph.add(views.get(2 * lane), 0, lane);
                graph.add(arrow(), 1, lane);
                graph.add(views.get(2 * lane + 1), 2, lane);
            }
        }
        Runnable update = () -> {
            for (int i = 0; i < views.size() && i < boxes.size(); i++) {
                views.get(i).show(boxes.get(i));
            }
        };
        boxes.addListener((ListChangeListener<StageBox>) c -> update.run());
        update.run();
        VBox card = new VBox(4, heading, what, runLabel, graph);
        card.getStyleClass().add("flow-card");
        card.setPadding(new Insets(10));
        card.setMinWidth(Region.USE_PREF_SIZE);
        return card;
    }

    private static Label arrow() {
        Label arrow = new Label(null, Icons.of(Material2AL.ARROW_FORWARD));
        arrow.getStyleClass().add("text-muted");
        arrow.setMaxHeight(Double.MAX_VALUE);
        return arrow;
    }

    /** One stage box: title, subject, state badge, figures, and a progress bar while it runs. */
    private final class BoxView extends VBox {
        private final Label title = new Label();
        private final Label subtitle = new Label();
        private final Label state = new Label();
        private final Label detail = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final MenuButton actions = new MenuButton();
        private final Tooltip tip = new Tooltip();
        private StageBox shown;

        BoxView() {
            super(3);
            getStyleClass().add("stage-box");
            title.getStyleClass().add("stage-title");
            subtitle.getStyleClass().addAll("text-small", "text-muted");
            state.getStyleClass().add("state-badge");
            detail.getStyleClass().add("text-small");
            for (Label label : List.of(title, subtitle, detail)) {
                label.setWrapText(true);
                label.setMinHeight(Region.USE_PREF_SIZE); // grow in height rather than cut the text
            }
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.setPrefHeight(8);
            setPrefWidth(195);
            setMinWidth(Region.USE_PREF_SIZE);
            MenuItem run = new MenuItem("Run this stage", Icons.of(Material2MZ.PLAY_ARROW));
            run.setOnAction(e -> model.runStage(shown.stage()));
            MenuItem skip = new MenuItem("Run the flow without this stage", Icons.of(Material2MZ.SKIP_NEXT));
            skip.setOnAction(e -> model.skip(shown.stage()));
            MenuItem details = new MenuItem("Show details and log", Icons.of(Material2AL.DESCRIPTION));
            details.setOnAction(e -> model.select(shown));
            actions.getItems().setAll(details, run, skip);
            actions.setGraphic(Icons.of(Material2MZ.MORE_VERT));
            actions.getStyleClass().addAll("flat", "no-arrow", "box-actions");
            actions.setTooltip(new Tooltip("Run this stage, or the flow without it"));
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox header = new HBox(title, gap, actions);
            header.setAlignment(Pos.TOP_LEFT);
            getChildren().addAll(header, subtitle, state, detail, bar);
            setOnMouseClicked(e -> {
                if (shown != null) {
                    model.select(shown);
                }
            });
            setOnContextMenuRequested(e -> actions.show());
            tip.setWrapText(true);
            tip.setMaxWidth(420);
            Tooltip.install(this, tip);
        }

        void show(StageBox box) {
            shown = box;
            setId("box-" + box.stage().id());
            actions.setId("actions-" + box.stage().id());
            title.setText(box.stage().title());
            subtitle.setText(box.stage().subtitle());
            state.setText(box.state());
            detail.setText(box.detail());
            getStyleClass().removeIf(c -> c.startsWith("state-"));
            getStyleClass().add(box.styleClass());
            bar.setVisible(box.running());
            bar.setManaged(box.running());
            if (box.running()) {
                bar.setProgress(box.progress() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : box.progress());
            }
            tip.setText(box.record() == null ? "Not run yet; its ⋮ menu runs it"
                    : box.record().stageKey() + " " + box.state() + (box.record().error() == null ? ""
                    : ": " + box.record().error()) + "\nClick for details; ⋮ or right-click for actions");
        }
    }

    private Node schedulesCard() {
        Label heading = new Label("Schedules");
        heading.getStyleClass().add("title-4");
        VBox table = new VBox(6);
        table.setId("schedules");
        Runnable fill = () -> {
            table.getChildren().clear();
            for (PipelineViewModel.ScheduleRow schedule : model.schedules()) {
                Label flow = new Label(schedule.flow() + "   " + schedule.cron());
                flow.getStyleClass().add("stage-title");
                Label next = new Label("next " + schedule.nextFires());
                next.getStyleClass().add("text-small");
                next.setWrapText(true);
                table.getChildren().addAll(flow, next);
            }
            if (!model.schedules().isEmpty()) {
                Label zone = new Label("times in " + model.schedules().get(0).zone());
                zone.getStyleClass().addAll("text-small", "text-muted");
                table.getChildren().add(zone);
            }
        };
        model.schedules().addListener((ListChangeListener<PipelineViewModel.ScheduleRow>) c -> fill.run());
        fill.run();
        Label scheduler = new Label();
        scheduler.setId("scheduler-status");
        scheduler.setWrapText(true);
        scheduler.getStyleClass().add("text-small");
        scheduler.textProperty().bind(model.schedulerProperty());
        VBox card = new VBox(6, heading, table, scheduler);
        card.getStyleClass().add("flow-card");
        card.setPadding(new Insets(10));
        card.setMinWidth(260);
        return card;
    }

    // ---- the run-history grid

    private TableView<GridRow> grid() {
        TableView<GridRow> table = new TableView<>(model.grid());
        table.setId("run-grid");
        table.getColumns().add(Tables.column("Run", r -> r.run().runId(), 222));
        table.getColumns().add(Tables.column("Flow", r -> r.run().flow(), 84));
        TableColumn<GridRow, String> state = Tables.column("State", r -> r.run().state(), 104);
        state.setCellFactory(c -> stateCell(false));
        table.getColumns().add(state);
        table.getColumns().add(Tables.column("Took", r -> Formats.duration(r.run().duration()), 76));
        for (String key : PipelineStage.GRID_COLUMNS) {
            TableColumn<GridRow, String> column = Tables.column(PipelineStage.columnTitle(key), r -> {
                RunRecord record = r.stage(key);
                return record == null ? "" : record.state().name();
            }, key.equals("trusted") ? 80 : 70); // symbols: narrow, so every stage shows beside the details at 1400 px
            column.setUserData(key);
            column.setId("grid-" + key);
            column.setCellFactory(c -> stateCell(true));
            table.getColumns().add(column);
        }
        table.getSelectionModel().setCellSelectionEnabled(true);
        table.getSelectionModel().getSelectedCells().addListener((ListChangeListener<TablePosition>) c -> {
            if (table.getSelectionModel().getSelectedCells().isEmpty()) {
                return;
            }
            TablePosition<?, ?> cell = table.getSelectionModel().getSelectedCells().get(0);
            if (cell.getTableColumn() != null && cell.getTableColumn().getUserData() instanceof String key
                    && cell.getRow() >= 0 && cell.getRow() < table.getItems().size()) {
                model.select(table.getItems().get(cell.getRow()).run().runId(), key);
            }
        });
        table.setPlaceholder(new Label("No runs yet: press Run pipeline."));
        return table;
    }

    /** A state, coloured; in the stage columns as a symbol, the state itself in the tooltip (as grid views do). */
    private static TableCell<GridRow, String> stateCell(boolean symbol) {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(c -> c.startsWith("state-"));
                boolean blank = empty || item == null || item.isEmpty();
                setText(blank ? null : symbol ? SYMBOLS.getOrDefault(item, item) : item);
                setTooltip(blank ? null : new Tooltip(item));
                if (!blank) {
                    getStyleClass().add("state-" + item.toLowerCase().replace('_', '-'));
                }
            }
        };
    }

    private static final java.util.Map<String, String> SYMBOLS = java.util.Map.of("SUCCEEDED", "✓", "FAILED", "✗",
            "RUNNING", "▶", "CANCELLED", "⊘", "SKIPPED", "–", "INTERRUPTED", "!", "SUCCEEDED_WITH_WARNINGS", "⚠");

    private Node gridPane() {
        ComboBox<String> flow = new ComboBox<>(FXCollections.observableArrayList(PipelineViewModel.flowChoices()));
        flow.setId("grid-flow");
        flow.valueProperty().bindBidirectional(model.flowFilterProperty());
        ComboBox<String> state = new ComboBox<>(FXCollections.observableArrayList(PipelineViewModel.stateChoices()));
        state.setId("grid-state");
        state.valueProperty().bindBidirectional(model.stateFilterProperty());
        search.setId("grid-search");
        search.setPromptText("Find a run, stage or error (Ctrl+F)");
        search.textProperty().bindBidirectional(model.textFilterProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        Label heading = new Label("Run history");
        heading.getStyleClass().add("title-4");
        HBox filters = new HBox(8, heading, spacer(), new Label("Flow"), flow, new Label("State"), state,
                new Label(null, Icons.of(Material2MZ.SEARCH)), search);
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.setPadding(new Insets(6, 8, 6, 8));
        VBox.setVgrow(grid, Priority.ALWAYS);
        return new VBox(filters, grid);
    }

    private static Region spacer() {
        Region spacer = new Region();
        spacer.setMinWidth(8);
        return spacer;
    }

    // ---- a stage's details and log

    private Node detailsPane() {
        Label heading = new Label("Stage details");
        heading.getStyleClass().add("title-4");
        Label details = new Label();
        details.setId("stage-details");
        details.setWrapText(true);
        details.getStyleClass().add("stage-details");
        details.textProperty().bind(model.detailsProperty());
        ToggleGroup streams = new ToggleGroup();
        HBox toggles = new HBox(0);
        for (LogStream stream : LogStream.values()) {
            boolean yarn = stream == LogStream.CONTAINERS;
            ToggleButton button = new ToggleButton(yarn ? "YARN" : stream.name().toLowerCase());
            button.setTooltip(new Tooltip(yarn ? "The logs of the YARN containers of the step's Spark application (EMR)"
                    : "The step's " + stream.fileName()));
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.setId("log-" + stream.name().toLowerCase());
            button.setUserData(stream);
            button.setToggleGroup(streams);
            button.setSelected(stream == model.logStreamProperty().get());
            toggles.getChildren().add(button);
        }
        toggles.getStyleClass().add("segmented");
        model.logStreamProperty().addListener((o, was, now) -> streams.getToggles().stream()
                .filter(t -> t.getUserData() == now).findFirst().ifPresent(t -> t.setSelected(true)));
        streams.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one stream is always shown
            } else {
                model.logStreamProperty().set((LogStream) now.getUserData());
            }
        });
        TextArea log = new TextArea();
        log.setId("stage-log");
        log.setEditable(false);
        log.getStyleClass().add("log");
        log.textProperty().bind(model.logProperty());
        VBox.setVgrow(log, Priority.ALWAYS);
        Label logLabel = new Label("Step log");
        logLabel.setMinWidth(Region.USE_PREF_SIZE);
        // The buttons go under the label when the pane is narrow, rather than past its edge.
        FlowPane logBar = new FlowPane(8, 4, logLabel, toggles);
        logBar.setAlignment(Pos.CENTER_LEFT);
        VBox pane = new VBox(6, heading, details, logBar, log);
        pane.setPadding(new Insets(6, 8, 6, 8));
        // The split pane's divider decides the width (its content is clipped), never the log bar's buttons.
        pane.setMinWidth(200);
        return pane;
    }
}
