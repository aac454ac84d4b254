package com.podcartoes.lake.ui;

import com.podcartoes.lake.config.ConfigLoader;
import com.podcartoes.lake.config.LakeConfig;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.ui.tasks.FxBackgroundTasks;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop console: the same lake and flows as the CLI (pipeline-core), on the active profile ({@code
 * LAKE_PROFILE}, default the embedded local lake with demo data). Opening the lake can take a few seconds on first
 * start (demo data), so it happens before the window shows.
 */
public final class ConsoleApp extends Application {
    private LakeContext lake;
    private FxBackgroundTasks tasks;

    @Override
    public void init() {
        LakeConfig config = new ConfigLoader(System.getenv()).load(System.getenv("LAKE_PROFILE"), null);
        lake = LakeContext.open(config, System.err::println);
        tasks = new FxBackgroundTasks();
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("PoD Lake Console - " + lake.config().profile() + " (" + lake.lake().uri("") + ")");
        MainView view = new MainView(lake, tasks);
        stage.setScene(new Scene(view, 1200, 720));
        stage.show();
        // -Dlake.console.exitAfter=SECONDS: open, report, close (the CI's smoke test of the README's command).
        String exitAfter = System.getProperty("lake.console.exitAfter");
        if (exitAfter != null) {
            javafx.animation.PauseTransition pause = new javafx.animation.PauseTransition(
                    javafx.util.Duration.seconds(Double.parseDouble(exitAfter)));
            pause.setOnFinished(e -> {
                System.out.println("console ready: " + view.runs().statusProperty().get() + "; "
                        + view.book().statusProperty().get());
                javafx.application.Platform.exit();
            });
            pause.play();
        }
    }

    @Override
    public void stop() {
        tasks.close();
        lake.close();
    }

    public static void main(String[] args) {
        launch(ConsoleApp.class, args);
    }
}
