package com.podcartoes.lake.ui.pipeline;

import com.podcartoes.lake.compute.LogStream;
import com.podcartoes.lake.compute.SparkRunner;
import com.podcartoes.lake.config.Setting;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.FlowBusyException;
import com.podcartoes.lake.flow.Flows;
import com.podcartoes.lake.flow.JobMetrics;
import com.podcartoes.lake.flow.ProcessingFlow;
import com.podcartoes.lake.flow.Quarantine;
import com.podcartoes.lake.flow.SparkRunners;
import com.podcartoes.lake.flow.TrustedMonths;
import com.podcartoes.lake.ingestion.IngestionFlow;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.refined.BookReader;
import com.podcartoes.lake.run.Cancellation;
import com.podcartoes.lake.run.RetryPolicy;
import com.podcartoes.lake.run.RunHistory;
import com.podcartoes.lake.run.RunListener;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunState;
import com.podcartoes.lake.run.RunSummary;
import com.podcartoes.lake.run.StageProgress;
import com.podcartoes.lake.run.StageRunner;
import com.podcartoes.lake.schedule.Scheduler;
import com.podcartoes.lake.schedule.SchedulerHeartbeat;
import com.podcartoes.lake.ui.Formats;
import com.podcartoes.lake.ui.dialogs.DialogService;
import com.podcartoes.lake.ui.dialogs.Notice;
import com.podcartoes.lake.ui.tasks.BackgroundTask;
import com.podcartoes.lake.ui.tasks.TaskExecutor;
import com.podcartoes.lake.ui.tasks.TaskProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Pipeline screen: the two flows as stage graphs of their latest runs, the run-history grid, a stage's details
 * and log, the schedules, and the commands that run, retry, skip and cancel, all through pipeline-core's
 * {@link Flows} as the CLI calls them. Read-only properties, changed only by its commands and by what the lake says
 * (the records of runs this console starts are pushed; those of runs started elsewhere are polled by
 * {@link #refresh()}). It never touches a control.
 */
public final class PipelineViewModel {
    public static final String ALL = "All";
    private static final String REFRESH = "pipeline-refresh";
    private static final String LOG = "pipeline-log";

    /** A schedule as the screen lists it. */
    public record ScheduleRow(String flow, String cron, String zone, String nextFires) {
    }

    /** A flow run this console started: how to stop it and how to know it has stopped. */
    private record Active(String title, Cancellation cancellation, CountDownLatch done) {
    }

    /** How a flow run this console started ended. */
    private record FlowEnd(String flow, String runId, boolean succeeded, List<RunRecord> records, Duration took) {
    }

    private interface FlowBody {
        FlowEnd run(Cancellation cancellation, RunListener listener);
    }

    private final LakeContext lake;
    private final FlowStarter flows;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final RunHistory history;
    private final Quarantine quarantine;
    private final BookReader books;
    private final Map<String, SparkRunner> runners = new ConcurrentHashMap<>();

    private final Map<String, RunRecord> records = new LinkedHashMap<>();
    private final Map<String, StageProgress> progress = new HashMap<>();
    private Map<String, JobMetrics.Progress> sparkProgress = Map.of();
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private Map<Subject, JobMetrics.Trusted> trustedMetrics = Map.of();
    private volatile String metricsOf = ""; // read by the refresh off the UI thread
    private volatile boolean quarantineRead;
    private List<YearMonth> invoiceMonths = List.of();
    private List<String> bookMonths = List.of();
    private Instant now = Instant.now();
    private String runsLine = ""; // the status while nothing else is worth saying

    private final ObservableList<StageBox> ingestionBoxes = FXCollections.observableArrayList();
    private final ObservableList<StageBox> ingestionBoxesView =
            FXCollections.unmodifiableObservableList(ingestionBoxes);
    private final ObservableList<StageBox> processingBoxes = FXCollections.observableArrayList();
    private final ObservableList<StageBox> processingBoxesView =
            FXCollections.unmodifiableObservableList(processingBoxes);
    private final ReadOnlyStringWrapper ingestionRun = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper processingRun = new ReadOnlyStringWrapper("");
    private final ObservableList<GridRow> gridRows = FXCollections.observableArrayList();
    private final FilteredList<GridRow> grid = new FilteredList<>(gridRows);
    private final ObservableList<GridRow> gridView =
            FXCollections.unmodifiableObservableList(grid);
    private final StringProperty flowFilter = new SimpleStringProperty(ALL);
    private final StringProperty stateFilter = new SimpleStringProperty(ALL);
    private final StringProperty textFilter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<RunRecord> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("Choose a stage in the graph or the grid.");
    private final ObjectProperty<LogStream> logStream = new SimpleObjectProperty<>(LogStream.STDERR);
    private final ReadOnlyStringWrapper log = new ReadOnlyStringWrapper("");
    private final ObservableList<String> referenceChoices = FXCollections.observableArrayList();
    private final ObservableList<String> referenceChoicesView =
            FXCollections.unmodifiableObservableList(referenceChoices);
    private final StringProperty reference = new SimpleStringProperty();
    private final BooleanProperty backfill = new SimpleBooleanProperty(false);
    private final StringProperty from = new SimpleStringProperty();
    private final StringProperty to = new SimpleStringProperty();
    private final ObservableList<String> backends = FXCollections.observableArrayList();
    private final ObservableList<String> backendsView =
            FXCollections.unmodifiableObservableList(backends);
    private final StringProperty backend = new SimpleStringProperty();
    private final ReadOnlyBooleanWrapper ingestionRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper processingRunning = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<ScheduleRow> schedules = FXCollections.observableArrayList();
    private final ObservableList<ScheduleRow> schedulesView =
            FXCollections.unmodifiableObservableList(schedules);
    private final ReadOnlyStringWrapper scheduler = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper lakeVersion = new ReadOnlyLongWrapper(0);
    private final ReadOnlyObjectWrapper<RunRecord> showRequest = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Quarantine.Entry> quarantined = FXCollections.observableArrayList();
    private final ObservableList<Quarantine.Entry> quarantinedView = FXCollections.unmodifiableObservableList(
            quarantined);

    public PipelineViewModel(LakeContext lake, TaskExecutor tasks, DialogService dialogs) {
        this(lake, tasks, dialogs, FlowStarter.of(lake));
    }

    PipelineViewModel(LakeContext lake, TaskExecutor tasks, DialogService dialogs, FlowStarter flows) {
        this.flows = flows;
        this.lake = lake;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.history = new RunHistory(lake.lake());
        this.quarantine = new Quarantine(lake.lake());
        this.books = new BookReader(lake.tables());
        backends.setAll(SparkRunners.backendsFor(lake.config()));
        String configured = lake.config().get(Setting.COMPUTE_BACKEND);
        backend.set(backends.contains(configured) ? configured : backends.get(0));
        flowFilter.addListener((o, was, now) -> applyFilter());
        stateFilter.addListener((o, was, now) -> applyFilter());
        textFilter.addListener((o, was, now) -> applyFilter());
        logStream.addListener((o, was, now) -> loadLog());
        loadSchedules();
        rebuild();
    }

    // ---- what the view binds to

    public ObservableList<StageBox> ingestionBoxes() {
        return ingestionBoxesView;
    }

    public ObservableList<StageBox> processingBoxes() {
        return processingBoxesView;
    }

    /** The ingestion graph's run: id, state and duration, or that it never ran. */
    public ReadOnlyStringProperty ingestionRunProperty() {
        return ingestionRun.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty processingRunProperty() {
        return processingRun.getReadOnlyProperty();
    }

    /** The run-history grid, newest run first, filtered. */
    public ObservableList<GridRow> grid() {
        return gridView;
    }

    /** "All", "ingestion" or "processing" (the user's choice). */
    public StringProperty flowFilterProperty() {
        return flowFilter;
    }

    /** "All" or a run state (the user's choice). */
    public StringProperty stateFilterProperty() {
        return stateFilter;
    }

    /** Text a run's id, stages or errors must contain (the user's search). */
    public StringProperty textFilterProperty() {
        return textFilter;
    }

    public static List<String> flowChoices() {
        return List.of(ALL, IngestionFlow.NAME, ProcessingFlow.NAME);
    }

    public static List<String> stateChoices() {
        List<String> states = new ArrayList<>(List.of(ALL));
        for (RunState state : RunState.values()) {
            states.add(state.name());
        }
        return states;
    }

    /** The stage execution whose details are shown. */
    public ReadOnlyObjectProperty<RunRecord> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Which log of the selected stage's Spark step to show. */
    public ObjectProperty<LogStream> logStreamProperty() {
        return logStream;
    }

    public ReadOnlyStringProperty logProperty() {
        return log.getReadOnlyProperty();
    }

    /** The book months offered: the invoice months in trusted and the month after them (the default). */
    public ObservableList<String> referenceChoices() {
        return referenceChoicesView;
    }

    /** The book's reference month, or null for the default (the user's choice). */
    public StringProperty referenceProperty() {
        return reference;
    }

    /** Whether to build a range of months instead of one (the user's choice). */
    public BooleanProperty backfillProperty() {
        return backfill;
    }

    public StringProperty fromProperty() {
        return from;
    }

    public StringProperty toProperty() {
        return to;
    }

    /** The backends this profile can run Spark on. */
    public ObservableList<String> backends() {
        return backendsView;
    }

    /** The backend processing runs on (the user's choice, the profile's {@code compute.backend} at first). */
    public StringProperty backendProperty() {
        return backend;
    }

    /** Whether this console runs an ingestion now. */
    public ReadOnlyBooleanProperty ingestionRunningProperty() {
        return ingestionRunning.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty processingRunningProperty() {
        return processingRunning.getReadOnlyProperty();
    }

    public boolean runsAFlow() {
        return !active.isEmpty();
    }

    public ObservableList<ScheduleRow> schedules() {
        return schedulesView;
    }

    /** Whether a {@code lake scheduler} is alive, from its heartbeat in the lake. */
    public ReadOnlyStringProperty schedulerProperty() {
        return scheduler.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Grows each time the run records change: other screens follow the lake on it. */
    public ReadOnlyLongProperty lakeVersionProperty() {
        return lakeVersion.getReadOnlyProperty();
    }

    /** The raw files in quarantine (refused as a whole by the Trusted job), left alone until retried. */
    public ObservableList<Quarantine.Entry> quarantined() {
        return quarantinedView;
    }

    /** Set when a notification's "Show log" asks to show a stage: the window brings this screen forward. */
    public ReadOnlyObjectProperty<RunRecord> showRequestProperty() {
        return showRequest.getReadOnlyProperty();
    }

    // ---- following the lake

    /** Reads what changed in the lake (latest wins): run records, months, the scheduler's heartbeat. */
    public void refresh() {
        tasks.submit(BackgroundTask.of("Refreshing runs", () -> {
            RunHistory.Snapshot snapshot = history.refresh();
            List<YearMonth> months = TrustedMonths.invoiceMonths(lake.tables());
            List<String> booked = books.months();
            Optional<SchedulerHeartbeat.Beat> beat = SchedulerHeartbeat.read(lake.lake());
            // The ledger changes only when a Trusted job ends, which changes a run record.
            Optional<List<Quarantine.Entry>> refused = snapshot.changed() || !quarantineRead
                    ? Optional.of(quarantine.refresh()) : Optional.empty();
            return new Polled(snapshot, months, booked, beat, trustedMetricsFor(snapshot.records()),
                    sparkProgress(snapshot.records()), refused);
        }).latestWins(REFRESH).onSuccess(this::apply)
                .onFailure(e -> status.set("Cannot read the lake: " + DialogService.sentence(e))));
    }

    private record Polled(RunHistory.Snapshot snapshot, List<YearMonth> months, List<String> bookMonths,
                          Optional<SchedulerHeartbeat.Beat> beat, Optional<MetricsOf> metrics,
                          Map<String, JobMetrics.Progress> sparkProgress,
                          Optional<List<Quarantine.Entry>> quarantined) {
    }

    /** What the running Spark steps report of their tasks, by run and stage key (one GET each). */
    private Map<String, JobMetrics.Progress> sparkProgress(List<RunRecord> all) {
        Map<String, JobMetrics.Progress> found = new HashMap<>();
        for (RunRecord r : all) {
            if (r.state() == RunState.RUNNING && r.stepId() != null) {
                JobMetrics.progress(lake.lake(), r.runId(), r.stage())
                        .ifPresent(p -> found.put(r.runId() + "/" + r.stageKey(), p));
            }
        }
        return found;
    }

    private record MetricsOf(String key, Map<Subject, JobMetrics.Trusted> bySubject) {
    }

    /** The latest processing run's Trusted figures, read again only when that run's trusted record changed. */
    private Optional<MetricsOf> trustedMetricsFor(List<RunRecord> all) {
        Optional<RunRecord> trusted = all.stream()
                .filter(r -> r.flow().equals(ProcessingFlow.NAME) && r.stage().equals("trusted"))
                .reduce((a, b) -> b);
        if (trusted.isEmpty()) {
            return Optional.empty();
        }
        String key = trusted.get().runId() + "/" + trusted.get().state() + "/" + trusted.get().attempt();
        if (key.equals(metricsOf)) {
            return Optional.empty();
        }
        Map<Subject, JobMetrics.Trusted> found = new HashMap<>();
        for (Subject subject : Subject.values()) {
            JobMetrics.trusted(lake.lake(), subject, trusted.get().runId()).ifPresent(m -> found.put(subject, m));
        }
        return Optional.of(new MetricsOf(key, found));
    }

    private void apply(Polled polled) {
        boolean changed = false;
        for (RunRecord record : polled.snapshot().records()) {
            changed |= merge(record);
        }
        if (polled.snapshot().changed() && records.size() > polled.snapshot().records().size()) {
            // records deleted in the lake: keep only what it holds (and what runs here just pushed)
            Set<String> inLake = polled.snapshot().records().stream().map(PipelineViewModel::key)
                    .collect(Collectors.toSet());
            changed |= records.keySet().removeIf(k -> !inLake.contains(k) && !records.get(k).state().equals(
                    RunState.RUNNING));
        }
        boolean figuresChanged = false; // what only the boxes show: no need for the other screens to look again
        if (polled.metrics().isPresent()) {
            metricsOf = polled.metrics().get().key();
            trustedMetrics = polled.metrics().get().bySubject();
            figuresChanged = true;
        }
        if (!polled.sparkProgress().equals(sparkProgress)) {
            sparkProgress = polled.sparkProgress();
            figuresChanged = true;
        }
        polled.quarantined().ifPresent(entries -> {
            quarantineRead = true;
            if (!entries.equals(quarantined)) {
                quarantined.setAll(entries);
            }
        });
        invoiceMonths = polled.months();
        bookMonths = polled.bookMonths();
        updateReferenceChoices();
        scheduler.set(polled.beat().map(b -> b.alive(Instant.now())
                ? "lake scheduler is running on " + b.owner() + " since " + Formats.time(b.startedAt())
                + " (last beat " + Formats.ago(b.beatAt(), Instant.now()) + ")"
                : "lake scheduler on " + b.owner() + " stopped beating " + Formats.ago(b.beatAt(), Instant.now())
                + ": the schedules will not fire")
                .orElse("No lake scheduler is running: the schedules fire only while one runs ('lake scheduler')."));
        if (changed) {
            rebuild();
        } else if (figuresChanged) {
            rebuildBoxes();
        }
        List<String> unreadable = polled.snapshot().unreadable();
        if (status.get().isEmpty() || status.get().startsWith("Cannot read") || status.get().equals(runsLine)) {
            runsLine = (gridRows.isEmpty() ? "No runs yet: press Run pipeline." : gridRows.size() + " runs")
                    + (unreadable.isEmpty() ? "" : "; left out " + unreadable.size() + " unreadable run record"
                    + (unreadable.size() == 1 ? "" : "s") + ": " + String.join(", ", unreadable));
            status.set(runsLine);
        }
    }

    private static String key(RunRecord record) {
        return record.runId() + "/" + record.stageKey() + "/" + record.attempt();
    }

    /** Keeps the newer of two versions of a record: a poll never takes back what a push already said. */
    private boolean merge(RunRecord record) {
        String key = key(record);
        RunRecord known = records.get(key);
        if (known != null && (known.equals(record) || (known.state().isFinal() && !record.state().isFinal()))) {
            return false;
        }
        records.put(key, record);
        return true;
    }

    /** The clock of the elapsed times; the view ticks it every second. */
    public void tick(Instant at) {
        now = at;
        if (records.values().stream().anyMatch(r -> r.state() == RunState.RUNNING)) {
            rebuildBoxes();
        }
    }

    private void rebuild() {
        List<RunSummary> runs = RunSummary.newestFirst(List.copyOf(records.values()));
        gridRows.setAll(runs.stream().map(GridRow::of).toList());
        rebuildBoxes();
        lakeVersion.set(lakeVersion.get() + 1);
        RunRecord chosen = selected.get();
        if (chosen != null) {
            RunRecord fresh = latest(chosen.runId(), chosen.stageKey());
            if (fresh != null && !fresh.equals(chosen)) {
                show(fresh);
            }
        }
    }

    private void rebuildBoxes() {
        ingestionBoxes.setAll(boxes(PipelineStage.INGESTION, IngestionFlow.NAME, ingestionRun));
        processingBoxes.setAll(boxes(PipelineStage.PROCESSING, ProcessingFlow.NAME, processingRun));
    }

    private List<StageBox> boxes(List<PipelineStage> stages, String flow, ReadOnlyStringWrapper runLabel) {
        Optional<GridRow> run = gridRows.stream().filter(r -> r.run().flow().equals(flow)).findFirst();
        runLabel.set(run.map(r -> "Run " + r.run().runId() + " · " + r.run().state() + " · "
                + Formats.duration(r.run().startedAt(), r.run().endedAt() == null ? now : r.run().endedAt()))
                .orElse("Not run yet"));
        List<StageBox> boxes = new ArrayList<>();
        for (PipelineStage stage : stages) {
            RunRecord record = run.map(r -> r.stage(stage.recordKey())).orElse(null);
            boxes.add(box(stage, record));
        }
        return boxes;
    }

    private StageBox box(PipelineStage stage, RunRecord record) {
        if (record == null) {
            return new StageBox(stage, null, "NOT RUN", "", Double.NaN);
        }
        List<String> parts = new ArrayList<>();
        parts.add(Formats.duration(record.startedAt(), record.endedAt() == null ? now : record.endedAt()));
        double bar = Double.NaN;
        if (record.state() == RunState.RUNNING) {
            StageProgress p = progress.get(record.runId() + "/" + record.stageKey());
            bar = p == null || p.fraction() == 0 ? TaskProgress.INDETERMINATE : p.fraction();
            if (p != null && p.bytesTotal() > 0) {
                parts.add(Formats.bytes(p.bytesDone()) + " of " + Formats.bytes(p.bytesTotal()));
            }
            JobMetrics.Progress tasks = sparkProgress.get(record.runId() + "/" + record.stageKey());
            if (tasks != null) {
                bar = tasks.fraction() > 0 ? tasks.fraction() : TaskProgress.INDETERMINATE;
                parts.add(tasks.describe());
            } else if (record.stepId() != null) {
                parts.add("step " + record.stepId());
            }
        } else if (stage.metricsSubject() != null && trustedMetrics.containsKey(stage.metricsSubject())
                && record.state().succeeded()) {
            JobMetrics.Trusted m = trustedMetrics.get(stage.metricsSubject());
            parts.add(String.format("%,d rows", m.rowsWritten()));
            parts.add(String.format("%,d rejected", m.rowsRejected()));
        } else if (record.state().succeeded()) {
            if (record.records() > 0 || stage.isIngestion()) {
                parts.add(String.format(stage.stage().equals("book") ? "%,d clients" : "%,d records",
                        record.records()));
            }
            if (record.bytes() > 0 || stage.isIngestion()) {
                parts.add(Formats.bytes(record.bytes()));
            }
        }
        if (record.attempt() > 1) {
            parts.add("attempt " + record.attempt());
        }
        // The time on the first line, the figures on the second: boxes stay narrow.
        String detail = parts.get(0) + (parts.size() > 1 ? "\n" + String.join(" · ", parts.subList(1, parts.size()))
                : "");
        return new StageBox(stage, record, record.state().name().replace('_', ' '), detail, bar);
    }

    private void applyFilter() {
        String flow = flowFilter.get();
        String state = stateFilter.get();
        String text = textFilter.get() == null ? "" : textFilter.get().trim().toLowerCase(Locale.ROOT);
        grid.setPredicate(row -> (flow == null || flow.equals(ALL) || row.run().flow().equals(flow))
                && (state == null || state.equals(ALL) || row.run().state().equals(state)
                || row.stages().values().stream().anyMatch(r -> r.state().name().equals(state)))
                && (text.isEmpty() || row.run().runId().toLowerCase(Locale.ROOT).contains(text)
                || row.stages().values().stream().anyMatch(r -> String.valueOf(r.error()).toLowerCase(Locale.ROOT)
                .contains(text) || String.valueOf(r.summary()).toLowerCase(Locale.ROOT).contains(text))));
    }

    private void updateReferenceChoices() {
        List<String> choices = TrustedMonths.referenceChoices(invoiceMonths).stream()
                .map(m -> m.format(TrustedMonths.MONTH)).toList();
        if (!choices.equals(referenceChoices)) {
            referenceChoices.setAll(choices);
        }
        if (!choices.isEmpty()) {
            if (from.get() == null) {
                from.set(choices.get(0));
            }
            if (to.get() == null) {
                to.set(choices.get(choices.size() - 1));
            }
        }
    }

    /** The default book month as the flow will choose it now, e.g. "202402", if trusted has invoices. */
    public Optional<String> defaultReference() {
        return TrustedMonths.defaultReference(invoiceMonths).map(m -> m.format(TrustedMonths.MONTH));
    }

    private void loadSchedules() {
        try {
            Scheduler schedule = Scheduler.forConfig(lake.config(), Clock.systemUTC(), d -> { });
            schedules.setAll(schedule.upcoming(3).stream().map(u -> new ScheduleRow(u.flow(),
                    u.schedule().expression(), u.zone().getId(), u.fires().stream().map(Formats::zoned)
                    .collect(Collectors.joining(", ")))).toList());
        } catch (IllegalArgumentException e) {
            schedules.clear();
            scheduler.set("The schedules are invalid: " + e.getMessage());
        }
    }

    // ---- selection, details and logs

    /** Shows a stage execution of the grid: its latest attempt in that run. */
    public void select(String runId, String stageKey) {
        RunRecord record = latest(runId, stageKey);
        if (record != null) {
            show(record);
        }
    }

    /** Shows the latest record behind a box of the graphs. */
    public void select(StageBox box) {
        if (box.record() != null) {
            show(box.record());
        } else {
            selected.set(null);
            details.set(box.stage().title() + " (" + box.stage().subtitle() + ") has not run yet.");
            log.set("");
        }
    }

    private RunRecord latest(String runId, String stageKey) {
        return records.values().stream().filter(r -> r.runId().equals(runId) && r.stageKey().equals(stageKey))
                .reduce((a, b) -> b.attempt() >= a.attempt() ? b : a).orElse(null);
    }

    private void show(RunRecord record) {
        boolean sameStep = selected.get() != null && record.stepId() != null
                && record.stepId().equals(selected.get().stepId()) && record.state() == selected.get().state();
        selected.set(record);
        details.set(describe(record));
        if (!sameStep) {
            loadLog();
        }
    }

    private String describe(RunRecord r) {
        StringBuilder text = new StringBuilder();
        text.append(r.flow()).append(" / ").append(r.stageKey()).append(" in run ").append(r.runId()).append('\n');
        text.append("State: ").append(r.state()).append(r.attempt() > 1 ? " (attempt " + r.attempt() + ")" : "")
                .append('\n');
        text.append("Started: ").append(Formats.time(r.startedAt())).append("   Ended: ")
                .append(r.endedAt() == null ? "still running" : Formats.time(r.endedAt())).append("   Took: ")
                .append(Formats.duration(r.startedAt(), r.endedAt() == null ? now : r.endedAt())).append('\n');
        text.append(String.format("Files: %,d   Bytes: %s   Records: %,d%n", r.files(), Formats.bytes(r.bytes()),
                r.records()));
        text.append("Host: ").append(r.host());
        if (r.stepId() != null) {
            text.append("   Step: ").append(r.stepId()).append(" on ").append(r.clusterId());
        }
        text.append('\n');
        if (r.error() != null) {
            text.append(r.state() == RunState.SUCCEEDED_WITH_WARNINGS ? "Warnings: " : "Error: ").append(r.error())
                    .append('\n');
        }
        if (r.summary() != null) {
            text.append("Summary: ").append(r.summary()).append('\n');
        }
        return text.toString();
    }

    private void loadLog() {
        RunRecord record = selected.get();
        if (record == null) {
            log.set("");
            return;
        }
        if (record.stepId() == null) {
            log.set(record.flow().equals(IngestionFlow.NAME)
                    ? "Ingestion runs in the process that started it (this console, the CLI or the scheduler):"
                    + " its record above is its report."
                    : "This stage ran no Spark step.");
            return;
        }
        LogStream stream = logStream.get();
        tasks.submit(BackgroundTask.of("Reading a log", () -> runner(record.clusterId())
                .log(record.clusterId(), record.stepId(), stream)).latestWins(LOG)
                .onSuccess(text -> log.set(text.orElse(record.clusterId().startsWith("local-")
                        ? "No " + stream.fileName() + " for this step yet."
                        : "No " + stream.fileName() + " yet: EMR copies step logs about five minutes after a step"
                        + " ends.")))
                .onFailure(e -> log.set("Cannot read the log: " + DialogService.sentence(e))));
    }

    private SparkRunner runner(String clusterId) {
        String which = clusterId.startsWith("local-") ? "local" : "emr";
        return runners.computeIfAbsent(which, b -> SparkRunners.forCluster(lake, clusterId));
    }

    // ---- commands

    /** Ingestion, then processing (the Trusted layer and the book), as {@code lake run all} does. */
    public void runPipeline() {
        Optional<ProcessingFlow.Options> options = processingOptions(EnumSet.allOf(ProcessingFlow.StageName.class));
        if (options.isEmpty()) {
            return;
        }
        launch(List.of(IngestionFlow.NAME, ProcessingFlow.NAME), "Pipeline run", (cancellation, listener) -> {
            IngestionFlow.Result ingestion = flows.ingestion(IngestionFlow.Options.all(), listener, cancellation);
            if (!ingestion.succeeded() || cancellation.isCancelled()) {
                return end(IngestionFlow.NAME, ingestion.runId(), false, ingestion.records());
            }
            ProcessingFlow.Result processing = flows.processing(options.get(), backend.get(), listener, cancellation);
            return end(ProcessingFlow.NAME, processing.runId(), processing.succeeded(), records(processing));
        });
    }

    public void runIngestion() {
        runIngestion(IngestionFlow.Options.all(), "Ingestion run");
    }

    public void runProcessing() {
        processingOptions(EnumSet.allOf(ProcessingFlow.StageName.class))
                .ifPresent(o -> runProcessing(o, "Processing run"));
    }

    /** Runs one stage alone: an ingestion stage for its subject, or a processing stage with the chosen months. */
    public void runStage(PipelineStage stage) {
        RunRecord last = lastOf(stage);
        if (last != null && last.state().succeeded() && !dialogs.confirm("Run " + stage.stage() + " again?",
                stage.title() + " (" + stage.subtitle() + ") succeeded in run " + last.runId() + " at "
                        + Formats.time(last.endedAt()) + ". Run it again?", "Run again")) {
            return;
        }
        if (stage.isIngestion()) {
            runIngestion(new IngestionFlow.Options(EnumSet.of(Subject.parse(stage.recordKey().substring(
                    stage.stage().length() + 1))), EnumSet.of(IngestionFlow.StageName.valueOf(
                    stage.stage().toUpperCase(Locale.ROOT)))), "Ingestion: " + stage.id());
        } else {
            processingOptions(EnumSet.of(ProcessingFlow.StageName.parse(stage.stage())))
                    .ifPresent(o -> runProcessing(o, "Processing: " + stage.stage()));
        }
    }

    /** Runs the stage's flow without it: the skipped stage is recorded SKIPPED (processing) or not run. */
    public void skip(PipelineStage stage) {
        if (stage.isIngestion()) {
            IngestionFlow.StageName other = stage.stage().equals("extract") ? IngestionFlow.StageName.LOAD
                    : IngestionFlow.StageName.EXTRACT;
            runIngestion(new IngestionFlow.Options(EnumSet.allOf(Subject.class), EnumSet.of(other)),
                    "Ingestion without " + stage.stage());
        } else {
            ProcessingFlow.StageName other = stage.stage().equals("book") ? ProcessingFlow.StageName.TRUSTED
                    : ProcessingFlow.StageName.BOOK;
            processingOptions(EnumSet.of(other)).ifPresent(o -> runProcessing(o, "Processing without "
                    + stage.stage()));
        }
    }

    /**
     * Runs again what a run did not finish, as {@code --retry} does: for processing its first stage that did not
     * succeed and the stages after it, same months; for ingestion each subject that did not finish.
     */
    public void retry(String runId) {
        Optional<GridRow> row = gridRows.stream().filter(r -> r.run().runId().equals(runId)).findFirst();
        if (row.isEmpty()) {
            status.set("No run " + runId + " to retry.");
            return;
        }
        String flow = row.get().run().flow();
        if (flow.equals(ProcessingFlow.NAME)) {
            launch(List.of(flow), "Retry of " + runId, (cancellation, listener) -> {
                ProcessingFlow.Result result = flows.processing(Flows.processingRetryOf(lake, runId),
                        backend.get(), listener, cancellation);
                return end(flow, result.runId(), result.succeeded(), records(result));
            });
        } else {
            launch(List.of(flow), "Retry of " + runId, (cancellation, listener) -> {
                IngestionFlow.Result result = flows.ingestion(Flows.ingestionRetryOf(lake, runId), listener,
                        cancellation);
                return end(flow, result.runId(), result.succeeded(), result.records());
            });
        }
    }

    /**
     * Processes the quarantined files again with the new ones ({@code --retry-refused}), then builds the book, once
     * the user confirmed the list: for when their cause is fixed (a limit raised, a control file restored).
     */
    public void retryRefused() {
        if (quarantined.isEmpty()) {
            status.set("No file is in quarantine.");
            return;
        }
        String files = quarantined.stream().map(Quarantine.Entry::describe).collect(Collectors.joining("\n"));
        if (!dialogs.confirm("Retry " + quarantined.size() + " refused file" + (quarantined.size() == 1 ? "" : "s")
                + "?", "The Trusted job reads them again with any new files, then the book is built. Refused"
                + " earlier:\n" + files, "Retry refused")) {
            return;
        }
        processingOptions(EnumSet.allOf(ProcessingFlow.StageName.class)).ifPresent(o -> runProcessing(
                new ProcessingFlow.Options(o.stages(), o.ref(), o.from(), o.to(), o.retries(), true,
                        o.maxRejectRate()), "Processing with the refused files"));
    }

    /** Retries the chosen run if it did not succeed, else the latest run that did not. */
    public void retry() {
        RunRecord chosen = selected.get();
        Optional<GridRow> target = gridRows.stream()
                .filter(r -> chosen != null && r.run().runId().equals(chosen.runId())
                        && !r.run().state().equals("SUCCEEDED"))
                .findFirst()
                .or(() -> gridRows.stream().filter(r -> r.run().state().equals("FAILED")).findFirst());
        target.ifPresentOrElse(r -> retry(r.run().runId()), () -> status.set("No failed run to retry."));
    }

    /** Cancels the running run: one this console started stops here; one started elsewhere gets its step cancelled. */
    public void cancel() {
        Optional<GridRow> running = gridRows.stream().filter(r -> r.run().state().equals("RUNNING")).findFirst();
        if (active.isEmpty() && running.isEmpty()) {
            status.set("No run is running.");
            return;
        }
        String what = running.map(r -> r.run().flow() + " run " + r.run().runId())
                .orElse(active.values().iterator().next().title());
        if (!dialogs.confirm("Cancel " + what + "?", "Its running Spark step is stopped and recorded CANCELLED (never"
                + " retried); the stages it has not started are skipped. Raw data is untouched and a later run"
                + " resumes where it stopped.", "Cancel run")) {
            return;
        }
        if (!active.isEmpty()) {
            active.values().forEach(a -> a.cancellation().cancel());
            status.set("Cancelling " + what + "...");
            return;
        }
        String runId = running.get().run().runId();
        tasks.submit(BackgroundTask.of("Cancelling " + runId, () -> Flows.cancel(lake, runId))
                .onSuccess(done -> status.set(done.stream().map(Flows.Cancelled::describe)
                        .collect(Collectors.joining("; "))))
                .onFailure(e -> dialogs.showError("Cannot cancel run " + runId, e)));
    }

    /**
     * Stops the flows this console runs (their Spark steps cancelled, stages recorded CANCELLED, locks released)
     * and waits for them to end: called when the console closes.
     *
     * @return whether they all ended within the wait
     */
    public boolean shutdown(Duration wait) {
        List<Active> running = active.values().stream().distinct().toList();
        running.forEach(a -> a.cancellation().cancel());
        long deadline = System.nanoTime() + wait.toNanos();
        boolean ended = true;
        for (Active a : running) {
            try {
                ended &= a.done().await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return ended;
    }

    /** The titles of the flows this console runs now. */
    public List<String> runningTitles() {
        return active.values().stream().distinct().map(Active::title).toList();
    }

    // ---- running flows

    private void runIngestion(IngestionFlow.Options options, String title) {
        launch(List.of(IngestionFlow.NAME), title, (cancellation, listener) -> {
            IngestionFlow.Result result = flows.ingestion(options, listener, cancellation);
            return end(IngestionFlow.NAME, result.runId(), result.succeeded(), result.records());
        });
    }

    private void runProcessing(ProcessingFlow.Options options, String title) {
        launch(List.of(ProcessingFlow.NAME), title, (cancellation, listener) -> {
            ProcessingFlow.Result result = flows.processing(options, backend.get(), listener, cancellation);
            return end(ProcessingFlow.NAME, result.runId(), result.succeeded(), records(result));
        });
    }

    /** The processing options from the pickers, after confirming that existing book months will be replaced. */
    private Optional<ProcessingFlow.Options> processingOptions(Set<ProcessingFlow.StageName> stages) {
        String ref = null;
        String first = null;
        String last = null;
        List<String> months;
        if (backfill.get()) {
            first = from.get();
            last = to.get();
            if (first == null || last == null || first.compareTo(last) > 0) {
                status.set("Choose a backfill range: the first month on or before the last.");
                return Optional.empty();
            }
            String a = first;
            String b = last;
            months = bookMonths.stream().filter(m -> m.compareTo(a) >= 0 && m.compareTo(b) <= 0).toList();
        } else {
            ref = reference.get() == null || reference.get().isBlank() ? null : reference.get();
            String month = ref != null ? ref : defaultReference().orElse(null);
            months = month != null && bookMonths.contains(month) ? List.of(month) : List.of();
        }
        if (stages.contains(ProcessingFlow.StageName.BOOK) && !months.isEmpty() && !dialogs.confirm(
                "Replace the book of " + String.join(", ", months) + "?", "The book and stage of " + String.join(", ",
                        months) + " exist and will be replaced as a whole by this run.", "Replace")) {
            return Optional.empty();
        }
        return Optional.of(new ProcessingFlow.Options(stages, ref, first, last, RetryPolicy.NONE));
    }

    private RunRecord lastOf(PipelineStage stage) {
        return gridRows.stream().filter(r -> r.run().flow().equals(stage.flow()))
                .map(r -> r.stage(stage.recordKey())).filter(r -> r != null && r.state() != RunState.SKIPPED)
                .findFirst().orElse(null);
    }

    private FlowEnd end(String flow, String runId, boolean succeeded, List<RunRecord> ended) {
        Instant start = ended.stream().map(RunRecord::startedAt).min(Instant::compareTo).orElse(Instant.now());
        return new FlowEnd(flow, runId, succeeded, ended, Duration.between(start, Instant.now()));
    }

    private static List<RunRecord> records(ProcessingFlow.Result result) {
        return result.executions().stream().<RunRecord>map(StageRunner.Execution::record).toList();
    }

    private void launch(List<String> flows, String title, FlowBody body) {
        for (String flow : flows) {
            if (active.containsKey(flow)) {
                status.set("This console already runs " + flow + ": wait for it, or cancel it.");
                return;
            }
        }
        Active run = new Active(title, new Cancellation(), new CountDownLatch(1));
        flows.forEach(f -> active.put(f, run));
        updateRunning();
        status.set(title + " started.");
        tasks.submit(BackgroundTask.<FlowEnd>of(title, progressOut -> {
            try {
                return body.run(run.cancellation(), listener(progressOut));
            } finally {
                run.done().countDown();
            }
        }).visible().onCancel(run.cancellation()::cancel)
                .onSuccess(this::announce)
                .onFailure(e -> {
                    status.set(title + " did not run: " + DialogService.sentence(e));
                    if (e instanceof FlowBusyException || e instanceof IllegalArgumentException) {
                        dialogs.notify(Notice.failure(title + " did not run", DialogService.sentence(e), null, null));
                    } else {
                        dialogs.showError(title + " failed", e);
                    }
                })
                .onFinished(() -> {
                    flows.forEach(active::remove);
                    updateRunning();
                    refresh();
                }));
    }

    private void updateRunning() {
        ingestionRunning.set(active.containsKey(IngestionFlow.NAME));
        processingRunning.set(active.containsKey(ProcessingFlow.NAME));
    }

    /** Pushes this console's runs into the screen as they happen (on the UI thread). */
    private RunListener listener(TaskProgress taskProgress) {
        return new RunListener() {
            @Override
            public void recordChanged(RunRecord record) {
                taskProgress.message(record.stageKey() + " " + record.state().name().toLowerCase(Locale.ROOT));
                tasks.onUi(() -> {
                    if (record.state().isFinal()) {
                        progress.remove(record.runId() + "/" + record.stageKey());
                    }
                    if (merge(record)) {
                        rebuild();
                    }
                });
            }

            @Override
            public void progress(StageProgress p) {
                taskProgress.progress(p.fraction() == 0 ? TaskProgress.INDETERMINATE : p.fraction());
                tasks.onUi(() -> {
                    progress.put(p.runId() + "/" + p.stage() + (p.subject() == null ? "" : "-" + p.subject()), p);
                    rebuildBoxes();
                });
            }
        };
    }

    /** The notification at the end of a flow run: its figures, or the failure and a way to its log. */
    private void announce(FlowEnd end) {
        String flow = end.flow().substring(0, 1).toUpperCase(Locale.ROOT) + end.flow().substring(1);
        if (end.succeeded()) {
            String figures = end.records().stream().filter(r -> r.state().succeeded())
                    .map(r -> r.stageKey() + ": " + (r.stage().equals("book")
                            ? String.format("%,d clients", r.records()) : String.format("%,d records", r.records())))
                    .collect(Collectors.joining(", "));
            Optional<RunRecord> warned = end.records().stream()
                    .filter(r -> r.state() == RunState.SUCCEEDED_WITH_WARNINGS).findFirst();
            if (warned.isPresent()) {
                RunRecord w = warned.get();
                status.set(flow + " run " + end.runId() + " succeeded with warnings: " + w.error());
                dialogs.notify(new Notice(Notice.Kind.WARNING, flow + " succeeded with warnings", w.stageKey() + ": "
                        + w.error(), "Show details", () -> {
                            select(w.runId(), w.stageKey());
                            showRequest.set(w);
                        }));
                return;
            }
            status.set(flow + " run " + end.runId() + " succeeded in " + Formats.duration(end.took()) + ".");
            dialogs.notify(Notice.success(flow + " succeeded in " + Formats.duration(end.took()),
                    figures.isEmpty() ? "run " + end.runId() : figures));
            return;
        }
        Optional<RunRecord> failed = end.records().stream()
                .filter(r -> r.state() == RunState.FAILED || r.state() == RunState.CANCELLED
                        || r.state() == RunState.INTERRUPTED)
                .findFirst();
        String why = failed.map(r -> r.stageKey() + " " + r.state().name().toLowerCase(Locale.ROOT) + ": "
                + r.error()).orElse("see run " + end.runId());
        status.set(flow + " run " + end.runId() + " did not succeed: " + why);
        dialogs.notify(Notice.failure(flow + " " + failed.map(r -> r.state().name().toLowerCase(Locale.ROOT))
                .orElse("failed"), why, failed.isPresent() ? "Show log" : null, () -> failed.ifPresent(r -> {
                    select(r.runId(), r.stageKey());
                    showRequest.set(r);
                })));
    }
}
