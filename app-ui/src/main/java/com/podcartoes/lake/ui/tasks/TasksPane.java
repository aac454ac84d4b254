package com.podcartoes.lake.ui.tasks;

import com.podcartoes.lake.ui.Icons;
import com.podcartoes.lake.ui.dialogs.DialogService;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The running tasks, each with its title, progress, message and a Cancel button that asks first (what the status
 * bar opens; in the manner of ControlsFX's TaskProgressView, over the console's own {@link RunningTask}s).
 */
public final class TasksPane extends VBox {
    public TasksPane(TaskExecutor tasks, DialogService dialogs) {
        super(10);
        setId("tasks-pane");
        setPadding(new Insets(10));
        setPrefWidth(360);
        Runnable fill = () -> {
            getChildren().clear();
            if (tasks.running().isEmpty()) {
                getChildren().add(new Label("No task running."));
            }
            for (RunningTask task : tasks.running()) {
                getChildren().add(row(task, dialogs));
            }
        };
        tasks.running().addListener((ListChangeListener<RunningTask>) c -> fill.run());
        fill.run();
    }

    private static Node row(RunningTask task, DialogService dialogs) {
        Label title = new Label(task.title());
        title.getStyleClass().add("stage-title");
        Label message = new Label();
        message.getStyleClass().add("text-small");
        message.textProperty().bind(task.messageProperty());
        ProgressBar bar = new ProgressBar();
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(task.progressProperty().map(p -> p.doubleValue() < 0
                ? ProgressBar.INDETERMINATE_PROGRESS : p.doubleValue()));
        Button cancel = new Button(null, Icons.of(Material2AL.CANCEL));
        cancel.getStyleClass().add("flat");
        cancel.disableProperty().bind(task.cancelledProperty());
        cancel.setOnAction(e -> {
            if (dialogs.confirm("Cancel " + task.title() + "?", "A running Spark step is stopped and recorded"
                    + " CANCELLED; what has not started is skipped.", "Cancel it")) {
                task.cancel();
            }
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(6, title, gap, cancel);
        head.setAlignment(Pos.CENTER_LEFT);
        return new VBox(3, head, bar, message);
    }
}
