package com.podcartoes.lake.jobs.common;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.types.StructType;

/**
 * A Parquet file written from a task straight through parquet-mr's record API, laid out as Spark writes the same
 * schema (Spark's schema in the footer, so Spark reads back exactly these types).
 *
 * <p>For wide or numerous rows computed in plain Java: going through a DataFrame means building every row as
 * objects, projecting it to an UnsafeRow and converting decimals on the way, which measured here as half of the
 * write time. The caller names the file after its task's partition, so that a retried task overwrites its own file
 * instead of adding a duplicate, and writes into a staging directory published as a whole.
 */
public final class ParquetRecords<T> implements Closeable {
    /** Writes one record's fields between {@code startMessage} and {@code endMessage}; absent fields are null. */
    @FunctionalInterface
    public interface Fields<T> {
        void write(T record, RecordConsumer consumer);
    }

    private final ParquetWriter<T> writer;

    /**
     * @param dictionary dictionary encoding: worth it for repetitive columns (classes, flags), not for the book's
     *                   hundreds of mostly distinct numbers, where delta encoding alone is smaller and faster
     */
    public ParquetRecords(Configuration conf, String file, MessageType schema, StructType sparkSchema,
                          boolean dictionary, Fields<T> fields) throws IOException {
        this(conf, file, schema, sparkSchema, dictionary, ParquetWriter.DEFAULT_BLOCK_SIZE, fields);
    }

    /**
     * @param rowGroupBytes the row groups' size: smaller groups let a reader skip more by their statistics. The
     *                      size is checked every 1,000 rows at most (parquet-mr's default, 10,000, would make
     *                      groups of at least that many rows whatever the size)
     */
    public ParquetRecords(Configuration conf, String file, MessageType schema, StructType sparkSchema,
                          boolean dictionary, long rowGroupBytes, Fields<T> fields) throws IOException {
        writer = new Builder<>(new Path(file), new RecordWriteSupport<>(schema, sparkSchema, fields))
                .withConf(conf)
                .withRowGroupSize(rowGroupBytes)
                .withMaxRowCountForPageSizeCheck(1_000)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
                .withDictionaryEncoding(dictionary)
                .build();
    }

    public void write(T record) throws IOException {
        writer.write(record);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    // ---- field helpers: a field is written only when present ------------------------------------------------------

    public static void longField(RecordConsumer consumer, String name, int index, long value) {
        consumer.startField(name, index);
        consumer.addLong(value);
        consumer.endField(name, index);
    }

    public static void intField(RecordConsumer consumer, String name, int index, int value) {
        consumer.startField(name, index);
        consumer.addInteger(value);
        consumer.endField(name, index);
    }

    public static void binaryField(RecordConsumer consumer, String name, int index,
                                   org.apache.parquet.io.api.Binary value) {
        consumer.startField(name, index);
        consumer.addBinary(value);
        consumer.endField(name, index);
    }

    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final WriteSupport<T> writeSupport;

        Builder(Path path, WriteSupport<T> writeSupport) {
            super(path);
            this.writeSupport = writeSupport;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return writeSupport;
        }
    }

    private static final class RecordWriteSupport<T> extends WriteSupport<T> {
        private final MessageType schema;
        private final String sparkSchemaJson;
        private final Fields<T> fields;
        private RecordConsumer consumer;

        RecordWriteSupport(MessageType schema, StructType sparkSchema, Fields<T> fields) {
            this.schema = schema;
            this.sparkSchemaJson = sparkSchema.json();
            this.fields = fields;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, Map.of("org.apache.spark.sql.parquet.row.metadata", sparkSchemaJson));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(T record) {
            consumer.startMessage();
            fields.write(record, consumer);
            consumer.endMessage();
        }
    }
}
