package com.podcartoes.lake.refined;

import com.podcartoes.lake.book.BookVariables;
import com.podcartoes.lake.book.Variable;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.tables.LakeTablesReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads the book (the Iceberg table {@code book_fatura}) without Spark, through Iceberg's Java API: the month is a
 * partition and a client an {@code id_cliente} bound checked against each file's column statistics, so one
 * client's row opens only the files (and row groups) that can hold it. Columns are found by name and typed by the
 * variable definitions, so the reader does not depend on the column order of the files.
 */
public final class BookReader {
    private final LakeTablesReader tables;

    public BookReader(LakeTablesReader tables) {
        this.tables = tables;
    }

    /** The reference months that have a book, oldest first. */
    public List<String> months() {
        return List.copyOf(tables.partitionValues(LakeTable.BOOK, "ref"));
    }

    /**
     * Passes the month's rows to {@code sink}, all clients or only {@code client} (null for all); returns how many.
     *
     * @throws IllegalArgumentException when the month has no book
     */
    public long read(String ref, Long client, Consumer<BookRecord> sink) {
        return read(ref, client, AsOf.CURRENT, sink);
    }

    /** The book's commits, oldest first: what {@link AsOf} can name. */
    public List<Snapshot> snapshots() {
        List<Snapshot> snapshots = new ArrayList<>();
        book().snapshots().forEach(snapshots::add);
        snapshots.sort(java.util.Comparator.comparingLong(Snapshot::timestampMillis));
        return snapshots;
    }

    /** Whether the current stage and book are one run's pair. */
    public StageBookPairing pairing() {
        return StageBookPairing.of(tables);
    }

    private Table book() {
        return tables.table(LakeTable.BOOK).orElseThrow(() -> new IllegalArgumentException(
                "there is no book yet in " + tables.describe() + " (run the book job first)"));
    }

    /** Which version of the book to read: a snapshot id, the latest commit at an instant, or the current one. */
    public record AsOf(Long snapshotId, Instant time) {
        public static final AsOf CURRENT = new AsOf(null, null);

        public AsOf {
            if (snapshotId != null && time != null) {
                throw new IllegalArgumentException("give a snapshot or a time, not both");
            }
        }

        /** The snapshot to read in {@code table}, or null for its current one. */
        Long resolve(Table table) {
            if (snapshotId != null) {
                if (table.snapshot(snapshotId) == null) {
                    throw new IllegalArgumentException("the book has no snapshot " + snapshotId + "; its snapshots: "
                            + snapshotIds(table));
                }
                return snapshotId;
            }
            if (time != null) {
                Snapshot latest = null;
                for (Snapshot snapshot : table.snapshots()) {
                    if (snapshot.timestampMillis() <= time.toEpochMilli()
                            && (latest == null || snapshot.timestampMillis() > latest.timestampMillis())) {
                        latest = snapshot;
                    }
                }
                if (latest == null) {
                    throw new IllegalArgumentException("the book has no snapshot as old as " + time);
                }
                return latest.snapshotId();
            }
            return null;
        }
    }

    /** As {@link #read(String, Long, Consumer)}, as of an earlier version of the book. */
    public long read(String ref, Long client, AsOf asOf, Consumer<BookRecord> sink) {
        if (!ref.matches("\\d{6}")) {
            throw new IllegalArgumentException("the reference month must be yyyyMM, got '" + ref + "'");
        }
        Table table = book();
        Long snapshotId = asOf.resolve(table);
        Expression filter = Expressions.equal("ref", ref);
        if (client != null) {
            filter = Expressions.and(filter, Expressions.equal("id_cliente", client));
        }
        IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(table).where(filter);
        if (snapshotId != null) {
            scan = scan.useSnapshot(snapshotId);
        }
        long rows = 0;
        try (CloseableIterable<Record> records = scan.build()) {
            for (Record record : records) {
                sink.accept(toRecord(record, ref));
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the book of " + ref + ": " + e.getMessage(), e);
        }
        if (rows == 0 && client == null && snapshotId == null) {
            List<String> months = months();
            if (!months.contains(ref)) {
                throw new IllegalArgumentException("there is no book for " + ref + " in " + tables.describe()
                        + "; months with a book: " + (months.isEmpty() ? "none (run the book job first)" : months));
            }
        }
        return rows;
    }

    private static List<Long> snapshotIds(Table table) {
        List<Long> ids = new ArrayList<>();
        table.snapshots().forEach(s -> ids.add(s.snapshotId()));
        return ids;
    }

    private static BookRecord toRecord(Record record, String ref) {
        List<Variable> variables = BookVariables.ALL;
        List<Object> values = new ArrayList<>(variables.size());
        for (Variable variable : variables) {
            Object value = record.getField(variable.name());
            values.add(value == null ? null : switch (variable.type()) {
                case MONEY, AVERAGE -> ((BigDecimal) value).setScale(variable.type().scale());
                case COUNT -> ((Number) value).longValue();
                case INTEGER -> ((Number) value).intValue();
            });
        }
        Object dtProc = record.getField("dt_proc");
        return new BookRecord((Long) record.getField("id_cliente"), ref, dtProc == null ? null : dtProc.toString(),
                values);
    }
}
