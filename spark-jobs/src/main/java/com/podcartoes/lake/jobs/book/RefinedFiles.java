package com.podcartoes.lake.jobs.book;

import static com.podcartoes.lake.jobs.common.ParquetRecords.binaryField;
import static com.podcartoes.lake.jobs.common.ParquetRecords.intField;
import static com.podcartoes.lake.jobs.common.ParquetRecords.longField;

import com.podcartoes.lake.book.BookCalculator.BookRow;
import com.podcartoes.lake.book.BookCalculator.StageRow;
import com.podcartoes.lake.book.BookClass;
import com.podcartoes.lake.book.Window;
import com.podcartoes.lake.jobs.common.ParquetRecords;
import com.podcartoes.lake.jobs.common.ParquetSchemas;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The stage's and the book's Parquet files, written by the job's tasks (see {@link ParquetRecords}). Their layout
 * comes from {@link BookJob#stageSchema()} and {@link BookJob#bookSchema()} (without the partition column
 * {@code ref}) in the layout Spark gives them ({@link ParquetSchemas}), so they are the files Spark would write.
 */
final class RefinedFiles {
    private static final StructType STAGE = withoutRef(BookJob.stageSchema());
    private static final StructType BOOK = withoutRef(BookJob.bookSchema());
    private static final String[] STAGE_NAMES = STAGE.fieldNames();
    private static final String[] BOOK_NAMES = BOOK.fieldNames();
    private static final Binary[] CLASS_NAMES = Arrays.stream(BookClass.values())
            .map(c -> Binary.fromString(c.name())).toArray(Binary[]::new);
    private static final Window[] FLAGS = {Window.U1M, Window.U3M, Window.U6M, Window.U9M, Window.U12M};
    private static final boolean[] BOOK_INT32 = new boolean[BOOK.size()];

    static {
        for (int i = 0; i < BOOK_INT32.length; i++) {
            BOOK_INT32[i] = BOOK.fields()[i].dataType() instanceof org.apache.spark.sql.types.IntegerType;
        }
    }

    /**
     * The book's row groups: 2 MB, about 2,000 clients (written in client order), so that reading one client
     * decodes one small row group per file, not tens of thousands of rows of 464 columns.
     */
    static final long BOOK_ROW_GROUP_BYTES = 2L * 1024 * 1024;

    private RefinedFiles() {
    }

    /** A stage file: one row per classified invoice (the columns of {@link BookJob#stageSchema()} but ref). */
    static ParquetRecords<StageRow> stage(Configuration conf, String file, String dtProc) throws IOException {
        Binary proc = Binary.fromString(dtProc);
        return new ParquetRecords<>(conf, file, parquet(STAGE), STAGE, true, (row, c) -> writeStage(row, proc, c));
    }

    /** A book file: one row per client (the columns of {@link BookJob#bookSchema()} but ref). */
    static ParquetRecords<BookRow> book(Configuration conf, String file, String dtProc) throws IOException {
        Binary proc = Binary.fromString(dtProc);
        return new ParquetRecords<>(conf, file, parquet(BOOK), BOOK, false, BOOK_ROW_GROUP_BYTES,
                (row, c) -> writeBook(row, proc, c));
    }

    private static StructType withoutRef(StructType schema) {
        return new StructType(Arrays.stream(schema.fields()).filter(f -> !f.name().equals("ref"))
                .toArray(StructField[]::new));
    }

    private static MessageType parquet(StructType schema) {
        return ParquetSchemas.of(schema);
    }

    private static void writeStage(StageRow row, Binary dtProc, RecordConsumer c) {
        String[] n = STAGE_NAMES;
        longField(c, n[0], 0, row.idCliente());
        longField(c, n[1], 1, row.idFatura());
        binaryField(c, n[2], 2, dtProc);
        intField(c, n[3], 3, (int) row.emission().toEpochDay());
        intField(c, n[4], 4, (int) row.due().toEpochDay());
        if (row.paidCents() != null) {
            longField(c, n[5], 5, row.paidCents());
        }
        if (row.lastPayment() != null) {
            intField(c, n[6], 6, (int) row.lastPayment().toEpochDay());
        }
        binaryField(c, n[7], 7, CLASS_NAMES[row.timing().ordinal()]);
        binaryField(c, n[8], 8, CLASS_NAMES[row.amount().ordinal()]);
        longField(c, n[9], 9, row.valueCents());
        intField(c, n[10], 10, 1);
        intField(c, n[11], 11, row.daysLate());
        intField(c, n[12], 12, row.percentPaid());
        for (int w = 0; w < FLAGS.length; w++) { // flg_u1m .. flg_u12m
            intField(c, n[13 + w], 13 + w, row.inWindow(FLAGS[w]) ? 1 : 0);
        }
    }

    private static void writeBook(BookRow row, Binary dtProc, RecordConsumer c) {
        String[] n = BOOK_NAMES;
        longField(c, n[0], 0, row.idCliente());
        binaryField(c, n[1], 1, dtProc);
        long[] values = row.values();
        boolean[] present = row.present();
        for (int i = 0; i < values.length; i++) {
            if (!present[i]) {
                continue; // null: no invoice of the class in the window
            }
            if (BOOK_INT32[i + 2]) {
                intField(c, n[i + 2], i + 2, (int) values[i]);
            } else {
                longField(c, n[i + 2], i + 2, values[i]); // BIGINT, or a decimal of precision 18 as unscaled INT64
            }
        }
    }
}
