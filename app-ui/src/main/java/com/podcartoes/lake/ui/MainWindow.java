package com.podcartoes.lake.ui;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.doctor.Preflight;
import com.podcartoes.lake.flow.SparkRunners;
import com.podcartoes.lake.refined.BookReader;
import com.podcartoes.lake.tables.TableHistory;
import com.podcartoes.lake.ui.book.BookView;
import com.podcartoes.lake.ui.book.BookViewModel;
import com.podcartoes.lake.ui.browser.LakeBrowserView;
import com.podcartoes.lake.ui.browser.LakeBrowserViewModel;
import com.podcartoes.lake.ui.clusters.ClustersView;
import com.podcartoes.lake.ui.clusters.ClustersViewModel;
import com.podcartoes.lake.ui.dialogs.DialogService;
import com.podcartoes.lake.ui.doctor.ConnectionTestViewModel;
import com.podcartoes.lake.ui.pipeline.PipelineView;
import com.podcartoes.lake.ui.pipeline.PipelineViewModel;
import com.podcartoes.lake.ui.tables.TablesView;
import com.podcartoes.lake.ui.tables.TablesViewModel;
import com.podcartoes.lake.ui.tasks.RunningTask;
import com.podcartoes.lake.ui.tasks.TaskExecutor;
import com.podcartoes.lake.ui.tasks.TasksPane;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.control.PopOver;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The console's window content, in the manner of AtlantaFX's sampler: a navigation list of screens, the chosen
 * screen, the menus with their shortcuts, and a status bar with the profile, the lake, the backend and the running
 * tasks. It keeps every screen following the lake: a poll every few seconds (paused while the window is iconified)
 * and, whenever the run records change, the other screens read the lake again.
 */
public final class MainWindow extends BorderPane {
    /** How often the screens look at the lake for runs started elsewhere. */
    public static final Duration POLL = Duration.seconds(Double.parseDouble(
            System.getProperty("lake.console.pollSeconds", "3")));

    private final PipelineViewModel pipeline;
    private final ClustersViewModel clusters;
    private final LakeBrowserViewModel browser;
    private final BookViewModel book;
    private final TablesViewModel tables;
    private final ConnectionTestViewModel connectionTest;
    private final List<Screen> screens;
    private final ListView<Screen> navigation;
    private final StackPane content = new StackPane();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final Timeline poll;
    private final Timeline clock;
    private Runnable quit = () -> { };
    private int ticks;

    public MainWindow(LakeContext lake, TaskExecutor tasks, DialogService dialogs) {
        getStylesheets().add(Theme.STYLESHEET);
        theme.get().apply();
        theme.addListener((o, was, now) -> now.apply());
        pipeline = new PipelineViewModel(lake, tasks, dialogs);
        clusters = new ClustersViewModel(SparkRunners.create(lake, null), tasks, dialogs);
        browser = new LakeBrowserViewModel(List.of(lake.lake(), lake.source()), tasks);
        book = new BookViewModel(new BookReader(lake.tables()), tasks);
        tables = new TablesViewModel(() -> TableHistory.of(lake.tables()), tasks);
        connectionTest = new ConnectionTestViewModel(() -> Preflight.check(lake, Clock.systemUTC()),
                tasks, dialogs);

        PipelineView pipelineView = new PipelineView(pipeline);
        ClustersView clustersView = new ClustersView(clusters);
        LakeBrowserView browserView = new LakeBrowserView(browser);
        BookView bookView = new BookView(book);
        TablesView tablesView = new TablesView(tables);
        screens = List.of(
                screen("Pipeline", Material2AL.ACCOUNT_TREE, pipelineView, pipeline::refresh,
                        pipelineView::focusSearch),
                screen("Clusters", Material2MZ.MEMORY, clustersView, clusters::refresh, () -> { }),
                screen("Lake", Material2MZ.STORAGE, browserView, browser::refresh, browserView::focusSearch),
                screen("Book", Material2AL.LIBRARY_BOOKS, bookView, book::refreshMonths, bookView::focusSearch),
                screen("Tables", Material2MZ.TABLE_CHART, tablesView, tables::refresh, () -> { }));

        navigation = new ListView<>(javafx.collections.FXCollections.observableArrayList(screens));
        navigation.setId("navigation");
        navigation.getStyleClass().add("nav-list");
        navigation.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Screen item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item.title());
                setGraphic(empty ? null : Icons.of(item.icon()));
                setId(empty ? null : "nav-" + item.title().toLowerCase());
            }
        });
        navigation.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                content.getChildren().setAll(now.view());
            }
        });
        Label title = new Label("PoD Lake", Icons.of(Material2MZ.STORAGE));
        title.getStyleClass().add("app-title");
        VBox side = new VBox(title, navigation);
        VBox.setVgrow(navigation, Priority.ALWAYS);
        side.getStyleClass().add("nav-list");

        setTop(menus());
        setLeft(side);
        setCenter(content);
        setBottom(statusBar(lake, tasks, dialogs));
        navigation.getSelectionModel().select(0);

        // The other screens follow the lake whenever the run records change (a stage started, ended, a new run).
        pipeline.lakeVersionProperty().addListener((o, was, now) -> {
            clusters.refresh();
            book.refreshMonths();
            tables.refresh();
            browser.refresh();
        });
        pipeline.showRequestProperty().addListener((o, was, now) -> show("Pipeline"));
        poll = new Timeline(new KeyFrame(POLL, e -> poll()));
        poll.setCycleCount(Timeline.INDEFINITE);
        clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> pipeline.tick(Instant.now())));
        clock.setCycleCount(Timeline.INDEFINITE);
        pipeline.refresh();
        clusters.refresh();
        book.refreshMonths();
        tables.refresh();
        browser.bucketProperty().set(lake.lake());
    }

    private void poll() {
        pipeline.refresh();
        if (++ticks % 5 == 0) { // what runs do not record: cluster states, objects others wrote
            clusters.refresh();
            browser.refresh();
        }
    }

    /** Starts following the lake (the poll and the elapsed-time clock). */
    public void startLive() {
        poll.play();
        clock.play();
    }

    /** Pauses the poll while nobody can see it (the window iconified), and catches up at once when shown again. */
    public void setIconified(boolean iconified) {
        if (iconified) {
            poll.pause();
            clock.pause();
        } else {
            poll();
            startLive();
        }
    }

    public void stopLive() {
        poll.stop();
        clock.stop();
    }

    /** What File > Quit (Ctrl+Q) does: the application closes the window as if by its close button. */
    public void setOnQuit(Runnable action) {
        this.quit = action;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public Screen currentScreen() {
        return navigation.getSelectionModel().getSelectedItem();
    }

    /** Brings the screen of that title forward. */
    public void show(String screenTitle) {
        screens.stream().filter(s -> s.title().equals(screenTitle)).findFirst()
                .ifPresent(s -> navigation.getSelectionModel().select(s));
    }

    public PipelineViewModel pipeline() {
        return pipeline;
    }

    public ClustersViewModel clusters() {
        return clusters;
    }

    public LakeBrowserViewModel browser() {
        return browser;
    }

    public TablesViewModel tables() {
        return tables;
    }

    public BookViewModel book() {
        return book;
    }

    private MenuBar menus() {
        MenuItem quitItem = item("Quit", Material2AL.EXIT_TO_APP, shortcut(KeyCode.Q), e -> quit.run());
        MenuItem testConnection = item("Test connection", Material2AL.CLOUD_DONE, null,
                e -> connectionTest.test());
        testConnection.setId("menu-test-connection");
        testConnection.disableProperty().bind(connectionTest.runningProperty());
        Menu file = new Menu("File", null, testConnection, new SeparatorMenuItem(), quitItem);

        Menu run = new Menu("Run", null,
                item("Run pipeline", Material2MZ.PLAY_ARROW, shortcut(KeyCode.R), e -> pipeline.runPipeline()),
                item("Run ingestion", Material2MZ.PLAY_ARROW, shortcut(KeyCode.I), e -> pipeline.runIngestion()),
                item("Run processing", Material2MZ.PLAY_ARROW, shortcut(KeyCode.P), e -> pipeline.runProcessing()),
                new SeparatorMenuItem(),
                item("Retry", Material2MZ.REPLAY, shortcut(KeyCode.T), e -> pipeline.retry()),
                item("Cancel run", Material2AL.CANCEL, shortcut(KeyCode.K), e -> pipeline.cancel()));

        Menu view = new Menu("View");
        view.getItems().add(item("Refresh", Material2MZ.REFRESH, new KeyCodeCombination(KeyCode.F5),
                e -> currentScreen().refresh()));
        view.getItems().add(item("Find", Material2MZ.SEARCH, shortcut(KeyCode.F), e -> currentScreen().focusSearch()));
        view.getItems().add(new SeparatorMenuItem());
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
        for (int i = 0; i < screens.size(); i++) {
            Screen screen = screens.get(i);
            view.getItems().add(item(screen.title(), screen.icon(), shortcut(digits[i]),
                    e -> navigation.getSelectionModel().select(screen)));
        }
        view.getItems().add(new SeparatorMenuItem());
        CheckMenuItem dark = new CheckMenuItem("Dark theme", Icons.of(Material2AL.BRIGHTNESS_4));
        dark.setId("menu-dark-theme");
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        dark.setSelected(theme.get() == Theme.DARK);
        theme.addListener((o, was, now) -> dark.setSelected(now == Theme.DARK));
        dark.setOnAction(e -> theme.set(dark.isSelected() ? Theme.DARK : Theme.LIGHT));
        view.getItems().add(dark);
        MenuBar bar = new MenuBar(file, run, view);
        bar.setId("menu-bar");
        return bar;
    }

    private static KeyCombination shortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }

    private static MenuItem item(String text, Ikon icon, KeyCombination accelerator,
                                 javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        MenuItem item = new MenuItem(text, Icons.of(icon));
        item.setAccelerator(accelerator);
        item.setOnAction(action);
        return item;
    }

    private Node statusBar(LakeContext lake, TaskExecutor tasks, DialogService dialogs) {
        Label profile = new Label("Profile " + lake.config().profile(), Icons.of(Material2AL.LAPTOP));
        Label where = new Label(lake.lake().uri("").toString(), Icons.of(Material2MZ.STORAGE));
        where.setId("status-lake");
        Label backend = new Label();
        backend.textProperty().bind(pipeline.backendProperty().map(b -> "Backend " + b));
        backend.setGraphic(Icons.of(Material2MZ.MEMORY));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button running = new Button();
        running.setId("status-tasks");
        running.getStyleClass().add("flat");
        PopOver taskList = new PopOver(new TasksPane(tasks, dialogs));
        taskList.setArrowLocation(PopOver.ArrowLocation.BOTTOM_RIGHT);
        taskList.setTitle("Running tasks");
        taskList.setHeaderAlwaysVisible(true);
        running.setOnAction(e -> taskList.show(running));
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(140);
        Runnable update = () -> {
            List<RunningTask> now = tasks.running();
            progress.setVisible(!now.isEmpty());
            progress.progressProperty().unbind();
            if (now.isEmpty()) {
                running.setText("No task running");
                running.setTooltip(new Tooltip("The console's running tasks"));
            } else {
                RunningTask first = now.get(0);
                running.textProperty().unbind();
                running.setText(first.title() + (now.size() > 1 ? " (+" + (now.size() - 1) + " more)" : ""));
                progress.progressProperty().bind(first.progressProperty().map(p -> p.doubleValue() < 0
                        ? ProgressBar.INDETERMINATE_PROGRESS : p.doubleValue()));
                running.setTooltip(new Tooltip("Click for every running task, its progress and Cancel"));
            }
        };
        tasks.running().addListener((ListChangeListener<RunningTask>) c -> update.run());
        update.run();
        HBox bar = new HBox(16, profile, where, backend, spacer, running, progress);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(3, 10, 3, 10));
        return bar;
    }

    private static Screen screen(String title, Ikon icon, Node view, Runnable refresh, Runnable search) {
        return new Screen() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public Ikon icon() {
                return icon;
            }

            @Override
            public Node view() {
                return view;
            }

            @Override
            public void refresh() {
                refresh.run();
            }

            @Override
            public void focusSearch() {
                search.run();
            }

            @Override
            public String toString() {
                return title;
            }
        };
    }
}
