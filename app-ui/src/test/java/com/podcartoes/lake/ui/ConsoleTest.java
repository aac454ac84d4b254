package com.podcartoes.lake.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.config.ConfigLoader;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.RunState;
import com.podcartoes.lake.ui.book.BookViewModel;
import com.podcartoes.lake.ui.runs.RunRow;
import com.podcartoes.lake.ui.tasks.BackgroundTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console on a real embedded lake, headless (TestFX on Monocle): the runs table shows the run records of the
 * lake, the book tab its dictionary and what is wrong with a preview request. The view models run synchronously.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleTest {
    private LakeContext lake;
    private MainView view;

    @Start
    void start(Stage stage) throws Exception {
        Path base = Path.of(System.getProperty("lake.test.home", "target/lake-home")).toAbsolutePath();
        Path home = Files.createTempDirectory(Files.createDirectories(base), "console");
        lake = LakeContext.open(new ConfigLoader(Map.of("LAKE_HOME", home.toString(), "LAKE_DEMO_DATA", "false"))
                .load(null, null), notice -> { });
        RunRecordStore store = new RunRecordStore(lake.lake());
        Instant t = Instant.parse("2026-11-24T08:00:00Z");
        store.save(new RunRecord("20261124T080000Z-aaaaaa", "ingestion", "extract", "tb_faturas",
                RunState.SUCCEEDED, t, t.plusSeconds(2), 13, 1000, 130, null, "13 files", "host", null, null, 1));
        store.save(new RunRecord("20261124T090000Z-bbbbbb", "processing", "trusted", null, RunState.FAILED, t,
                t.plusSeconds(20), 0, 0, 0, "no raw files", null, "host", "local-1", "s-1", 1));
        var spark = com.podcartoes.lake.flow.SparkRunners.create(lake, "local");
        spark.releaseCluster(spark.acquireCluster("pod-lake processing 20261124T090000Z-bbbbbb"));
        view = new MainView(lake, BackgroundTasks.synchronous());
        stage.setScene(new Scene(view, 1100, 600));
        stage.show();
    }

    @AfterEach
    void close() {
        lake.close();
    }

    @Test
    void theRunsTableShowsTheLakesRunsNewestFirst(FxRobot robot) {
        TableView<RunRow> table = robot.lookup("#runs-table").queryTableView();
        assertThat(table.getItems()).extracting(RunRow::runId, RunRow::flow, RunRow::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("20261124T090000Z-bbbbbb", "processing", "FAILED"),
                org.assertj.core.groups.Tuple.tuple("20261124T080000Z-aaaaaa", "ingestion", "SUCCEEDED"));
        assertThat(table.getItems().get(0).stages()).isEqualTo("trusted FAILED");
        assertThat(robot.lookup("#runs-status").queryAs(Label.class).getText()).isEqualTo("2 runs");

        // A run recorded elsewhere (the CLI, the scheduler) shows after Refresh.
        new RunRecordStore(lake.lake()).save(new RunRecord("20261124T100000Z-cccccc", "processing", "book", null,
                RunState.RUNNING, Instant.now(), null, 0, 0, 0, null, null, "host", "local-2", "s-2", 1));
        robot.clickOn("#refresh-runs");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).hasSize(3);
        assertThat(table.getItems().get(0).state()).isEqualTo("RUNNING");
    }

    @Test
    void theLakeTabBrowsesTheBucketsAFolderAtATime(FxRobot robot) {
        robot.clickOn("Lake");
        TableView<com.podcartoes.lake.s3.S3Entry> table = robot.lookup("#browser-table").queryTableView();
        assertThat(table.getItems()).extracting(com.podcartoes.lake.s3.S3Entry::key).contains("0000_control/");

        robot.doubleClickOn("0000_control/");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.browser().prefixProperty().get()).isEqualTo("0000_control/");
        assertThat(table.getItems()).extracting(com.podcartoes.lake.s3.S3Entry::key).contains("0000_control/runs/");
        robot.clickOn("#browser-up");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.browser().prefixProperty().get()).isEmpty();
        assertThat(robot.lookup("#browser-status").queryAs(Label.class).getText()).contains("s3://pod-lake/")
                .contains("folders");
    }

    @Test
    void theClustersTabShowsTheBackendsClusters(FxRobot robot) {
        robot.clickOn("Clusters");
        TableView<com.podcartoes.lake.compute.ClusterInfo> table = robot.lookup("#clusters-table").queryTableView();
        assertThat(table.getItems()).singleElement().satisfies(c -> {
            assertThat(c.id()).startsWith("local-");
            assertThat(c.state()).isEqualTo(com.podcartoes.lake.compute.ClusterState.TERMINATED);
            assertThat(c.name()).isEqualTo("pod-lake processing 20261124T090000Z-bbbbbb");
        });
        assertThat(robot.lookup("#clusters-status").queryAs(Label.class).getText()).isEqualTo("1 local clusters");
        robot.clickOn("#cancel-step");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#clusters-status").queryAs(Label.class).getText())
                .isEqualTo("Choose a running step to cancel.");
    }

    @Test
    void theBookTabShowsTheDictionaryAndSaysWhatIsMissing(FxRobot robot) {
        robot.clickOn("Book");
        TableView<BookViewModel.VariableRow> table = robot.lookup("#book-table").queryTableView();
        assertThat(table.getItems()).hasSize(462);
        assertThat(table.getItems().get(0).descriptiveName()).isEqualTo("sum_vlr_fatura_no_prazo_all");
        assertThat(robot.lookup("#book-status").queryAs(Label.class).getText())
                .isEqualTo("No book yet: run the pipeline.");

        robot.clickOn("#book-only-with-value");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).isEmpty(); // no client previewed: no values
        robot.clickOn("#book-only-with-value");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).hasSize(462);

        robot.clickOn("#book-client").write("abc");
        robot.clickOn("#book-preview");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#book-status").queryAs(Label.class).getText())
                .isEqualTo("The client id is a number, got 'abc'.");
    }
}
