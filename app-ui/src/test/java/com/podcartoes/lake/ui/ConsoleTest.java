package com.podcartoes.lake.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.FlowLock;
import com.podcartoes.lake.flow.Flows;
import com.podcartoes.lake.ingestion.IngestionFlow;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.run.RunListener;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunState;
import com.podcartoes.lake.s3.S3Entry;
import com.podcartoes.lake.ui.dialogs.Notice;
import com.podcartoes.lake.ui.pipeline.GridRow;
import com.podcartoes.lake.ui.pipeline.StageBox;
import com.podcartoes.lake.ui.tasks.TaskExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console as a user drives it, headless (TestFX on Monocle), on a real embedded lake with real flows: Spark jobs
 * in child JVMs, the console's own background threads, and no Refresh button pressed anywhere.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleTest {
    private static final long SPARK_TIMEOUT = 180;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private LakeContext lake;
    private TaskExecutor tasks;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        lake = TestLakes.empty("console");
        tasks = TaskExecutor.javafx();
        window = new MainWindow(lake, tasks, dialogs);
        stage.setScene(new Scene(window, 1400, 900));
        stage.show();
        window.startLive();
    }

    @AfterEach
    void close() throws Exception {
        assertThat(window.pipeline().shutdown(Duration.ofSeconds(60))).isTrue();
        WaitForAsyncUtils.asyncFx(window::stopLive).get();
        tasks.close();
        lake.close();
    }

    @Test
    void ingestionRunsFromThePipelineScreenAndEveryScreenFollowsTheLake(FxRobot robot) throws Exception {
        TestLakes.addExtracts(lake);
        robot.clickOn("#run-ingestion");
        for (String box : List.of("extract-tb_faturas", "load-tb_faturas", "extract-tb_pagamentos",
                "load-tb_pagamentos")) {
            waitFor(() -> boxState(robot, box).equals("SUCCEEDED"), 60);
        }
        assertThat(fx(() -> window.pipeline().ingestionBoxes().get(1).detail())).contains("120 records");
        assertThat(robot.lookup("#ingestion-run").queryAs(Label.class).getText()).startsWith("Run ")
                .contains("SUCCEEDED");
        waitFor(() -> dialogs.notices.stream().anyMatch(n -> n.kind() == Notice.Kind.SUCCESS), 10);
        waitFor(() -> robot.lookup("#status-tasks").queryAs(Labeled.class).getText().equals("No task running"), 10);

        // The lake screen shows the new layer without a refresh (it was empty when the console opened).
        robot.clickOn("#nav-lake");
        waitFor(() -> window.browser().entries().stream().map(S3Entry::key).anyMatch("0001_raw/"::equals), 10);

        // A run started elsewhere (here the CLI's API, as the CLI or the scheduler would) appears by itself.
        robot.clickOn("#nav-pipeline");
        IngestionFlow.Result elsewhere = Flows.ingestion(lake, IngestionFlow.Options.all(), RunListener.NONE);
        waitFor(() -> window.pipeline().grid().stream().anyMatch(r -> r.run().runId().equals(elsewhere.runId())),
                10);
        assertThat(fx(() -> window.pipeline().grid().get(0).run().runId())).isEqualTo(elsewhere.runId());

        // Ctrl+4 is the Book screen, Ctrl+F its search.
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.DIGIT4)
                .release(javafx.scene.input.KeyCode.CONTROL);
        assertThat(fx(() -> window.currentScreen().title())).isEqualTo("Book");
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.F)
                .release(javafx.scene.input.KeyCode.CONTROL);
        robot.write("sum_vlr_fatura_no_prazo_u3m");
        waitFor(() -> window.book().variables().size() == 1, 5);
        assertThat(fx(() -> window.book().variables().get(0).name())).isEqualTo("VAR_9");
    }

    @Test
    void aFailedStageShowsItsSentenceAndRetrySucceedsOnceTheCauseIsFixed(FxRobot robot) throws Exception {
        robot.clickOn("#run-processing"); // nothing in raw: the book has no invoices
        waitFor(() -> boxState(robot, "book").equals("FAILED"), SPARK_TIMEOUT);
        assertThat(boxState(robot, "trusted-tb_faturas")).isEqualTo("SUCCEEDED");
        waitFor(() -> dialogs.notices.stream().anyMatch(n -> n.kind() == Notice.Kind.FAILURE), 10);
        Notice failed = dialogs.notices.stream().filter(n -> n.kind() == Notice.Kind.FAILURE).findFirst()
                .orElseThrow();
        assertThat(failed.title()).isEqualTo("Processing failed");
        assertThat(failed.text()).startsWith("book failed: no invoices in ").contains("run the trusted job first");
        assertThat(failed.actionLabel()).isEqualTo("Show log");

        fx(() -> {
            failed.action().run(); // the notification's "Show log"
            return null;
        });
        assertThat(robot.lookup("#stage-details").queryAs(Label.class).getText())
                .contains("processing / book").contains("State: FAILED").contains("Error: no invoices in");
        waitFor(() -> robot.lookup("#stage-log").queryAs(TextArea.class).getText().contains("no invoices in"), 20);

        // The cause fixed: extracts ingested, the Trusted stage run alone (it succeeded before: confirmed).
        TestLakes.addExtracts(lake);
        robot.clickOn("#run-ingestion");
        waitFor(() -> boxState(robot, "load-tb_pagamentos").equals("SUCCEEDED"), 60);
        robot.clickOn("#actions-trusted-tb_faturas");
        robot.clickOn("Run this stage");
        assertThat(dialogs.confirmations).contains("Run trusted again?");
        waitFor(() -> fx(() -> window.pipeline().processingBoxes().get(0).detail()).contains("120 rows"),
                SPARK_TIMEOUT);

        // Retry the failed run: its book only, same months.
        String failedRun = fx(() -> window.pipeline().grid().stream()
                .filter(r -> r.run().state().equals("FAILED")).findFirst().orElseThrow().run().runId());
        fx(() -> {
            window.pipeline().select(failedRun, "book");
            return null;
        });
        robot.clickOn("#retry");
        waitFor(() -> boxState(robot, "book").equals("SUCCEEDED"), SPARK_TIMEOUT);
        GridRow retried = fx(() -> window.pipeline().grid().get(0));
        assertThat(retried.stage("book").records()).isEqualTo(40); // 40 clients in the book
        assertThat(retried.stage("trusted").state()).isEqualTo(RunState.SKIPPED);
        waitFor(() -> !window.book().months().isEmpty(), 10); // the Book screen followed
        // ... and offers the book's one commit as a version, which reads a client as that commit left it.
        waitFor(() -> fx(() -> window.book().versions().size()) == 2, 10);
        assertThat(fx(() -> window.book().versions().get(1).label())).contains(" · run " + retried.run().runId());
        // The stage and the book it committed name each other: one run's.
        waitFor(() -> fx(() -> window.book().pairingProperty().get()).contains(retried.run().runId()), 10);
        assertThat(fx(() -> window.book().pairingProperty().get())).isEqualTo("stage and book are one run's ("
                + retried.run().runId() + "): their snapshots name each other");
        assertThat(fx(() -> window.book().pairingBrokenProperty().get())).isFalse();
        // The Tables screen lists the tables the run committed, the book's commit with its run and month.
        waitFor(() -> fx(() -> window.tables().tables().stream().anyMatch(t -> t.table() == LakeTable.BOOK)), 10);
        fx(() -> {
            window.tables().tableProperty().set(window.tables().tables().stream()
                    .filter(t -> t.table() == LakeTable.BOOK).findFirst().orElseThrow());
            return null;
        });
        String month = fx(() -> window.book().months().get(0));
        assertThat(fx(() -> java.util.List.copyOf(window.tables().commits()))).singleElement().satisfies(c -> {
            assertThat(c.runId()).isEqualTo(retried.run().runId());
            assertThat(c.replaced()).isEqualTo(month);
            assertThat(c.totalRecords()).isEqualTo(40);
            assertThat(c.current()).isTrue();
        });
        fx(() -> {
            window.book().versionProperty().set(window.book().versions().get(1));
            window.book().clientProperty().set("1");
            window.book().preview();
            return null;
        });
        waitFor(() -> fx(() -> window.book().statusProperty().get()).startsWith("Client 1, "), 20);
        assertThat(fx(() -> window.book().statusProperty().get())).contains("variables have a value");

        // A grid cell opens that stage's details and its step log.
        robot.clickOn(gridCell(robot, "grid-trusted", 1));
        waitFor(() -> robot.lookup("#stage-details").queryAs(Label.class).getText()
                .contains("processing / trusted"), 5);
        robot.clickOn("#log-stderr");
        waitFor(() -> robot.lookup("#stage-log").queryAs(TextArea.class).getText()
                .contains("Running Spark version"), 20);
    }

    @Test
    void aRunningStepIsCancelledFromThePipelineScreen(FxRobot robot) throws Exception {
        robot.clickOn("#run-processing");
        waitFor(() -> fx(() -> window.pipeline().processingBoxes().get(0).record() != null
                && window.pipeline().processingBoxes().get(0).record().stepId() != null), 60);
        String runId = fx(() -> window.pipeline().processingBoxes().get(0).record().runId());
        assertThat(boxState(robot, "trusted-tb_faturas")).isEqualTo("RUNNING");
        // The status bar lists the running tasks, each with its progress and a Cancel of its own.
        assertThat(robot.lookup("#status-tasks").queryAs(Labeled.class).getText()).isEqualTo("Processing run");
        robot.clickOn("#status-tasks");
        waitFor(() -> robot.lookup("#tasks-pane .stage-title").tryQueryAs(Label.class)
                .map(l -> l.getText().equals("Processing run")).orElse(false), 5);
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        robot.clickOn("#cancel-run");
        assertThat(dialogs.confirmations).containsExactly("Cancel processing run " + runId + "?");

        waitFor(() -> boxState(robot, "trusted-tb_faturas").equals("CANCELLED"), 60);
        waitFor(() -> boxState(robot, "book").equals("SKIPPED"), 10);
        StageBox trusted = fx(() -> window.pipeline().processingBoxes().get(0));
        assertThat(trusted.record().error()).startsWith("cancelled (step ");
        waitFor(() -> !window.pipeline().runsAFlow(), 20);
        assertThat(FlowLock.holder(lake.lake(), "processing")).isEmpty();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count()).isZero();
        RunRecord cancelled = trusted.record();
        assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
    }

    private static String boxState(FxRobot robot, String box) {
        return robot.lookup("#box-" + box + " .state-badge").queryAs(Label.class).getText();
    }

    private static Node gridCell(FxRobot robot, String columnId, int row) {
        return robot.lookup((Node n) -> n instanceof TableCell<?, ?> cell && cell.getTableColumn() != null
                && columnId.equals(cell.getTableColumn().getId()) && cell.getIndex() == row).query();
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition condition, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            WaitForAsyncUtils.waitForFxEvents();
            if (condition.holds()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + seconds + " s in vain");
            }
            Thread.sleep(200);
        }
    }
}
