package com.podcartoes.lake.ui;

import com.podcartoes.lake.config.ConfigLoader;
import com.podcartoes.lake.config.LakeConfig;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.ui.dialogs.FxDialogService;
import com.podcartoes.lake.ui.tasks.TaskExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop console: the same lake and flows as the CLI (pipeline-core), on the active profile ({@code
 * LAKE_PROFILE}, default the embedded local lake with demo data). Opening the lake can take a few seconds on first
 * start (demo data), so it happens before the window shows. With {@code --screenshots DIR} it tours its screens,
 * saves a picture of each and exits.
 */
public final class ConsoleApp extends Application {
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    /** The process's exit code once the application ends (the screenshot tour sets it when a screen failed). */
    static volatile int exitCode;

    private LakeContext lake;
    private TaskExecutor tasks;
    private MainWindow window;
    private ConsolePreferences preferences;

    @Override
    public void init() {
        LakeConfig config = new ConfigLoader(System.getenv()).load(System.getenv("LAKE_PROFILE"), null);
        lake = LakeContext.open(config, System.err::println);
        tasks = TaskExecutor.javafx();
    }

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        boolean tour = args.size() == 2 && args.get(0).equals("--screenshots");
        // The tour's pictures do not depend on what this user last chose (and it saves no preferences).
        preferences = tour ? new ConsolePreferences(Path.of(args.get(1), ".tour-preferences"))
                : ConsolePreferences.forUser();
        Theme theme = Theme.parse(preferences.get("theme").orElse("LIGHT"));

        FxDialogService dialogs = new FxDialogService(() -> stage);
        window = new MainWindow(lake, tasks, dialogs);
        window.themeProperty().set(theme);
        window.show(preferences.get("screen").orElse("Pipeline"));

        stage.setTitle("PoD Lake Console - " + lake.config().profile() + " (" + lake.lake().uri("") + ")");
        stage.getIcons().setAll(Icons.application());
        Scene scene = new Scene(window, preferences.getDouble("window.width").orElse(1440.0),
                preferences.getDouble("window.height").orElse(900.0));
        stage.setScene(scene);
        preferences.getDouble("window.x").ifPresent(stage::setX);
        preferences.getDouble("window.y").ifPresent(stage::setY);
        stage.setMaximized(preferences.get("window.maximized").map(Boolean::parseBoolean).orElse(false));
        stage.iconifiedProperty().addListener((o, was, iconified) -> window.setIconified(iconified));
        stage.setOnCloseRequest(e -> {
            e.consume();
            requestQuit(stage, dialogs);
        });
        window.setOnQuit(() -> requestQuit(stage, dialogs));
        stage.show();
        window.startLive();

        if (tour) {
            new ScreenshotTour(window, stage, dialogs, Path.of(args.get(1))).start();
        }
        // -Dlake.console.exitAfter=SECONDS: open, report, close (the CI's smoke test of the README's command).
        String exitAfter = System.getProperty("lake.console.exitAfter");
        if (exitAfter != null) {
            PauseTransition pause = new PauseTransition(javafx.util.Duration.seconds(Double.parseDouble(exitAfter)));
            pause.setOnFinished(e -> {
                System.out.println("console ready: " + window.pipeline().statusProperty().get() + "; "
                        + window.book().statusProperty().get());
                Platform.exit();
            });
            pause.play();
        }
    }

    /**
     * Closing: asks first while a flow runs; then its Spark steps are cancelled (recorded CANCELLED), the flows
     * end and release their locks, and only then does the console exit.
     */
    private void requestQuit(Stage stage, FxDialogService dialogs) {
        List<String> running = window.pipeline().runningTitles();
        if (!running.isEmpty() && !dialogs.confirm("Quit while a flow runs?", String.join(", ", running)
                + " will be cancelled: the running Spark step is stopped and recorded CANCELLED, the stages not"
                + " started are skipped, and the flow's lock is released. A later run resumes where it stopped.",
                "Cancel and quit")) {
            return;
        }
        savePreferences(stage);
        window.stopLive();
        if (running.isEmpty()) {
            Platform.exit();
            return;
        }
        stage.setTitle(stage.getTitle() + " - stopping the running flows...");
        Thread stopper = new Thread(() -> {
            window.pipeline().shutdown(STOP_WAIT);
            Platform.runLater(Platform::exit);
        }, "console-quit");
        stopper.setDaemon(true);
        stopper.start();
    }

    private void savePreferences(Stage stage) {
        preferences.put("window.maximized", Boolean.toString(stage.isMaximized()));
        if (!stage.isMaximized() && !stage.isIconified()) {
            preferences.put("window.x", Double.toString(stage.getX()));
            preferences.put("window.y", Double.toString(stage.getY()));
            preferences.put("window.width", Double.toString(stage.getWidth()));
            preferences.put("window.height", Double.toString(stage.getHeight()));
        }
        preferences.put("screen", window.currentScreen().title());
        preferences.put("theme", window.themeProperty().get().name());
        try {
            preferences.save();
        } catch (RuntimeException e) {
            System.err.println("lake console: " + e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.stopLive();
            window.pipeline().shutdown(STOP_WAIT); // Platform.exit from elsewhere: still no orphan JVM, no lock
        }
        tasks.close();
        lake.close();
    }

    /** @return the exit code */
    public static int run(String[] args) {
        launch(ConsoleApp.class, args);
        return exitCode;
    }
}
