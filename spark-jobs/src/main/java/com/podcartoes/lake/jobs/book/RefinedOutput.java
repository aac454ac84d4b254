package com.podcartoes.lake.jobs.book;

import com.podcartoes.lake.book.BookCalculator;
import com.podcartoes.lake.book.BookCalculator.BookRow;
import com.podcartoes.lake.book.BookCalculator.StageRow;
import com.podcartoes.lake.jobs.common.ParquetRecords;
import java.io.IOException;
import java.io.Serializable;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.util.LongAccumulator;

/**
 * What the book job's tasks write from their clients' histories: stage rows and book rows, one file per month and
 * task ({@code <dir>/ref=R/part-<partition>.snappy.parquet}). Files are named after the task's partition, so that a
 * retried task overwrites its own files instead of adding duplicates; no file for a month without rows.
 * Serializable: the job ships it to its tasks.
 */
final class RefinedOutput implements Serializable {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    private final List<YearMonth> refs;
    private final String dtProc;
    private final String stageDir;
    private final String bookDir;
    private final Map<String, LongAccumulator> stageRows;
    private final Map<String, LongAccumulator> bookRows;

    RefinedOutput(List<YearMonth> refs, String dtProc, String stageDir, String bookDir,
                  Map<String, LongAccumulator> stageRows, Map<String, LongAccumulator> bookRows) {
        this.refs = List.copyOf(refs);
        this.dtProc = dtProc;
        this.stageDir = stageDir;
        this.bookDir = bookDir;
        this.stageRows = stageRows;
        this.bookRows = bookRows;
    }

    /** The stage rows of every month: the stage is narrow, a file per month stays open in one pass. */
    void writeStage(Iterator<ClientHistory> clients, Configuration conf) throws IOException {
        int months = refs.size();
        List<ParquetRecords<StageRow>> files = new ArrayList<>(Collections.nCopies(months, null));
        long[] counts = new long[months];
        try {
            while (clients.hasNext()) {
                ClientHistory client = clients.next();
                for (int m = 0; m < months; m++) {
                    List<StageRow> rows = client.stage(refs.get(m));
                    if (rows.isEmpty()) {
                        continue;
                    }
                    if (files.get(m) == null) {
                        files.set(m, RefinedFiles.stage(conf, partFile(stageDir, refs.get(m)), dtProc));
                    }
                    for (StageRow row : rows) {
                        files.get(m).write(row);
                    }
                    counts[m] += rows.size();
                }
            }
        } finally {
            closeAll(files);
        }
        for (int m = 0; m < months; m++) {
            stageRows.get(MONTH.format(refs.get(m))).add(counts[m]);
        }
    }

    /** The book rows of one month: one per client with an in-scope invoice as of D. */
    void writeBook(Iterator<ClientHistory> clients, YearMonth ref, Configuration conf) throws IOException {
        ParquetRecords<BookRow> file = null;
        long count = 0;
        try {
            while (clients.hasNext()) {
                ClientHistory client = clients.next();
                List<StageRow> stage = client.stage(ref);
                if (stage.isEmpty()) {
                    continue;
                }
                if (file == null) {
                    file = RefinedFiles.book(conf, partFile(bookDir, ref), dtProc);
                }
                file.write(BookCalculator.book(client.client(), ref, stage));
                count++;
            }
        } finally {
            closeAll(Collections.singletonList(file));
        }
        bookRows.get(MONTH.format(ref)).add(count);
    }

    private static String partFile(String dir, YearMonth ref) {
        return String.format("%s/ref=%s/part-%05d.snappy.parquet", dir, MONTH.format(ref),
                TaskContext.getPartitionId());
    }

    private static void closeAll(List<? extends ParquetRecords<?>> files) throws IOException {
        IOException failure = null;
        for (ParquetRecords<?> file : files) {
            if (file == null) {
                continue;
            }
            try {
                file.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
