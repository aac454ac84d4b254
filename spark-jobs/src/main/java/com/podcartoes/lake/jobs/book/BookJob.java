package com.podcartoes.lake.jobs.book;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.podcartoes.lake.book.BookCalculator;
import com.podcartoes.lake.book.BookCalculator.BookRow;
import com.podcartoes.lake.book.BookCalculator.Invoice;
import com.podcartoes.lake.book.BookCalculator.Payment;
import com.podcartoes.lake.book.BookCalculator.StageRow;
import com.podcartoes.lake.book.BookClass;
import com.podcartoes.lake.book.BookVariables;
import com.podcartoes.lake.book.Variable;
import com.podcartoes.lake.jobs.common.LakeFiles;
import com.podcartoes.lake.jobs.trusted.TrustedJob;
import com.podcartoes.lake.layout.LakeLayout;
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
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.LongAccumulator;

/**
 * Builds the Refined layer (data contract, section 4) for one reference month or a range of them, as an action
 * object: options, then {@link #execute()}.
 *
 * <p>Designed for speed: the trusted rows of each client are brought together by one shuffle of narrow rows
 * (amounts in cents), and {@link BookCalculator} deduplicates, classifies and aggregates each client in plain Java
 * with exact integer arithmetic, for every month of a backfill at once. No 462-column SQL aggregate, no decimal
 * arithmetic in Spark. Stage and book are written per month into a hidden staging directory and swapped into place,
 * so re-running a month replaces that month only.
 */
public final class BookJob {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int INVOICE = 0;
    private static final int PAYMENT = 1;

    private final SparkSession spark;
    private String lakeUri;
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
        if (lakeUri == null) {
            throw new IllegalStateException("no lake URI: call lake(...)");
        }
        long started = System.currentTimeMillis();
        // The stage's month partitions get a file open each instead of a sort of every stage row by month.
        spark.conf().set("spark.sql.maxConcurrentOutputFileWriters", "16");
        LakeFiles lake = new LakeFiles(lakeUri, spark.sparkContext().hadoopConfiguration());
        if (from == null) {
            YearMonth next = latestEmissionMonth(lake).plusMonths(1);
            from = next;
            to = next;
        }
        List<YearMonth> refs = new ArrayList<>();
        for (YearMonth r = from; !r.isAfter(to); r = r.plusMonths(1)) {
            refs.add(r);
        }
        LocalDate lastD = BookCalculator.referenceDate(to);

        // "Newest raw file wins": the extraction time is the 14 digits before .csv in the file name.
        String extracted = "_(\\d{14})\\.csv$";
        // Every invoice (so that a payment of an old invoice is not taken for an orphan); the calculator keeps
        // only the in-scope ones. Payments after the last D cannot matter.
        Dataset<Row> invoices = TrustedJob.read(spark, lakeUri, Subject.FATURAS)
                .select(col("id_cliente"), lit(INVOICE).as("kind"), col("id_fatura"),
                        lit(null).cast(DataTypes.LongType).as("id_pagamento"), col("dt_emissao").as("date1"),
                        col("dt_vencimento").as("date2"), col("vlr_fatura").cast(money()).as("amount"),
                        regexp_extract(col("source_file"), extracted, 1).cast(DataTypes.LongType).as("extracted"),
                        col("dt_proc").cast(DataTypes.LongType).as("proc"));
        Dataset<Row> payments = TrustedJob.read(spark, lakeUri, Subject.PAGAMENTOS)
                .filter(col("dt_pagamento").leq(lit(lastD)))
                .select(col("id_cliente"), lit(PAYMENT).as("kind"), col("id_fatura"), col("id_pagamento"),
                        col("dt_pagamento").as("date1"), lit(null).cast(DataTypes.DateType).as("date2"),
                        col("vlr_pagamento").cast(money()).as("amount"),
                        regexp_extract(col("source_file"), extracted, 1).cast(DataTypes.LongType).as("extracted"),
                        col("dt_proc").cast(DataTypes.LongType).as("proc"));

        LongAccumulator duplicateInvoices = spark.sparkContext().longAccumulator("duplicate invoices");
        LongAccumulator duplicatePayments = spark.sparkContext().longAccumulator("duplicate payments");
        LongAccumulator orphanPayments = spark.sparkContext().longAccumulator("payments without invoice");
        List<String> refTexts = refs.stream().map(MONTH::format).toList();
        String proc = dtProc;
        // Internal rows in and out: no conversion to and from external Rows (the book is 465 columns wide).
        org.apache.spark.rdd.RDD<InternalRow> grouped = invoices.unionByName(payments)
                .repartition(col("id_cliente"))
                .queryExecution().toRdd();
        JavaRDD<InternalRow> stageRows = grouped.toJavaRDD().mapPartitions(rows -> new ClientStages(rows, refTexts,
                proc, duplicateInvoices, duplicatePayments, orphanPayments), true);
        Dataset<Row> stage = internalDataFrame(stageRows, stageSchema()).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // Materialize the stage once, so the counters are read from exactly one computation of each client.
            long t0 = System.currentTimeMillis();
            stage.count();
            System.out.printf("book phase: stage computed in %.1f s%n", (System.currentTimeMillis() - t0) / 1000.0);
            long duplicateInvoiceCount = duplicateInvoices.value();
            long duplicatePaymentCount = duplicatePayments.value();
            long orphanPaymentCount = orphanPayments.value();
            String stagePrefix = LakeLayout.STAGE;
            String bookPrefix = LakeLayout.BOOK;
            String stageStaging = stagePrefix + "_staging_" + runId + "/";
            String bookStaging = bookPrefix + "_staging_" + runId + "/";
            Map<String, Long> stageCounts = new TreeMap<>();
            Map<String, Long> clients = new TreeMap<>();
            try {
                long t1 = System.currentTimeMillis();
                stage.write().partitionBy("ref").parquet(lake.uri(stageStaging));
                System.out.printf("book phase: stage written in %.1f s%n", (System.currentTimeMillis() - t1) / 1000.0);
                t1 = System.currentTimeMillis();
                // One month at a time: the book is 465 columns wide, too wide to sort by month or to keep a file
                // open per month in every task. Each month reads its slice of the cached (narrow) stage.
                for (String ref : refTexts) {
                    JavaRDD<InternalRow> monthStage = stage.filter(col("ref").equalTo(ref))
                            .queryExecution().toRdd().toJavaRDD();
                    internalDataFrame(monthStage.mapPartitions(rows -> new ClientBooks(rows, proc), true),
                            bookSchema()).drop("ref").write().parquet(lake.uri(bookStaging + "ref=" + ref));
                }
                for (Row row : stage.groupBy("ref").count().collectAsList()) {
                    stageCounts.put(row.getString(0), row.getLong(1));
                }
                System.out.printf("book phase: book computed and written in %.1f s%n", (System.currentTimeMillis() - t1) / 1000.0);
                for (Row row : spark.read().parquet(lake.uri(bookStaging)).groupBy("ref").count().collectAsList()) {
                    clients.put(String.valueOf(row.get(0)), row.getLong(1));
                }
                lake.removeChecksumFiles(stageStaging);
                lake.removeChecksumFiles(bookStaging);
                List<String> dirs = refTexts.stream().map(r -> "ref=" + r).toList();
                lake.replaceDirectories(stagePrefix, stageStaging, stagePrefix + "_trash_" + runId + "/", dirs);
                lake.replaceDirectories(bookPrefix, bookStaging, bookPrefix + "_trash_" + runId + "/", dirs);
            } finally {
                lake.delete(stageStaging);
                lake.delete(bookStaging);
                lake.delete(stagePrefix + "_trash_" + runId + "/");
                lake.delete(bookPrefix + "_trash_" + runId + "/");
            }
            lake.write(bookPrefix + "_dictionary.csv", BookVariables.dictionaryCsv().getBytes(StandardCharsets.UTF_8));
            lake.write(bookPrefix + "_dictionary.md",
                    BookVariables.dictionaryMarkdown().getBytes(StandardCharsets.UTF_8));
            BookResult result = new BookResult(runId, dtProc, clients, stageCounts, duplicateInvoiceCount,
                    duplicatePaymentCount, orphanPaymentCount, System.currentTimeMillis() - started);
            writeMetrics(lake, result);
            return result;
        } finally {
            stage.unpersist();
        }
    }

    /** A DataFrame over rows already in Spark's internal form (Spark's own, public in the bytecode). */
    private Dataset<Row> internalDataFrame(JavaRDD<InternalRow> rows, StructType schema) {
        return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.rdd(), schema, false);
    }

    private YearMonth latestEmissionMonth(LakeFiles lake) {
        return lake.listDirectoryNames(LakeLayout.trustedPrefix(Subject.FATURAS)).stream()
                .filter(d -> d.startsWith("ref="))
                .map(d -> YearMonth.parse(d.substring(4), MONTH))
                .max(YearMonth::compareTo)
                .orElseThrow(() -> new IllegalStateException("no invoices in "
                        + lake.uri(LakeLayout.trustedPrefix(Subject.FATURAS)) + ": run the trusted job first"));
    }

    private void writeMetrics(LakeFiles lake, BookResult result) {
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
        try {
            lake.write(LakeLayout.CONTROL + "metrics/book/" + result.runId() + ".json", JSON.writeValueAsBytes(metrics));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf("book: refs %s, clients %s, stage rows %s; removed %,d duplicate invoices and %,d duplicate"
                        + " payments; %,d payments without invoice; %.1f s%n", result.clientsPerRef().keySet(),
                result.clientsPerRef().values(), result.stageRowsPerRef().values(), result.duplicateInvoices(),
                result.duplicatePayments(), result.orphanPayments(), result.durationMillis() / 1000.0);
    }

    /** Reads the book of one month in the contract's column order (id_cliente, ref, dt_proc, VAR_1..). */
    public static Dataset<Row> readBook(SparkSession spark, String lakeUri, String ref) {
        LakeFiles lake = new LakeFiles(lakeUri, spark.sparkContext().hadoopConfiguration());
        List<String> ordered = new ArrayList<>(List.of("id_cliente", "ref", "dt_proc"));
        BookVariables.ALL.forEach(v -> ordered.add(v.name()));
        return spark.read().schema(bookSchema()).parquet(lake.uri(LakeLayout.BOOK))
                .filter(col("ref").equalTo(ref))
                .select(ordered.stream().map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new));
    }

    /** Reads the stage of one month. */
    public static Dataset<Row> readStage(SparkSession spark, String lakeUri, String ref) {
        LakeFiles lake = new LakeFiles(lakeUri, spark.sparkContext().hadoopConfiguration());
        return spark.read().schema(stageSchema()).parquet(lake.uri(LakeLayout.STAGE)).filter(col("ref").equalTo(ref));
    }

    // ---- per partition: rows sorted by client ---------------------------------------------------------------------

    /** A trusted row as the deduplication needs it: the values, and which raw file it came from. */
    private record Candidate(boolean invoice, long idFatura, long idPagamento, int date1, int date2, long cents,
                             long extracted, long dtProc) {
        Candidate newer(Candidate other) {
            if (extracted != other.extracted) {
                return extracted > other.extracted ? this : other;
            }
            return dtProc >= other.dtProc ? this : other;
        }
    }

    /**
     * Groups a partition's rows by client in memory (a hash map instead of sorting the partition) and yields each
     * client's stage rows, month after month.
     */
    private static final class ClientStages implements Iterator<InternalRow> {
        private final Iterator<Map.Entry<Long, List<Candidate>>> clients;
        private final List<YearMonth> refs;
        private final UTF8String dtProc;
        private final LongAccumulator duplicateInvoices;
        private final LongAccumulator duplicatePayments;
        private final LongAccumulator orphanPayments;
        private Iterator<InternalRow> current = java.util.Collections.emptyIterator();

        ClientStages(Iterator<InternalRow> rows, List<String> refs, String dtProc, LongAccumulator duplicateInvoices,
                     LongAccumulator duplicatePayments, LongAccumulator orphanPayments) {
            Map<Long, List<Candidate>> byClient = new HashMap<>();
            while (rows.hasNext()) {
                InternalRow row = rows.next(); // read at once: the iterator reuses the row object
                byClient.computeIfAbsent(row.getLong(0), c -> new ArrayList<>()).add(new Candidate(
                        row.getInt(1) == INVOICE, row.getLong(2), row.isNullAt(3) ? 0 : row.getLong(3),
                        row.getInt(4), row.isNullAt(5) ? 0 : row.getInt(5), row.getDecimal(6, 18, 2).toUnscaledLong(),
                        row.getLong(7), row.getLong(8)));
            }
            this.clients = byClient.entrySet().iterator();
            this.refs = refs.stream().map(r -> YearMonth.parse(r, MONTH)).toList();
            this.dtProc = UTF8String.fromString(dtProc);
            this.duplicateInvoices = duplicateInvoices;
            this.duplicatePayments = duplicatePayments;
            this.orphanPayments = orphanPayments;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && clients.hasNext()) {
                Map.Entry<Long, List<Candidate>> client = clients.next();
                current = stagesOf(client.getKey(), client.getValue());
            }
            return current.hasNext();
        }

        @Override
        public InternalRow next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return current.next();
        }

        private Iterator<InternalRow> stagesOf(long client, List<Candidate> rows) {
            // Keep, per key, the row of the newest raw file (then the latest dt_proc).
            Map<Long, Candidate> invoices = new HashMap<>();
            Map<Long, Map<Long, Candidate>> payments = new HashMap<>();
            int invoiceRows = 0;
            int paymentRows = 0;
            for (Candidate candidate : rows) {
                if (candidate.invoice()) {
                    invoiceRows++;
                    invoices.merge(candidate.idFatura(), candidate, Candidate::newer);
                } else {
                    paymentRows++;
                    payments.computeIfAbsent(candidate.idFatura(), k -> new HashMap<>())
                            .merge(candidate.idPagamento(), candidate, Candidate::newer);
                }
            }
            int distinctPayments = 0;
            List<Invoice> invoiceList = new ArrayList<>(invoices.size());
            for (Candidate c : invoices.values()) {
                invoiceList.add(new Invoice(c.idFatura(), LocalDate.ofEpochDay(c.date1()),
                        LocalDate.ofEpochDay(c.date2()), c.cents()));
            }
            List<Payment> paymentList = new ArrayList<>();
            for (Map<Long, Candidate> ofInvoice : payments.values()) {
                for (Candidate c : ofInvoice.values()) {
                    distinctPayments++;
                    if (!invoices.containsKey(c.idFatura())) {
                        orphanPayments.add(1);
                    }
                    paymentList.add(new Payment(c.idFatura(), c.idPagamento(), LocalDate.ofEpochDay(c.date1()),
                            c.cents()));
                }
            }
            duplicateInvoices.add(invoiceRows - invoices.size());
            duplicatePayments.add(paymentRows - distinctPayments);
            List<InternalRow> out = new ArrayList<>();
            for (YearMonth ref : refs) {
                UTF8String refText = UTF8String.fromString(MONTH.format(ref));
                for (StageRow stage : BookCalculator.stage(client, invoiceList, paymentList, ref)) {
                    out.add(toRow(stage, dtProc, refText));
                }
            }
            return out.iterator();
        }
    }

    private static final UTF8String[] CLASS_NAMES = java.util.Arrays.stream(BookClass.values())
            .map(c -> UTF8String.fromString(c.name())).toArray(UTF8String[]::new);

    private static InternalRow toRow(StageRow s, UTF8String dtProc, UTF8String ref) {
        return new GenericInternalRow(new Object[] {s.idCliente(), s.idFatura(), dtProc,
                (int) s.emission().toEpochDay(), (int) s.due().toEpochDay(),
                s.paidCents() == null ? null : Decimal.apply(s.paidCents(), 18, 2),
                s.lastPayment() == null ? null : (int) s.lastPayment().toEpochDay(),
                CLASS_NAMES[s.timing().ordinal()], CLASS_NAMES[s.amount().ordinal()],
                Decimal.apply(s.valueCents(), 18, 2), 1, s.daysLate(), s.percentPaid(),
                flag(s, com.podcartoes.lake.book.Window.U1M), flag(s, com.podcartoes.lake.book.Window.U3M),
                flag(s, com.podcartoes.lake.book.Window.U6M), flag(s, com.podcartoes.lake.book.Window.U9M),
                flag(s, com.podcartoes.lake.book.Window.U12M), ref});
    }

    private static int flag(StageRow s, com.podcartoes.lake.book.Window window) {
        return s.inWindow(window) ? 1 : 0;
    }

    /** Turns a partition's stage rows (each client's together, month after month) into book rows. */
    private static final class ClientBooks implements Iterator<InternalRow> {
        private final Iterator<InternalRow> rows;
        private final UTF8String dtProc;
        private InternalRow pending;

        ClientBooks(Iterator<InternalRow> rows, String dtProc) {
            this.rows = rows;
            this.dtProc = UTF8String.fromString(dtProc);
            this.pending = rows.hasNext() ? rows.next() : null;
        }

        @Override
        public boolean hasNext() {
            return pending != null;
        }

        @Override
        public InternalRow next() {
            long client = pending.getLong(0);
            UTF8String ref = pending.getUTF8String(18).clone();
            YearMonth month = YearMonth.parse(ref.toString(), MONTH);
            List<StageRow> group = new ArrayList<>();
            while (pending != null && pending.getLong(0) == client && pending.getUTF8String(18).equals(ref)) {
                group.add(fromRow(pending, month));
                pending = rows.hasNext() ? rows.next() : null;
            }
            BookRow book = BookCalculator.book(client, month, group);
            List<Variable> variables = BookVariables.ALL;
            Object[] values = new Object[variables.size() + 3];
            values[0] = client;
            values[1] = dtProc;
            for (int i = 0; i < variables.size(); i++) {
                if (book.present()[i]) {
                    long v = book.values()[i];
                    values[i + 2] = switch (variables.get(i).type()) {
                        case MONEY -> Decimal.apply(v, 18, 2);
                        case AVERAGE -> Decimal.apply(v, 18, 6);
                        case COUNT -> v;
                        case INTEGER -> (int) v;
                    };
                }
            }
            values[values.length - 1] = ref;
            return new GenericInternalRow(values);
        }

        private static StageRow fromRow(InternalRow r, YearMonth month) {
            return new StageRow(r.getLong(0), r.getLong(1), month, LocalDate.ofEpochDay(r.getInt(3)),
                    LocalDate.ofEpochDay(r.getInt(4)), r.getDecimal(9, 18, 2).toUnscaledLong(),
                    r.isNullAt(5) ? null : r.getDecimal(5, 18, 2).toUnscaledLong(),
                    r.isNullAt(6) ? null : LocalDate.ofEpochDay(r.getInt(6)),
                    BookClass.valueOf(r.getUTF8String(7).toString()), BookClass.valueOf(r.getUTF8String(8).toString()),
                    r.getInt(11), r.getInt(12), monthsBefore(r));
        }

        /** The smallest window the flags allow; in-scope invoices are at most 12 months back. */
        private static int monthsBefore(InternalRow r) {
            int[] months = {1, 3, 6, 9, 12};
            for (int i = 0; i < months.length; i++) {
                if (r.getInt(13 + i) == 1) {
                    return months[i];
                }
            }
            return 13;
        }
    }
}
