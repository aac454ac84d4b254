package com.podcartoes.lake.ui.dialogs;

import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.action.Action;
import org.controlsfx.control.Notifications;

/** Notifications through ControlsFX, errors and confirmations as modal dialogs over the console's window. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void notify(Notice notice) {
        Notifications note = Notifications.create().title(notice.title()).text(notice.text())
                .position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(notice.kind() == Notice.Kind.FAILURE ? 15 : 6));
        if (owner.get() != null) {
            note.owner(owner.get());
        }
        if (notice.actionLabel() != null) {
            note.action(new Action(notice.actionLabel(), e -> notice.action().run()));
        }
        switch (notice.kind()) {
            case SUCCESS -> note.showConfirm();
            case WARNING -> note.showWarning();
            case FAILURE -> note.showError();
        }
    }

    @Override
    public void showError(String title, Throwable error) {
        errorDialog(title, error).showAndWait();
    }

    /** The error dialog, not shown yet: the sentence, and the details behind "Show details". */
    public Alert errorDialog(String title, Throwable error) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label sentence = new Label(DialogService.sentence(error));
        sentence.setWrapText(true);
        sentence.setMaxWidth(720);
        alert.getDialogPane().setContent(sentence);
        TextArea details = new TextArea(DialogService.details(error));
        details.setEditable(false);
        details.setId("error-details");
        details.setStyle("-fx-font-family: monospace;");
        details.setPrefSize(720, 320);
        VBox.setVgrow(details, Priority.ALWAYS);
        alert.getDialogPane().setExpandableContent(new VBox(details));
        alert.getDialogPane().setPrefWidth(760);
        return alert;
    }

    @Override
    public boolean confirm(String title, String question, String confirmLabel) {
        return confirmDialog(title, question, confirmLabel).showAndWait()
                .map(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).orElse(false);
    }

    /** The confirmation dialog, not shown yet. */
    public Alert confirmDialog(String title, String question, String confirmLabel) {
        ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType("Keep", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, yes, no);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(no)).setDefaultButton(true);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(yes)).setDefaultButton(false);
        return alert;
    }

    @Override
    public void showReport(String title, String summary, java.util.List<String> lines) {
        reportDialog(title, summary, lines).showAndWait();
    }

    /** The report dialog, not shown yet: the summary as header, the lines in a monospaced, selectable area. */
    public Alert reportDialog(String title, String summary, java.util.List<String> lines) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(summary);
        TextArea text = new TextArea(String.join("\n", lines));
        text.setEditable(false);
        text.setId("report-lines");
        text.setStyle("-fx-font-family: monospace;");
        text.setPrefSize(880, 260);
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().setPrefWidth(920);
        return alert;
    }
}
