package com.podcartoes.lake.jobs.book;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.podcartoes.lake.book.BookCalculator;
import com.podcartoes.lake.book.BookVariables;
import com.podcartoes.lake.book.Variable;
import com.podcartoes.lake.jobs.common.FaultPoints;
import com.podcartoes.lake.jobs.common.LakeFiles;
import com.podcartoes.lake.jobs.common.LakeTables;
import com.podcartoes.lake.jobs.common.PhaseTimings;
import com.podcartoes.lake.jobs.trusted.TrustedJob;
import com.podcartoes.lake.layout.LakeCatalog;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.layout.SnapshotSummary;
import com.podcartoes.lake.layout.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.iceberg.expressions.Expressions;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Builds the Refined layer (data contract, section 4) for one reference month or a range of them, as an action
 * object: options, then {@link #execute()}.
 *
 * <p>Designed for speed: the trusted rows of each client are brought together by one shuffle of narrow rows
 * (amounts in cents), and {@link BookCalculator} deduplicates, classifies and aggregates each client in plain Java
 * with exact integer arithmetic, for every month of a backfill at once. No 462-column SQL aggregate, no decimal
 * arithmetic in Spark. Stage and book files are written into the attempt's own directories, then committed to their
 * Iceberg tables in one snapshot each that replaces exactly the months computed; the two snapshots name each other.
 */
public final class BookJob {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SparkSession spark;
    private String lakeUri;
    private LakeCatalog catalog;
    private YearMonth from;
    private YearMonth to;
    private String dtProc = TrustedJob.DT_PROC.format(LocalDateTime.now(ZoneOffset.UTC));
    private String runId = "manual-" + System.currentTimeMillis();

    public BookJob(SparkSession spark) {
        this.spark = spark;
    }

    public BookJob lake(String uri) {
        this.lakeUri = uri;
        return this;
    }

    /** Where the lake's tables are catalogued. */
    public BookJob catalog(LakeCatalog value) {
        this.catalog = value;
        return this;
    }

    /** One reference month ({@code yyyyMM}). */
    public BookJob ref(String month) {
        return range(month, month);
    }

    /** A backfill: every month from {@code first} to {@code last}, each as of its own D. */
    public BookJob range(String first, String last) {
        this.from = YearMonth.parse(first, MONTH);
        this.to = YearMonth.parse(last, MONTH);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + last + " is before --from " + first);
        }
        return this;
    }

    public BookJob dtProc(String value) {
        LocalDateTime.parse(value, TrustedJob.DT_PROC);
        this.dtProc = value;
        return this;
    }

    public BookJob runId(String value) {
        this.runId = value;
        return this;
    }

    // ---- schemas ----------------------------------------------------------------------------------------------

    /** The stage table's columns (the partition column {@code ref} last). */
    public static StructType stageSchema() {
        return DataTypes.createStructType(List.of(
                field("id_cliente", DataTypes.LongType), field("id_fatura", DataTypes.LongType),
                field("dt_proc", DataTypes.StringType), field("dt_emissao", DataTypes.DateType),
                field("dt_vencimento", DataTypes.DateType), field("vlr_pago", money()),
                field("dt_pagamento", DataTypes.DateType), field("fbc_classif_pagto", DataTypes.StringType),
                field("fbc_classif_vlr_pagto", DataTypes.StringType), field("fvl_vlr_fatura", money()),
                field("fvl_qtd_transacao", DataTypes.IntegerType),
                field("fvl_numero_dias_atraso", DataTypes.IntegerType),
                field("fvl_perc_vlr_fatura", DataTypes.IntegerType), field("flg_u1m", DataTypes.IntegerType),
                field("flg_u3m", DataTypes.IntegerType), field("flg_u6m", DataTypes.IntegerType),
                field("flg_u9m", DataTypes.IntegerType), field("flg_u12m", DataTypes.IntegerType),
                field("ref", DataTypes.StringType)));
    }

    /** The book's columns: id_cliente, dt_proc, VAR_1..VAR_462 (types from the definitions), ref last. */
    public static StructType bookSchema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(field("id_cliente", DataTypes.LongType));
        fields.add(field("dt_proc", DataTypes.StringType));
        for (Variable variable : BookVariables.ALL) {
            fields.add(field(variable.name(), sparkType(variable.type())));
        }
        fields.add(field("ref", DataTypes.StringType));
        return DataTypes.createStructType(fields);
    }

    static DataType sparkType(Variable.Type type) {
        return switch (type) {
            case MONEY -> money();
            case AVERAGE -> DataTypes.createDecimalType(18, 6);
            case COUNT -> DataTypes.LongType;
            case INTEGER -> DataTypes.IntegerType;
        };
    }

    private static DataType money() {
        return DataTypes.createDecimalType(18, 2);
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    // ---- the run ------------------------------------------------------------------------------------------------

    public BookResult execute() {
        if (lakeUri == null || catalog == null) {
            throw new IllegalStateException("no lake URI or catalog: call lake(...) and catalog(...)");
        }
        long started = System.currentTimeMillis();
        PhaseTimings timings = new PhaseTimings(started);
        // The stage's month partitions get a file open each instead of a sort of every stage row by month.
        spark.conf().set("spark.sql.maxConcurrentOutputFileWriters", "16");
        LakeTables tables = LakeTables.open(spark, lakeUri, catalog);
        LakeFiles lake = tables.files();
        var stageTable = tables.ensure(LakeTable.STAGE, stageSchema(), "ref");
        var bookTable = tables.ensure(LakeTable.BOOK, bookSchema(), "ref");
        // What a crashed attempt wrote is in no snapshot: remove it (the flow's lock keeps other writers out).
        for (LakeTable table : List.of(LakeTable.STAGE, LakeTable.BOOK)) {
            tables.removeCrashedAttempts(table).forEach(attempt -> System.out.printf("book: removed the files of"
                    + " attempt %s in %s, which never committed%n", attempt, table.tableName()));
        }
        // Point in time: the snapshots of Trusted this run reads, recorded with the book so a month can be rebuilt.
        long invoicesSnapshot = tables.currentSnapshotId(LakeTable.TRUSTED_FATURAS);
        long paymentsSnapshot = tables.currentSnapshotId(LakeTable.TRUSTED_PAGAMENTOS);
        Dataset<Row> trustedInvoices = TrustedJob.read(tables, Subject.FATURAS, invoicesSnapshot);
        if (from == null) {
            YearMonth next = latestEmissionMonth(trustedInvoices, lake).plusMonths(1);
            from = next;
            to = next;
        }
        List<YearMonth> refs = new ArrayList<>();
        for (YearMonth r = from; !r.isAfter(to); r = r.plusMonths(1)) {
            refs.add(r);
        }
        LocalDate lastD = BookCalculator.referenceDate(to);

        // "Newest raw file wins": the extraction time is the 14 digits before ".csv" ending every file name; on a
        // tie, the latest dt_proc, then the latest data date (the 8 digits before them): a deterministic winner.
        Column extracted = substring(col("source_file"), -18, 14).cast(DataTypes.LongType).as("extracted");
        Column dataDate = substring(col("source_file"), -27, 8).cast(DataTypes.LongType).as("data_date");
        // Every invoice (so that a payment of an old invoice is not taken for an orphan); the calculator keeps
        // only the in-scope ones. Payments after the last D cannot matter.
        Dataset<Row> invoices = trustedInvoices
                .select(col("id_cliente"), lit(ClientHistory.INVOICE).as("kind"), col("id_fatura"),
                        lit(null).cast(DataTypes.LongType).as("id_pagamento"), col("dt_emissao").as("date1"),
                        col("dt_vencimento").as("date2"), col("vlr_fatura").as("amount"),
                        extracted,
                        col("dt_proc").cast(DataTypes.LongType).as("proc"), dataDate);
        Dataset<Row> payments = TrustedJob.read(tables, Subject.PAGAMENTOS, paymentsSnapshot)
                .filter(col("dt_pagamento").leq(lit(lastD)))
                .select(col("id_cliente"), lit(ClientHistory.PAYMENT).as("kind"), col("id_fatura"), col("id_pagamento"),
                        col("dt_pagamento").as("date1"), lit(null).cast(DataTypes.DateType).as("date2"),
                        col("vlr_pagamento").as("amount"),
                        extracted,
                        col("dt_proc").cast(DataTypes.LongType).as("proc"), dataDate);

        LongAccumulator duplicateInvoices = spark.sparkContext().longAccumulator("duplicate invoices");
        LongAccumulator duplicatePayments = spark.sparkContext().longAccumulator("duplicate payments");
        LongAccumulator orphanPayments = spark.sparkContext().longAccumulator("payments without invoice");
        List<String> refTexts = refs.stream().map(MONTH::format).toList();
        Map<String, LongAccumulator> stageRows = new LinkedHashMap<>();
        Map<String, LongAccumulator> bookRows = new LinkedHashMap<>();
        for (String ref : refTexts) {
            stageRows.put(ref, spark.sparkContext().longAccumulator("stage rows " + ref));
            bookRows.put(ref, spark.sparkContext().longAccumulator("book rows " + ref));
        }
        String proc = dtProc;
        // One shuffle of narrow rows brings each client's history together; it is deduplicated once and kept in
        // memory (a few primitive arrays per client). Then each task writes its clients' rows straight to Parquet:
        // the stage of every month in one pass, the book one month per pass (a file of 464 columns per month open
        // at once in every task would need gigabytes of buffers). No wide cached table, no second shuffle.
        JavaRDD<ClientHistory> histories = invoices.unionByName(payments)
                .repartition(col("id_cliente"))
                .queryExecution().toRdd().toJavaRDD()
                .mapPartitions(rows -> ClientHistory.groupAndDeduplicate(rows, duplicateInvoices, duplicatePayments,
                        orphanPayments), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        String bookPrefix = LakeLayout.BOOK;
        // The attempt's own directories: invisible to readers until committed, never met by a retry.
        String attempt = LakeTables.attempt(runId);
        String stageStaging = LakeTable.STAGE.attemptPrefix(attempt);
        String bookStaging = LakeTable.BOOK.attemptPrefix(attempt);
        Map<String, Long> snapshots = new LinkedHashMap<>();
        snapshots.put(LakeTable.TRUSTED_FATURAS.tableName(), invoicesSnapshot);
        snapshots.put(LakeTable.TRUSTED_PAGAMENTOS.tableName(), paymentsSnapshot);
        try {
            timings.lap("read and shuffle");
            // Materialize once, so the counters are read from exactly one computation of each client.
            histories.count();
            timings.lap("deduplicate");
            SerializableConfiguration conf = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
            RefinedOutput output = new RefinedOutput(refs, proc, lake.uri(stageStaging), lake.uri(bookStaging),
                    stageRows, bookRows);
            // The stage job and the month jobs go in from two driver threads: while one job starts, commits or
            // waits for its last task, the other keeps the cores busy.
            List<Runnable> writes = new ArrayList<>();
            writes.add(() -> histories.foreachPartition(clients -> output.writeStage(clients, conf.value())));
            for (YearMonth ref : refs) {
                writes.add(() -> histories.foreachPartition(clients -> output.writeBook(clients, ref,
                        conf.value())));
            }
            runTwoAtATime(writes);
            timings.lap("classify, aggregate and write stage and book");
            lake.removeChecksumFiles(stageStaging);
            lake.removeChecksumFiles(bookStaging);
            FaultPoints.reach("book.staged");
            // The months' stage, then their book, each in one snapshot replacing exactly those months. The two name
            // each other: the book's id is chosen first, for the stage's summary; the book's summary names the
            // stage's snapshot and the Trusted snapshots both were computed from.
            var months = Expressions.in("ref", refTexts.toArray());
            Map<String, String> lineage = new LinkedHashMap<>();
            lineage.put(SnapshotSummary.RUN_ID, runId);
            lineage.put(SnapshotSummary.DT_PROC, dtProc);
            lineage.put(SnapshotSummary.REFS, String.join(",", refTexts));
            lineage.put(SnapshotSummary.TRUSTED_SNAPSHOTS, LakeTable.TRUSTED_FATURAS.tableName() + "=" + invoicesSnapshot
                    + "," + LakeTable.TRUSTED_PAGAMENTOS.tableName() + "=" + paymentsSnapshot);
            long bookSnapshot = tables.newSnapshotId(bookTable);
            Map<String, String> stageSummary = new LinkedHashMap<>(lineage);
            stageSummary.put(SnapshotSummary.BOOK_SNAPSHOT, Long.toString(bookSnapshot));
            long stageSnapshot = tables.commit(LakeTable.STAGE, stageTable, attempt, months, stageSummary,
                    "book.stage");
            snapshots.put(LakeTable.STAGE.tableName(), stageSnapshot);
            Map<String, String> bookSummary = new LinkedHashMap<>(lineage);
            bookSummary.put(SnapshotSummary.STAGE_SNAPSHOT, Long.toString(stageSnapshot));
            snapshots.put(LakeTable.BOOK.tableName(), tables.commit(LakeTable.BOOK, bookTable, attempt, months,
                    bookSummary, "book.book", OptionalLong.of(bookSnapshot)));
            timings.lap("commit");
        } finally {
            histories.unpersist(false);
            tables.discardUncommitted(LakeTable.STAGE, attempt);
            tables.discardUncommitted(LakeTable.BOOK, attempt);
        }
        lake.write(bookPrefix + "_dictionary.csv", BookVariables.dictionaryCsv().getBytes(StandardCharsets.UTF_8));
        lake.write(bookPrefix + "_dictionary.md", BookVariables.dictionaryMarkdown().getBytes(StandardCharsets.UTF_8));
        BookResult result = new BookResult(runId, dtProc, values(bookRows), values(stageRows),
                duplicateInvoices.value(), duplicatePayments.value(), orphanPayments.value(),
                System.currentTimeMillis() - started);
        writeMetrics(lake, result, timings, snapshots);
        return result;
    }

    private static void runTwoAtATime(List<Runnable> jobs) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (Runnable job : jobs) {
                futures.add(pool.submit(job));
            }
            for (java.util.concurrent.Future<?> future : futures) {
                future.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the book", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Long> values(Map<String, LongAccumulator> counters) {
        Map<String, Long> values = new TreeMap<>();
        counters.forEach((ref, counter) -> values.put(ref, counter.value()));
        return values;
    }

    /** The latest {@code ref} of the invoices (a partition value: Iceberg answers it from its manifests). */
    private static YearMonth latestEmissionMonth(Dataset<Row> invoices, LakeFiles lake) {
        Row latest = invoices.agg(org.apache.spark.sql.functions.max(col("ref"))).first();
        if (latest.isNullAt(0)) {
            throw new IllegalStateException("no invoices in " + lake.uri(LakeLayout.trustedPrefix(Subject.FATURAS))
                    + ": run the trusted job first");
        }
        return YearMonth.parse(latest.getString(0), MONTH);
    }

    private void writeMetrics(LakeFiles lake, BookResult result, PhaseTimings timings, Map<String, Long> snapshots) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("job", "book");
        metrics.put("runId", result.runId());
        metrics.put("dtProc", result.dtProc());
        metrics.put("durationMillis", result.durationMillis());
        metrics.put("clientsPerRef", result.clientsPerRef());
        metrics.put("stageRowsPerRef", result.stageRowsPerRef());
        metrics.put("duplicateInvoicesRemoved", result.duplicateInvoices());
        metrics.put("duplicatePaymentsRemoved", result.duplicatePayments());
        metrics.put("paymentsWithoutInvoice", result.orphanPayments());
        metrics.put("phaseMillis", timings.millis());
        // The Iceberg snapshots: the Trusted ones read, the stage's and the book's written (point-in-time lineage).
        metrics.put("snapshots", snapshots);
        try {
            lake.write(LakeLayout.bookMetricsKey(result.runId()), JSON.writeValueAsBytes(metrics));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf("book: refs %s, clients %s, stage rows %s; removed %,d duplicate invoices and %,d duplicate"
                        + " payments; %,d payments without invoice; %.1f s%n", result.clientsPerRef().keySet(),
                result.clientsPerRef().values(), result.stageRowsPerRef().values(), result.duplicateInvoices(),
                result.duplicatePayments(), result.orphanPayments(), result.durationMillis() / 1000.0);
        System.out.println("book phases (ms): " + timings.millis());
    }

    /** Reads the book of one month in the contract's column order (id_cliente, ref, dt_proc, VAR_1..). */
    public static Dataset<Row> readBook(LakeTables tables, String ref) {
        List<String> ordered = new ArrayList<>(List.of("id_cliente", "ref", "dt_proc"));
        BookVariables.ALL.forEach(v -> ordered.add(v.name()));
        return tables.read(LakeTable.BOOK, -1)
                .filter(col("ref").equalTo(ref))
                .select(ordered.stream().map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new));
    }

    /** Reads the stage of one month. */
    public static Dataset<Row> readStage(LakeTables tables, String ref) {
        return tables.read(LakeTable.STAGE, -1).filter(col("ref").equalTo(ref));
    }

    // ---- per partition ---------------------------------------------------------------------------------------------
}
