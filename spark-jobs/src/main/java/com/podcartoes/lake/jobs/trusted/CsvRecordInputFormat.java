package com.podcartoes.lake.jobs.trusted;

import com.podcartoes.lake.rules.CsvRecords;
import java.io.IOException;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Reads raw CSV files as {@link CsvRecords} (key: the record's offset in its file), so the job splits records exactly
 * as ingestion counted them: LF, CRLF and lone CR, quoted line breaks, a bound on a record's length.
 *
 * <p>A file is split like a text file (each split reads the records that start in it, the first partial line
 * belonging to the split before), except a file named in {@link #WHOLE_FILES}: one whose records may span lines,
 * where a split starting inside a quoted field could not know it.
 */
public final class CsvRecordInputFormat extends FileInputFormat<LongWritable, CsvRecords.Record> {
    /** Comma-separated names of the files to read in one piece. */
    public static final String WHOLE_FILES = "pod.lake.csv.wholeFiles";
    /** The bound of a record's length in bytes ({@link CsvRecords#DEFAULT_MAX_RECORD_BYTES} by default). */
    public static final String MAX_RECORD_BYTES = "pod.lake.csv.maxRecordBytes";

    @Override
    protected boolean isSplitable(JobContext context, Path file) {
        String whole = context.getConfiguration().get(WHOLE_FILES, "");
        return !Set.of(whole.split(",")).contains(file.getName());
    }

    @Override
    public RecordReader<LongWritable, CsvRecords.Record> createRecordReader(InputSplit split,
                                                                            TaskAttemptContext context) {
        return new Reader();
    }

    private static final class Reader extends RecordReader<LongWritable, CsvRecords.Record> {
        private final LongWritable key = new LongWritable();
        private CsvRecords records;
        private long start;
        private long end;

        @Override
        public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
            FileSplit split = (FileSplit) genericSplit;
            Configuration conf = context.getConfiguration();
            start = split.getStart();
            end = start + split.getLength();
            FileSystem fs = split.getPath().getFileSystem(conf);
            FSDataInputStream in = fs.open(split.getPath());
            in.seek(start);
            records = new CsvRecords(in, start, conf.getInt(MAX_RECORD_BYTES, CsvRecords.DEFAULT_MAX_RECORD_BYTES));
            if (start != 0) {
                records.skipToNextLine(); // that record started in the split before, which reads it whole
            }
        }

        @Override
        public boolean nextKeyValue() throws IOException {
            // A record starting at the split's end still belongs here: the next split skips its first line.
            if (records.position() > end || !records.next()) {
                return false;
            }
            key.set(records.record().offset());
            return true;
        }

        @Override
        public LongWritable getCurrentKey() {
            return key;
        }

        @Override
        public CsvRecords.Record getCurrentValue() {
            return records.record();
        }

        @Override
        public float getProgress() {
            return end == start ? 1f : Math.min(1f, (records.position() - start) / (float) (end - start));
        }

        @Override
        public void close() throws IOException {
            if (records != null) {
                records.close();
            }
        }
    }
}
