package com.podcartoes.lake.ui.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.FlowBusyException;
import com.podcartoes.lake.flow.FlowLock;
import com.podcartoes.lake.flow.ProcessingFlow;
import com.podcartoes.lake.ingestion.IngestionFlow;
import com.podcartoes.lake.run.Cancellation;
import com.podcartoes.lake.run.RunListener;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.RunState;
import com.podcartoes.lake.ui.RecordingDialogs;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.testing.TestTables;
import com.podcartoes.lake.ui.TestLakes;
import com.podcartoes.lake.ui.dialogs.Notice;
import com.podcartoes.lake.ui.tasks.TaskExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Pipeline screen's view model without a window: on a real embedded lake, with the real flows but one test. */
class PipelineViewModelTest {
    private final LakeContext lake = TestLakes.empty("pipeline-vm");
    private final RecordingDialogs dialogs = new RecordingDialogs();

    @AfterEach
    void close() {
        lake.close();
    }

    @Test
    void anErrorThrownByAFlowIsReportedAndTheRunButtonsComeBack() {
        // What no real lake throws on demand: a broken classpath (e.g. an SDK module missing) is an Error.
        FlowStarter broken = new FlowStarter() {
            @Override
            public IngestionFlow.Result ingestion(IngestionFlow.Options o, RunListener l, Cancellation c) {
                throw new NoClassDefFoundError("software/amazon/awssdk/services/sts/StsClient");
            }

            @Override
            public ProcessingFlow.Result processing(ProcessingFlow.Options o, String b, RunListener l,
                                                    Cancellation c) {
                throw new FlowBusyException("processing is already running: run 20261203T080000Z-aaaaaa on vm");
            }
        };
        PipelineViewModel model = new PipelineViewModel(lake, TaskExecutor.synchronous(), dialogs, broken);

        model.runPipeline();
        assertThat(model.ingestionRunningProperty().get()).isFalse();
        assertThat(model.processingRunningProperty().get()).isFalse();
        assertThat(model.runsAFlow()).isFalse();
        assertThat(dialogs.errors).containsExactly(
                "Pipeline run failed: software/amazon/awssdk/services/sts/StsClient");
        assertThat(model.statusProperty().get())
                .isEqualTo("Pipeline run did not run: software/amazon/awssdk/services/sts/StsClient");

        model.runProcessing(); // a busy lock is a notice, not an error dialog
        assertThat(model.processingRunningProperty().get()).isFalse();
        assertThat(dialogs.notices).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notice.Kind.FAILURE);
            assertThat(n.text()).startsWith("processing is already running");
        });
    }

    @Test
    void quarantinedFilesAreListedAndRetriedOnlyAfterConfirmation() throws Exception {
        // A REFUSED ledger entry as the Trusted job writes it: a file straight into the embedded server's directory
        // (so the server keeps no ETag for it). Its writing is tested on Spark in spark-jobs.
        String file = "tb_faturas_20230501_20230502000000.csv";
        java.nio.file.Path entry = lake.config().embeddedDataDir().resolve(lake.lake().name()).resolve(
                com.podcartoes.lake.layout.Ledger.key(com.podcartoes.lake.layout.Subject.FATURAS, file));
        java.nio.file.Files.createDirectories(entry.getParent());
        java.nio.file.Files.writeString(entry, "{\"file\":\"" + file + "\",\"state\":\"REFUSED\",\"reason\":"
                + "\"it is empty (0 bytes): there is no header\",\"runId\":\"r1\",\"processedAt\":"
                + "\"2026-12-03T10:00:00Z\"}");
        lake.lake().putBytes(com.podcartoes.lake.layout.Ledger.key(com.podcartoes.lake.layout.Subject.FATURAS,
                "tb_faturas_20230401_20230402000000.csv"), "{\"state\":\"PROCESSED\"}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "application/json");
        List<ProcessingFlow.Options> started = new java.util.ArrayList<>();
        FlowStarter recording = new FlowStarter() {
            @Override
            public IngestionFlow.Result ingestion(IngestionFlow.Options o, RunListener l, Cancellation c) {
                throw new AssertionError("no ingestion here");
            }

            @Override
            public ProcessingFlow.Result processing(ProcessingFlow.Options o, String b, RunListener l,
                                                    Cancellation c) {
                started.add(o);
                return new ProcessingFlow.Result("r2", null, List.of());
            }
        };
        PipelineViewModel model = new PipelineViewModel(lake, TaskExecutor.synchronous(), dialogs, recording);
        model.retryRefused();
        assertThat(model.statusProperty().get()).isEqualTo("No file is in quarantine.");
        model.refresh();
        assertThat(model.statusProperty().get()).doesNotStartWith("Cannot read the lake");
        assertThat(model.quarantined()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.describe()).isEqualTo(file + " (tb_0001_fatura): it is empty (0 bytes): there is no header");
        });

        dialogs.answer = false;
        model.retryRefused();
        assertThat(dialogs.confirmations).containsExactly("Retry 1 refused file?");
        assertThat(started).isEmpty();
        dialogs.answer = true;
        model.retryRefused();
        assertThat(started).singleElement().satisfies(o -> {
            assertThat(o.retryRefused()).isTrue();
            assertThat(o.stages()).containsExactlyInAnyOrder(ProcessingFlow.StageName.values());
        });
    }

    @Test
    void anIngestionRunFillsTheGraphTheGridAndTheNotice() {
        TestLakes.addExtracts(lake);
        PipelineViewModel model = new PipelineViewModel(lake, TaskExecutor.synchronous(), dialogs);
        assertThat(model.ingestionBoxes()).extracting(StageBox::state).containsOnly("NOT RUN");

        model.runIngestion();

        assertThat(model.ingestionBoxes()).extracting(StageBox::state).containsOnly("SUCCEEDED");
        StageBox extract = model.ingestionBoxes().get(0);
        assertThat(extract.stage().id()).isEqualTo("extract-tb_faturas");
        assertThat(extract.record().records()).isEqualTo(120); // 40 clients x 3 months of invoices
        assertThat(extract.detail()).contains("120 records");
        assertThat(model.processingBoxes()).extracting(StageBox::state).containsOnly("NOT RUN");
        assertThat(model.grid()).singleElement().satisfies(row -> {
            assertThat(row.run().flow()).isEqualTo("ingestion");
            assertThat(row.run().state()).isEqualTo("SUCCEEDED");
            assertThat(row.stages().keySet()).containsExactlyInAnyOrderElementsOf(
                    PipelineStage.GRID_COLUMNS.subList(0, 4));
        });
        assertThat(dialogs.notices).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notice.Kind.SUCCESS);
            assertThat(n.title()).startsWith("Ingestion succeeded in ");
            assertThat(n.text()).contains("extract-tb_faturas: 120 records");
        });

        // Running a stage that succeeded asks first; the user keeps it.
        dialogs.answer = false;
        model.runStage(extract.stage());
        assertThat(dialogs.confirmations).containsExactly("Run extract again?");
        assertThat(model.grid()).hasSize(1);
        model.retry();
        assertThat(model.statusProperty().get()).isEqualTo("No failed run to retry.");

        // The grid filters by flow, state and text; the details follow the chosen cell.
        model.flowFilterProperty().set("processing");
        assertThat(model.grid()).isEmpty();
        model.flowFilterProperty().set(PipelineViewModel.ALL);
        model.stateFilterProperty().set("FAILED");
        assertThat(model.grid()).isEmpty();
        model.stateFilterProperty().set("SUCCEEDED");
        model.textFilterProperty().set(model.grid().get(0).run().runId().substring(17));
        assertThat(model.grid()).hasSize(1);
        model.select(model.grid().get(0).run().runId(), "load-tb_pagamentos");
        RunRecord load = model.selectedProperty().get();
        assertThat(load.stageKey()).isEqualTo("load-tb_pagamentos");
        assertThat(load.records()).isPositive();
        assertThat(model.detailsProperty().get()).contains("State: SUCCEEDED")
                .contains(String.format("Records: %,d", load.records())).contains("in run " + load.runId());
        assertThat(model.logProperty().get()).startsWith("Ingestion runs in the process that started it");
    }

    @Test
    void theMonthPickersOfferTheTrustedMonthsAndReplacingABookMonthAsksFirst() {
        TestTables.commitMonths(lake, LakeTable.TRUSTED_FATURAS, "202312", "202401");
        TestTables.commitMonths(lake, LakeTable.BOOK, "202402");
        PipelineViewModel model = new PipelineViewModel(lake, TaskExecutor.synchronous(), dialogs);
        model.refresh();
        assertThat(model.referenceChoices()).containsExactly("202312", "202401", "202402");
        assertThat(model.defaultReference()).contains("202402");
        assertThat(model.fromProperty().get()).isEqualTo("202312");
        assertThat(model.toProperty().get()).isEqualTo("202402");
        assertThat(model.backends()).containsExactly("local");
        assertThat(model.schedules())
                .extracting(PipelineViewModel.ScheduleRow::flow, PipelineViewModel.ScheduleRow::cron)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ingestion", "0 8 1 * *"),
                        org.assertj.core.groups.Tuple.tuple("processing", "0 8 5 * *"));
        assertThat(model.schedulerProperty().get()).startsWith("No lake scheduler is running");

        dialogs.answer = false;
        model.runProcessing(); // the default month, 202402, has a book
        assertThat(dialogs.confirmations).containsExactly("Replace the book of 202402?");
        model.referenceProperty().set("202401"); // no book yet: no question
        model.backfillProperty().set(true);
        model.fromProperty().set("202402");
        model.toProperty().set("202312");
        model.runProcessing();
        assertThat(model.statusProperty().get())
                .isEqualTo("Choose a backfill range: the first month on or before the last.");
        assertThat(model.runsAFlow()).isFalse();
        assertThat(new RunRecordStore(lake.lake()).all()).isEmpty();
    }

    @Test
    void closingDuringARunLeavesNoLiveChildJvmAndNoLock() throws Exception {
        ExecutorService worker = Executors.newCachedThreadPool();
        ExecutorService ui = Executors.newSingleThreadExecutor();
        try {
            PipelineViewModel model = onUi(ui, () -> new PipelineViewModel(lake, new TaskExecutor(worker, ui),
                    dialogs));
            ui.submit(model::runProcessing).get();
            RunRecordStore store = new RunRecordStore(lake.lake());
            RunRecord running = waitFor(() -> store.all().stream()
                    .filter(r -> r.stage().equals("trusted") && r.state() == RunState.RUNNING && r.stepId() != null)
                    .findFirst(), Duration.ofSeconds(60));
            assertThat(FlowLock.holder(lake.lake(), "processing")).isPresent();
            assertThat(liveChildren()).as("the Spark child JVM").isNotEmpty();

            assertThat(model.shutdown(Duration.ofSeconds(60))).isTrue();

            waitFor(() -> liveChildren().isEmpty() ? Optional.of(true) : Optional.empty(), Duration.ofSeconds(20));
            assertThat(FlowLock.holder(lake.lake(), "processing")).isEmpty();
            List<RunRecord> records = store.all().stream().filter(r -> r.runId().equals(running.runId())).toList();
            assertThat(records).filteredOn(r -> r.stage().equals("trusted")).singleElement()
                    .extracting(RunRecord::state).isEqualTo(RunState.CANCELLED);
            assertThat(records).filteredOn(r -> r.stage().equals("book")).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(RunState.SKIPPED);
                assertThat(r.summary()).isEqualTo("not run: the run was cancelled");
            });
        } finally {
            worker.shutdownNow();
            ui.shutdownNow();
        }
    }

    private static List<ProcessHandle> liveChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    private static <T> T onUi(ExecutorService ui, java.util.concurrent.Callable<T> work) throws Exception {
        return ui.submit(work).get(30, TimeUnit.SECONDS);
    }

    private static <T> T waitFor(Supplier<Optional<T>> probe, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited " + timeout.toSeconds() + " s in vain");
    }
}
