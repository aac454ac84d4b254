package com.podcartoes.lake.jobs.trusted;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.podcartoes.lake.jobs.common.FaultPoints;
import com.podcartoes.lake.jobs.common.LakeFiles;
import com.podcartoes.lake.jobs.common.LakeTables;
import com.podcartoes.lake.jobs.common.PhaseTimings;
import com.podcartoes.lake.layout.ControlFile;
import com.podcartoes.lake.layout.LakeCatalog;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.layout.Ledger;
import com.podcartoes.lake.layout.RejectReason;
import com.podcartoes.lake.layout.SourceFileName;
import com.podcartoes.lake.layout.SnapshotSummary;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.rules.CsvRecords;
import com.podcartoes.lake.rules.DateRange;
import com.podcartoes.lake.rules.RecordParser;
import com.podcartoes.lake.rules.Rejected;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.iceberg.expressions.Expressions;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Turns the raw files of one subject into its Trusted table (data contract, section 3), as a small action object:
 * set the options, call {@link #execute()}, get a {@link TrustedResult}.
 *
 * <ol>
 *   <li>Picks the raw files that have a control file and no ledger entry (or the files named, forced).</li>
 *   <li>Verifies each against its control file (size, SHA-256, header columns; records after parsing).</li>
 *   <li>Parses every line with the Spark-free {@link RecordParser}; rejects keep the raw line, a reason code and
 *       their line number; a business key seen earlier in the same file is DUPLICATE_IN_FILE.</li>
 *   <li>Above the reject-rate limit, or on any mismatch, fails and publishes nothing.</li>
 *   <li>Writes Parquet partitioned by {@code ref} and {@code source_file} under the attempt's own directory of the
 *       Iceberg table, then commits the rejects and the rows in one snapshot each, replacing exactly the rows of
 *       the files it processed (re-processing a file replaces its rows, under every ref), then records the files in
 *       the ledger and writes the run's metrics JSON.</li>
 * </ol>
 */
public final class TrustedJob {
    public static final DateTimeFormatter DT_PROC = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SparkSession spark;
    private final Subject subject;
    private String lakeUri;
    private LakeCatalog catalog;
    private List<String> forcedFiles = List.of();
    private boolean retryRefused;
    private DateRange dates = DateRange.DEFAULT;
    private String dtProc = DT_PROC.format(LocalDateTime.now(ZoneOffset.UTC));
    private double maxRejectRate = 0.01;
    private String runId = "manual-" + System.currentTimeMillis();
    private boolean verifySha256 = true;
    private int maxRecordBytes = CsvRecords.DEFAULT_MAX_RECORD_BYTES;

    public TrustedJob(SparkSession spark, Subject subject) {
        this.spark = spark;
        this.subject = subject;
    }

    /** The lake's root: {@code s3://bucket} on EMR, {@code file:///.../s3/pod-lake} on the embedded lake. */
    public TrustedJob lake(String uri) {
        this.lakeUri = uri;
        return this;
    }

    /** Where the lake's tables are catalogued. */
    public TrustedJob catalog(LakeCatalog value) {
        this.catalog = value;
        return this;
    }

    /** Process these raw files (names like {@code tb_faturas_20230201_20230202000000.csv}) even if processed. */
    public TrustedJob files(List<String> names) {
        this.forcedFiles = List.copyOf(names);
        return this;
    }

    /** The dates a row may carry; outside them it is BAD_DATE. */
    public TrustedJob dateRange(DateRange range) {
        this.dates = range;
        return this;
    }

    /** Also take the files refused (quarantined) by earlier runs, once their cause is fixed. */
    public TrustedJob retryRefused(boolean value) {
        this.retryRefused = value;
        return this;
    }

    public TrustedJob dtProc(String value) {
        LocalDateTime.parse(value, DT_PROC); // refuse anything but yyyyMMddHHmmss
        this.dtProc = value;
        return this;
    }

    public TrustedJob maxRejectRate(double value) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException("max reject rate must be between 0 and 1, got " + value);
        }
        this.maxRejectRate = value;
        return this;
    }

    /** A record longer than this is LINE_TOO_LONG, and only this many of its bytes are kept in the rejects. */
    public TrustedJob maxRecordBytes(int value) {
        if (value < 64) {
            throw new IllegalArgumentException("the record bound must be at least 64 bytes, got " + value);
        }
        this.maxRecordBytes = value;
        return this;
    }

    public TrustedJob runId(String value) {
        this.runId = value;
        return this;
    }

    public TrustedJob verifySha256(boolean value) {
        this.verifySha256 = value;
        return this;
    }

    // ---- layout ---------------------------------------------------------------------------------------------

    private String table() {
        return subject.trustedTable();
    }

    private List<String> keyColumns() {
        return subject == Subject.FATURAS ? List.of("id_cliente", "id_fatura")
                : List.of("id_cliente", "id_fatura", "id_pagamento");
    }

    /** The typed columns the parser produces, in the contract's order. */
    static StructType typedSchema(Subject subject) {
        List<StructField> fields = new ArrayList<>();
        if (subject == Subject.FATURAS) {
            fields.add(DataTypes.createStructField("id_fatura", DataTypes.LongType, true));
            fields.add(DataTypes.createStructField("id_cliente", DataTypes.LongType, true));
            fields.add(DataTypes.createStructField("dt_emissao", DataTypes.DateType, true));
            fields.add(DataTypes.createStructField("dt_vencimento", DataTypes.DateType, true));
            fields.add(DataTypes.createStructField("vlr_fatura", DataTypes.createDecimalType(14, 2), true));
            fields.add(DataTypes.createStructField("vlr_pagto_min", DataTypes.createDecimalType(14, 2), true));
        } else {
            fields.add(DataTypes.createStructField("id_pagamento", DataTypes.LongType, true));
            fields.add(DataTypes.createStructField("id_fatura", DataTypes.LongType, true));
            fields.add(DataTypes.createStructField("id_cliente", DataTypes.LongType, true));
            fields.add(DataTypes.createStructField("dt_pagamento", DataTypes.DateType, true));
            fields.add(DataTypes.createStructField("vlr_pagamento", DataTypes.createDecimalType(14, 2), true));
        }
        return DataTypes.createStructType(fields);
    }

    /** The Trusted table's schema exactly as the contract gives it (partition columns included). */
    public static StructType tableSchema(Subject subject) {
        List<StructField> typed = List.of(typedSchema(subject).fields());
        List<StructField> fields = new ArrayList<>();
        int idColumns = subject == Subject.FATURAS ? 2 : 3;
        fields.addAll(typed.subList(0, idColumns));
        fields.add(DataTypes.createStructField("dt_proc", DataTypes.StringType, true));
        fields.add(DataTypes.createStructField("ref", DataTypes.StringType, true));
        fields.addAll(typed.subList(idColumns, typed.size()));
        fields.add(DataTypes.createStructField("source_file", DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }

    /**
     * Reads a Trusted table (the contract's columns and types) at a snapshot, -1 for the current one; empty when
     * nothing was committed yet.
     */
    public static Dataset<Row> read(LakeTables tables, Subject subject, long snapshotId) {
        ensureTable(tables, subject);
        return tables.read(LakeTable.trusted(subject), snapshotId);
    }

    /** The subject's Trusted table, created if it does not exist yet. */
    private static org.apache.iceberg.Table ensureTable(LakeTables tables, Subject subject) {
        return tables.ensure(LakeTable.trusted(subject), tableSchema(subject), "ref", "source_file");
    }

    /** The rejects table's columns: where each reject was, its raw record, why, and which run found it. */
    public static StructType rejectsSchema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField("source_file", DataTypes.StringType, true),
                DataTypes.createStructField("line_number", DataTypes.LongType, true),
                DataTypes.createStructField("raw_line", DataTypes.StringType, true),
                DataTypes.createStructField("raw_bytes", DataTypes.BinaryType, true),
                DataTypes.createStructField("reason", DataTypes.StringType, true),
                DataTypes.createStructField("reason_detail", DataTypes.StringType, true),
                DataTypes.createStructField("dt_proc", DataTypes.StringType, true),
                DataTypes.createStructField("run_id", DataTypes.StringType, true)));
    }

    private static StructType parsedSchema(Subject subject) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("source_file", DataTypes.StringType, false),
                DataTypes.createStructField("split_start", DataTypes.LongType, false),
                DataTypes.createStructField("split_line", DataTypes.LongType, false),
                DataTypes.createStructField("lines", DataTypes.IntegerType, false),
                DataTypes.createStructField("line_offset", DataTypes.LongType, false),
                DataTypes.createStructField("raw_line", DataTypes.StringType, true),
                DataTypes.createStructField("raw_bytes", DataTypes.BinaryType, true),
                DataTypes.createStructField("reason", DataTypes.StringType, true),
                DataTypes.createStructField("reason_detail", DataTypes.StringType, true),
                DataTypes.createStructField("ref", DataTypes.StringType, true)));
        fields.addAll(List.of(typedSchema(subject).fields()));
        return DataTypes.createStructType(fields);
    }

    // ---- the run --------------------------------------------------------------------------------------------

    /**
     * A raw file to process and what its control file promises.
     *
     * @param formatVersion the control file's: how its {@code records} were counted ({@link ControlFile})
     * @param splittable    no record spans lines, so the file may be read in several splits
     */
    private record Input(SourceFileName name, String dataKey, String controlKey, long records, long sizeBytes,
                         String sha256, int formatVersion, boolean splittable) {
        boolean recordsCountBlankLines() {
            return ControlFile.countsBlankLines(formatVersion);
        }
    }


    /** The reason column's mark for a blank line: neither a row nor a reject, but a line for the line numbers. */
    private static final String BLANK_LINE = "_blank_line";
    /** The columns of {@link #parsedSchema} before the typed ones. */
    private static final int RAW_COLUMNS = 10;

    public TrustedResult execute() {
        if (lakeUri == null || catalog == null) {
            throw new IllegalStateException("no lake URI or catalog: call lake(...) and catalog(...)");
        }
        long started = System.currentTimeMillis();
        LakeTables tables = LakeTables.open(spark, lakeUri, catalog);
        LakeFiles lake = tables.files();
        ensureTable(tables, subject);
        tables.ensure(LakeTable.rejects(subject), rejectsSchema(), "source_file");
        // What a crashed attempt wrote is in no snapshot: remove it (the flow's lock keeps other writers out).
        for (LakeTable table : List.of(LakeTable.trusted(subject), LakeTable.rejects(subject))) {
            tables.removeCrashedAttempts(table).forEach(attempt -> System.out.printf("%s: removed the files of"
                    + " attempt %s, which never committed%n", table.tableName(), attempt));
        }
        List<TrustedResult.Skipped> skipped = new ArrayList<>();
        List<Input> pending = pendingInputs(lake, skipped);
        // A file refused as a whole is quarantined (a REFUSED ledger entry): the others go on without it.
        Map<String, TrustedResult.Refused> refused = new LinkedHashMap<>();
        List<Input> inputs = new ArrayList<>();
        for (Input input : pending) {
            Optional<String> why = verify(lake, input);
            if (why.isPresent()) {
                refused.put(input.name().fileName(), new TrustedResult.Refused(input.name().fileName(), why.get(),
                        0, 0));
            } else {
                inputs.add(input);
            }
        }
        if (inputs.isEmpty()) {
            TrustedResult nothing = new TrustedResult(table(), runId, dtProc, List.of(),
                    List.copyOf(refused.values()), skipped, System.currentTimeMillis() - started);
            quarantine(lake, pending, refused);
            writeMetrics(lake, nothing, null, List.of(), null, Map.of());
            System.out.printf("%s: no new raw file to process%s%n", table(), refused.isEmpty() ? ""
                    : " (" + refused.size() + " refused)");
            return nothing;
        }

        PhaseTimings timings = new PhaseTimings(started);
        timings.lap("verify against control files");
        Dataset<Row> parsed = parse(lake, inputs);
        Dataset<Row> classified = parsed;
        try {
            List<Row> stats = stats(parsed);
            timings.lap("parse and classify");
            List<String> splitFiles = filesReadInSeveralSplits(stats);
            if (!splitFiles.isEmpty()) {
                // Large files were read in several splits: duplicates across splits need a global look.
                classified = markDuplicatesAcrossSplits(parsed, splitFiles).persist(StorageLevel.MEMORY_AND_DISK());
                stats = stats(classified);
                timings.lap("duplicates across input splits");
            }
            List<TrustedResult.FileReport> reports = reports(stats, inputs, refused);
            List<Input> accepted = inputs.stream().filter(i -> !refused.containsKey(i.name().fileName())).toList();
            // The attempt's own directories: invisible to readers until committed, never met by a retry.
            String attempt = LakeTables.attempt(runId);
            String staging = LakeTable.trusted(subject).attemptPrefix(attempt);
            String rejectsStaging = LakeTable.rejects(subject).attemptPrefix(attempt);
            Map<String, Long> snapshots = new LinkedHashMap<>();
            try {
                writeTrusted(classified, lake.uri(staging));
                timings.lap("write trusted");
                writeRejects(classified, stats, lake.uri(rejectsStaging));
                timings.lap("write rejects");
                lake.removeChecksumFiles(staging);
                lake.removeChecksumFiles(rejectsStaging);
                FaultPoints.reach("trusted.staged");
                if (!accepted.isEmpty()) {
                    var replaced = Expressions.in("source_file", accepted.stream().map(i -> i.name().fileName())
                            .toArray());
                    Map<String, String> summary = Map.of(SnapshotSummary.RUN_ID, runId, SnapshotSummary.DT_PROC,
                            dtProc, SnapshotSummary.FILES, String.join(",", accepted.stream().map(i -> i.name().fileName()).toList()));
                    // Rejects first: a crash between the two commits leaves the files unrecorded in the ledger,
                    // so the next run processes them again and replaces both.
                    snapshots.put(LakeTable.rejects(subject).tableName(), tables.commit(LakeTable.rejects(subject),
                            tables.ensure(LakeTable.rejects(subject), rejectsSchema(), "source_file"), attempt,
                            replaced, summary, "trusted.rejects"));
                    snapshots.put(table(), tables.commit(LakeTable.trusted(subject), ensureTable(tables, subject),
                            attempt, replaced, summary, "trusted.rows"));
                }
                FaultPoints.reach("trusted.published");
                timings.lap("commit");
            } finally {
                tables.discardUncommitted(LakeTable.trusted(subject), attempt);
                tables.discardUncommitted(LakeTable.rejects(subject), attempt);
            }
            TrustedResult result = new TrustedResult(table(), runId, dtProc, reports, List.copyOf(refused.values()),
                    skipped, System.currentTimeMillis() - started);
            for (int i = 0; i < accepted.size(); i++) {
                writeLedger(lake, accepted.get(i), reports.get(i));
            }
            quarantine(lake, pending, refused);
            FaultPoints.reach("trusted.ledger");
            writeMetrics(lake, result, classified, accepted, timings, snapshots);
            return result;
        } finally {
            classified.unpersist();
            parsed.unpersist();
        }
    }

    private static List<String> filesReadInSeveralSplits(List<Row> stats) {
        Map<String, java.util.Set<Long>> splits = new HashMap<>();
        for (Row row : stats) {
            splits.computeIfAbsent(row.getString(0), f -> new java.util.HashSet<>()).add(row.getLong(1));
        }
        return splits.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
    }

    private List<Input> pendingInputs(LakeFiles lake, List<TrustedResult.Skipped> skipped) {
        List<String> names = new ArrayList<>();
        java.util.Set<String> controlled = rawFilesWithControl(lake, skipped);
        if (!forcedFiles.isEmpty()) {
            names.addAll(forcedFiles);
        } else {
            List<String> processed = new ArrayList<>(lake.listFileNames(Ledger.prefix(subject)));
            if (retryRefused) {
                processed.removeIf(entry -> Ledger.REFUSED.equals(readJson(lake.read(Ledger.prefix(subject) + entry),
                        lake.uri(Ledger.prefix(subject) + entry)).path("state").asText()));
            }
            controlled.stream().filter(file -> !processed.contains(file + ".json")).forEach(names::add);
        }
        List<Input> inputs = new ArrayList<>();
        for (String file : names) {
            SourceFileName name = SourceFileName.parse(file).filter(n -> n.subject() == subject).orElseThrow(
                    () -> new IllegalArgumentException("'" + file + "' is not a " + subject.id() + " raw file name"));
            String controlKey = LakeLayout.rawControlKey(name);
            if (!lake.exists(controlKey)) {
                throw new IllegalStateException(name + " has no control file at " + lake.uri(controlKey)
                        + ": load it into raw first");
            }
            JsonNode control = readJson(lake.read(controlKey), lake.uri(controlKey));
            inputs.add(new Input(name, LakeLayout.rawDataKey(name), controlKey, control.path("records").asLong(-1),
                    control.path("sizeBytes").asLong(-1), control.path("sha256").asText(),
                    control.path("formatVersion").asInt(1), control.path("multiLineRecords").asLong(0) == 0));
        }
        inputs.sort((a, b) -> a.name().compareTo(b.name()));
        return inputs;
    }

    /**
     * The raw data files that have a control file. Anything else under {@code controle/} and {@code dados/} (a
     * stray file, a console's folder marker, a data file whose control file is missing) is skipped and reported.
     */
    private java.util.Set<String> rawFilesWithControl(LakeFiles lake, List<TrustedResult.Skipped> skipped) {
        String controlPrefix = LakeLayout.rawControlPrefix(subject);
        String dataPrefix = LakeLayout.rawDataPrefix(subject);
        java.util.Set<String> controlled = new java.util.TreeSet<>();
        for (String control : lake.listFileNames(controlPrefix)) {
            Optional<SourceFileName> name = control.endsWith(".ctl")
                    ? SourceFileName.parse(control.substring(0, control.length() - 4) + ".csv")
                    .filter(n -> n.subject() == subject) : Optional.empty();
            if (name.isPresent()) {
                controlled.add(name.get().fileName());
            } else {
                skipped.add(new TrustedResult.Skipped(controlPrefix + control, "not a control file: expected "
                        + subject.id() + "_<YYYYMMDD>_<YYYYMMDDhhmmss>.ctl"));
            }
        }
        for (String folder : lake.listDirectoryNames(controlPrefix)) {
            skipped.add(new TrustedResult.Skipped(controlPrefix + folder + "/", "a folder: control files are directly"
                    + " under " + controlPrefix));
        }
        for (String data : lake.listFileNames(dataPrefix)) {
            boolean named = SourceFileName.parse(data).filter(n -> n.subject() == subject).isPresent();
            if (!named) {
                skipped.add(new TrustedResult.Skipped(dataPrefix + data, "not a raw file name: expected "
                        + subject.id() + "_<YYYYMMDD>_<YYYYMMDDhhmmss>.csv"));
            } else if (!controlled.contains(data)) {
                skipped.add(new TrustedResult.Skipped(dataPrefix + data, "it has no control file (a load that did"
                        + " not finish?): run the ingestion flow again to load it whole"));
            }
        }
        for (String folder : lake.listDirectoryNames(dataPrefix)) {
            skipped.add(new TrustedResult.Skipped(dataPrefix + folder + "/", "a folder: raw files are directly under "
                    + dataPrefix));
        }
        skipped.forEach(s -> System.out.printf("%s: %s is skipped: %s%n", table(), s.key(), s.reason()));
        return controlled;
    }

    /** Why the file is refused as a whole before it is read, or empty when it may be read. */
    private Optional<String> verify(LakeFiles lake, Input input) {
        String file = input.name().fileName();
        if (!lake.exists(input.dataKey())) {
            return Optional.of("it has a control file but no data at " + lake.uri(input.dataKey()));
        }
        long size = lake.size(input.dataKey());
        long expectedSize = input.sizeBytes();
        if (size != expectedSize) {
            return Optional.of(String.format("it does not match its control file: %,d bytes in raw, %,d in %s", size,
                    expectedSize, input.controlKey()));
        }
        if (size == 0) {
            return Optional.of("it is empty (0 bytes): there is no header");
        }
        if (verifySha256) {
            String sha = lake.sha256(input.dataKey());
            String expected = input.sha256();
            if (!sha.equals(expected)) {
                return Optional.of(String.format("it does not match its control file: SHA-256 %s in raw, %s in %s",
                        sha, expected, input.controlKey()));
            }
        }
        String header = lake.firstRecord(input.dataKey());
        try {
            RecordParser.forHeader(subject, header);
        } catch (RecordParser.BadHeaderException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    private Dataset<Row> parse(LakeFiles lake, List<Input> inputs) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Map<String, String> rawHeaders = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        for (Input input : inputs) {
            rawHeaders.put(input.name().fileName(), lake.firstRecord(input.dataKey()));
            sizes.put(input.name().fileName(), lake.size(input.dataKey()));
        }
        Broadcast<Map<String, String>> broadcastHeaders = jsc.broadcast(rawHeaders);
        Broadcast<Map<String, Long>> broadcastSizes = jsc.broadcast(sizes);
        String paths = String.join(",", inputs.stream().map(i -> lake.uri(i.dataKey())).toList());
        Configuration conf = new Configuration(jsc.hadoopConfiguration());
        conf.set(CsvRecordInputFormat.WHOLE_FILES, String.join(",", inputs.stream().filter(i -> !i.splittable())
                .map(i -> i.name().fileName()).toList()));
        conf.setInt(CsvRecordInputFormat.MAX_RECORD_BYTES, maxRecordBytes);
        @SuppressWarnings("unchecked")
        JavaNewHadoopRDD<LongWritable, CsvRecords.Record> records =
                (JavaNewHadoopRDD<LongWritable, CsvRecords.Record>) jsc.newAPIHadoopFile(paths,
                        CsvRecordInputFormat.class, LongWritable.class, CsvRecords.Record.class, conf);
        Subject s = subject;
        DateRange range = dates;
        int bound = maxRecordBytes;
        JavaRDD<Row> rows = records.mapPartitionsWithInputSplit((split, iterator) ->
                parsePartition(s, range, bound, (FileSplit) split, iterator, broadcastHeaders.value(),
                        broadcastSizes.value()),
                false);
        return spark.createDataFrame(rows, parsedSchema(subject));
    }

    /**
     * DUPLICATE_IN_FILE across the input splits of large files (each split already flagged its own repeats): a key
     * of a valid row seen at an earlier offset of the same file. Keys that occur twice are few, so only they are
     * aggregated (with their first offset) and broadcast: the rows themselves are never shuffled.
     */
    private Dataset<Row> markDuplicatesAcrossSplits(Dataset<Row> parsed, List<String> files) {
        List<Column> groupBy = new ArrayList<>();
        groupBy.add(col("source_file"));
        keyColumns().forEach(k -> groupBy.add(col(k)));
        Dataset<Row> repeated = parsed.filter(col("reason").isNull().and(col("source_file").isin(files.toArray())))
                .groupBy(groupBy.toArray(Column[]::new))
                .agg(org.apache.spark.sql.functions.count(lit(1)).as("occurrences"),
                        org.apache.spark.sql.functions.min("line_offset").as("first_offset"))
                .filter(col("occurrences").gt(1))
                .drop("occurrences");
        List<String> joinColumns = new ArrayList<>();
        joinColumns.add("source_file");
        joinColumns.addAll(keyColumns());
        Column duplicate = col("reason").isNull().and(col("first_offset").isNotNull())
                .and(col("line_offset").notEqual(col("first_offset")));
        return parsed.join(broadcast(repeated), scala.jdk.javaapi.CollectionConverters.asScala(joinColumns).toSeq(),
                        "left")
                .withColumn("reason_detail", when(duplicate,
                        lit("business key already appeared earlier in the file")).otherwise(col("reason_detail")))
                .withColumn("reason", when(duplicate, lit(RejectReason.DUPLICATE_IN_FILE.name()))
                        .otherwise(col("reason")))
                .drop("first_offset");
    }

    /**
     * Runs on executors: one input split of one raw file, line by line. Flags keys repeated within the split
     * (the whole file, unless it is large), and keeps the raw line only where it may be needed: rejected rows, and
     * every row of a file read in several splits (whose duplicates are only known later).
     */
    private static Iterator<Row> parsePartition(Subject subject, DateRange dates, int maxRecordBytes,
                                                FileSplit split,
                                                Iterator<Tuple2<LongWritable, CsvRecords.Record>> records,
                                                Map<String, String> headers, Map<String, Long> sizes) {
        String file = split.getPath().getName();
        RecordParser parser = RecordParser.forHeader(subject, headers.get(file)).withDates(dates);
        long splitStart = split.getStart();
        boolean wholeFile = splitStart == 0 && split.getLength() >= sizes.get(file);
        int typedColumns = typedSchema(subject).size();
        int dateColumn = subject == Subject.FATURAS ? 2 : 3;
        int[] amountColumns = subject == Subject.FATURAS ? new int[] {4, 5} : new int[] {4};
        int keyColumns = subject == Subject.FATURAS ? 2 : 3;
        java.util.Set<BusinessKey> seen = new java.util.HashSet<>();
        return new Iterator<>() {
            private long line; // physical lines before this record in the split
            private Row next = advance();

            private Row advance() {
                while (records.hasNext()) {
                    CsvRecords.Record record = records.next()._2();
                    long offset = record.offset();
                    if (offset == 0) {
                        continue; // the header
                    }
                    Object[] row = new Object[RAW_COLUMNS + typedColumns];
                    row[0] = file;
                    row[1] = splitStart;
                    row[2] = line;
                    row[3] = 1 + record.lineBreaks();
                    row[4] = offset;
                    line += 1 + record.lineBreaks();
                    if (record.blank()) {
                        row[7] = BLANK_LINE; // counted as a line (for the line numbers after it), nothing else
                        return RowFactory.create(row);
                    }
                    String text = record.text();
                    try {
                        if (record.tooLong()) {
                            throw new Rejected(RejectReason.LINE_TOO_LONG, String.format("the record is %,d bytes,"
                                    + " above the limit of %,d (trusted.maxRecordBytes); its first %,d bytes are"
                                    + " kept", record.length(), maxRecordBytes, record.keptLength()));
                        }
                        Object[] values = parser.parse(text);
                        BusinessKey key = new BusinessKey((Long) values[0], (Long) values[1],
                                keyColumns == 3 ? (Long) values[2] : 0L);
                        if (!seen.add(key)) {
                            throw new Rejected(RejectReason.DUPLICATE_IN_FILE,
                                    "business key already appeared earlier in the file");
                        }
                        LocalDate date = (LocalDate) values[dateColumn];
                        row[9] = Integer.toString(date.getYear() * 100 + date.getMonthValue());
                        for (int amount : amountColumns) {
                            values[amount] = Decimal.apply((Long) values[amount], 14, 2);
                        }
                        System.arraycopy(values, 0, row, RAW_COLUMNS, values.length);
                        if (!wholeFile) {
                            row[5] = text;
                            row[6] = record.bytes();
                        }
                    } catch (Rejected e) {
                        row[5] = text;
                        row[6] = record.bytes();
                        row[7] = e.reason().name();
                        row[8] = e.getMessage();
                    }
                    return RowFactory.create(row);
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                Row current = next;
                next = advance();
                return current;
            }
        };
    }

    /** A business key within one file: (id_cliente, id_fatura) or (id_cliente, id_fatura, id_pagamento). */
    private record BusinessKey(long first, long second, long third) {
    }

    /** One aggregation for every count the run needs: rows per file, input split, reason and ref. */
    private List<Row> stats(Dataset<Row> classified) {
        return classified.groupBy(col("source_file"), col("split_start"), col("reason"), col("ref"))
                .agg(org.apache.spark.sql.functions.count(lit(1)), org.apache.spark.sql.functions.sum("lines"))
                .collectAsList();
    }

    /**
     * The reports of the files that may be published; a file whose count disagrees with its control file, or with
     * more rejects than the limit, goes to {@code refused} instead.
     */
    private List<TrustedResult.FileReport> reports(List<Row> stats, List<Input> inputs,
                                                   Map<String, TrustedResult.Refused> refused) {
        Map<String, Map<String, Long>> byReason = new HashMap<>();
        Map<String, Map<String, Long>> perRef = new HashMap<>();
        Map<String, Long> read = new HashMap<>();
        Map<String, Long> blank = new HashMap<>();
        for (Row row : stats) {
            String file = row.getString(0);
            long count = row.getLong(4);
            if (BLANK_LINE.equals(row.getString(2))) {
                blank.merge(file, count, Long::sum);
                continue;
            }
            read.merge(file, count, Long::sum);
            if (!row.isNullAt(2)) {
                byReason.computeIfAbsent(file, f -> new TreeMap<>()).merge(row.getString(2), count, Long::sum);
            } else {
                perRef.computeIfAbsent(file, f -> new TreeMap<>()).merge(row.getString(3), count, Long::sum);
            }
        }
        List<TrustedResult.FileReport> reports = new ArrayList<>();
        for (Input input : inputs) {
            String file = input.name().fileName();
            long rowsRead = read.getOrDefault(file, 0L);
            long counted = rowsRead + (input.recordsCountBlankLines() ? blank.getOrDefault(file, 0L) : 0);
            Map<String, Long> rejected = byReason.getOrDefault(file, Map.of());
            long rejectedRows = rejected.values().stream().mapToLong(Long::longValue).sum();
            if (counted != input.records()) {
                String hint = input.formatVersion() < ControlFile.FORMAT_VERSION ? String.format(" (a control file of"
                        + " format %d, which counted LF line breaks only: load the file again to count its records"
                        + " as CSV records)", input.formatVersion()) : "";
                refused.put(file, new TrustedResult.Refused(file, String.format("it does not match its control file:"
                        + " %,d records read, %,d in %s%s", counted, input.records(), input.controlKey(), hint),
                        rowsRead, rejectedRows));
                continue;
            }
            if (rowsRead > 0 && (double) rejectedRows / rowsRead > maxRejectRate) {
                refused.put(file, new TrustedResult.Refused(file, String.format("%,d of %,d rows rejected (%.2f %%),"
                        + " above the limit of %.2f %%. Rejects by reason: %s", rejectedRows, rowsRead,
                        100.0 * rejectedRows / rowsRead, 100 * maxRejectRate, rejected), rowsRead, rejectedRows));
                continue;
            }
            reports.add(new TrustedResult.FileReport(file, rowsRead, rowsRead - rejectedRows, rejected,
                    perRef.getOrDefault(file, Map.of())));
        }
        return reports;
    }

    private Dataset<Row> valid(Dataset<Row> classified) {
        List<Column> columns = new ArrayList<>();
        for (StructField field : tableSchema(subject).fields()) {
            columns.add(field.name().equals("dt_proc") ? lit(dtProc).as("dt_proc") : col(field.name()));
        }
        return classified.filter(col("reason").isNull()).select(columns.toArray(Column[]::new));
    }

    private void writeTrusted(Dataset<Row> classified, String stagingUri) {
        // Input splits map to raw files, so each task writes one file per ref of its raw file: no shuffle needed.
        valid(classified).write().partitionBy("ref", "source_file").parquet(stagingUri);
    }

    private void writeRejects(Dataset<Row> classified, List<Row> stats, String stagingUri) {
        if (stats.stream().allMatch(row -> row.isNullAt(2) || BLANK_LINE.equals(row.getString(2)))) {
            return; // a clean batch: no pass over the data for rejects
        }
        // Line numbers: physical lines per input split (a record with quoted line breaks spans several), summed in
        // file order, number the rejects within their file.
        Map<String, TreeMap<Long, Long>> linesPerSplit = new HashMap<>();
        for (Row row : stats) {
            linesPerSplit.computeIfAbsent(row.getString(0), f -> new TreeMap<>()).merge(row.getLong(1),
                    row.getLong(5), Long::sum);
        }
        List<Row> before = new ArrayList<>();
        linesPerSplit.forEach((file, splits) -> {
            long lines = 0;
            for (Map.Entry<Long, Long> split : splits.entrySet()) {
                before.add(RowFactory.create(file, split.getKey(), lines));
                lines += split.getValue();
            }
        });
        Dataset<Row> offsets = spark.createDataFrame(before, DataTypes.createStructType(List.of(
                DataTypes.createStructField("source_file", DataTypes.StringType, false),
                DataTypes.createStructField("split_start", DataTypes.LongType, false),
                DataTypes.createStructField("lines_before", DataTypes.LongType, false))));
        classified.filter(col("reason").isNotNull().and(col("reason").notEqual(lit(BLANK_LINE))))
                .join(broadcast(offsets), new String[] {"source_file", "split_start"})
                .select(col("source_file"),
                        col("lines_before").plus(col("split_line")).plus(2).as("line_number"),
                        col("raw_line"), col("raw_bytes"), col("reason"), col("reason_detail"),
                        lit(dtProc).as("dt_proc"), lit(runId).as("run_id"))
                .coalesce(1)
                .write().partitionBy("source_file").parquet(stagingUri);
    }

    /** The ledger entry of each refused file: REFUSED, why, and what was counted; later runs leave it alone. */
    private void quarantine(LakeFiles lake, List<Input> inputs, Map<String, TrustedResult.Refused> refused) {
        for (Input input : inputs) {
            TrustedResult.Refused why = refused.get(input.name().fileName());
            if (why == null) {
                continue;
            }
            Map<String, Object> entry = ledgerEntry(input, Ledger.REFUSED);
            entry.put("reason", why.reason());
            entry.put("rowsRead", why.rowsRead());
            entry.put("rowsRejected", why.rowsRejected());
            lake.write(Ledger.key(subject, why.file()), toJson(entry));
            System.out.printf("%s: %s is refused: %s%n", table(), why.file(), why.reason());
        }
    }

    /** What every ledger entry says: which file, its state, where it is, which run processed it and when. */
    private Map<String, Object> ledgerEntry(Input input, String state) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file", input.name().fileName());
        entry.put("state", state);
        entry.put("rawKey", input.dataKey());
        entry.put("controlFile", input.controlKey());
        entry.put("table", table());
        entry.put("dtProc", dtProc);
        entry.put("runId", runId);
        entry.put("processedAt", Instant.now().toString());
        return entry;
    }

    private void writeLedger(LakeFiles lake, Input input, TrustedResult.FileReport report) {
        Map<String, Object> entry = ledgerEntry(input, Ledger.PROCESSED);
        entry.put("rowsRead", report.rowsRead());
        entry.put("rowsWritten", report.rowsWritten());
        entry.put("rowsRejected", report.rowsRejected());
        entry.put("rejectedByReason", report.rejectedByReason());
        entry.put("rowsPerRef", report.rowsPerRef());
        lake.write(Ledger.key(subject, input.name().fileName()), toJson(entry));
    }

    private void writeMetrics(LakeFiles lake, TrustedResult result, Dataset<Row> classified, List<Input> inputs,
                              PhaseTimings timings, Map<String, Long> snapshots) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("job", "trusted");
        metrics.put("subject", subject.id());
        metrics.put("table", table());
        metrics.put("runId", runId);
        metrics.put("dtProc", dtProc);
        metrics.put("durationMillis", result.durationMillis());
        metrics.put("files", result.files());
        metrics.put("rowsRead", result.rowsRead());
        metrics.put("rowsWritten", result.rowsWritten());
        metrics.put("rowsRejected", result.rowsRejected());
        metrics.put("refused", result.refused());
        metrics.put("skipped", result.skipped());
        metrics.put("schema", tableSchema(subject).simpleString());
        metrics.put("phaseMillis", timings == null ? Map.of() : timings.millis());
        metrics.put("snapshots", snapshots); // the Iceberg snapshot each table got from this run

        if (classified != null) {
            List<String> sample = valid(classified).limit(5).toJSON().collectAsList();
            metrics.put("sample", sample);
            System.out.printf("%s: %d files, %,d rows read, %,d written, %,d rejected in %.1f s%n", table(),
                    inputs.size(), result.rowsRead(), result.rowsWritten(), result.rowsRejected(),
                    result.durationMillis() / 1000.0);
            for (TrustedResult.FileReport file : result.files()) {
                System.out.printf("  %s: %,d read, %,d written, rejected %s, per ref %s%n", file.file(),
                        file.rowsRead(), file.rowsWritten(), file.rejectedByReason(), file.rowsPerRef());
            }
            System.out.println("phases (ms): " + timings.millis());
            System.out.println("schema: " + tableSchema(subject).simpleString());
            sample.forEach(row -> System.out.println("sample: " + row));
        }
        lake.write(LakeLayout.trustedMetricsKey(subject, runId), toJson(metrics));
    }

    private static JsonNode readJson(byte[] json, String where) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + where, e);
        }
    }

    private static byte[] toJson(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
