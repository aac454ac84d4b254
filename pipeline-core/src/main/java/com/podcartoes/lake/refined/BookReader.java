package com.podcartoes.lake.refined;

import com.podcartoes.lake.book.BookVariables;
import com.podcartoes.lake.book.Variable;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;

/**
 * Reads the book ({@code 0003_refined/book_fatura/ref=R/}) without Spark: the month's Parquet files are copied from
 * the lake bucket into a scratch directory and read with parquet-mr. Columns are found by name and typed by the
 * variable definitions, so the reader does not depend on the column order of the files.
 */
public final class BookReader {
    private final S3Bucket lake;
    private final Path scratchDir;

    public BookReader(S3Bucket lake, Path scratchDir) {
        this.lake = lake;
        this.scratchDir = scratchDir;
    }

    /** The reference months that have a book, oldest first. */
    public List<String> months() {
        return lake.list(LakeLayout.BOOK, false).stream()
                .filter(S3Entry::isPrefix)
                .map(e -> e.key().substring(LakeLayout.BOOK.length()).replaceAll("/$", ""))
                .filter(d -> d.matches("ref=\\d{6}"))
                .map(d -> d.substring(4))
                .sorted()
                .toList();
    }

    /**
     * Passes the month's rows to {@code sink}, all clients or only {@code client} (null for all); returns how many.
     *
     * @throws IllegalArgumentException when the month has no book
     */
    public long read(String ref, Long client, Consumer<BookRecord> sink) {
        if (!ref.matches("\\d{6}")) {
            throw new IllegalArgumentException("the reference month must be yyyyMM, got '" + ref + "'");
        }
        String prefix = LakeLayout.BOOK + "ref=" + ref + "/";
        List<S3Entry> files = lake.list(prefix, true).stream()
                .filter(e -> !e.isPrefix() && e.key().endsWith(".parquet"))
                .toList();
        if (files.isEmpty()) {
            List<String> months = months();
            throw new IllegalArgumentException("there is no book for " + ref + " in " + lake.uri(prefix)
                    + "; months with a book: " + (months.isEmpty() ? "none (run the book job first)" : months));
        }
        Path dir = null;
        try {
            Files.createDirectories(scratchDir);
            dir = Files.createTempDirectory(scratchDir, "book-" + ref + "-");
            long rows = 0;
            for (S3Entry entry : files) {
                Path local = dir.resolve(entry.key().substring(prefix.length()).replace('/', '_'));
                lake.getFile(entry.key(), local);
                rows += readFile(local, ref, client, sink);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the book of " + ref + ": " + e.getMessage(), e);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static long readFile(Path file, String ref, Long client, Consumer<BookRecord> sink) throws IOException {
        ParquetReader.Builder<Group> builder = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration(false));
        if (client != null) {
            builder.withFilter(FilterCompat.get(FilterApi.eq(FilterApi.longColumn("id_cliente"), client)));
        }
        long rows = 0;
        try (ParquetReader<Group> reader = builder.build()) {
            int[] columns = null;
            for (Group group = reader.read(); group != null; group = reader.read()) {
                if (columns == null) {
                    columns = columnIndexes(group.getType());
                }
                sink.accept(toRecord(group, columns, ref));
                rows++;
            }
        }
        return rows;
    }

    /** Positions of id_cliente, dt_proc, VAR_1..VAR_462 in the file's schema. */
    private static int[] columnIndexes(GroupType schema) {
        List<Variable> variables = BookVariables.ALL;
        int[] columns = new int[variables.size() + 2];
        columns[0] = schema.getFieldIndex("id_cliente");
        columns[1] = schema.getFieldIndex("dt_proc");
        for (int i = 0; i < variables.size(); i++) {
            columns[i + 2] = schema.getFieldIndex(variables.get(i).name());
        }
        return columns;
    }

    private static BookRecord toRecord(Group group, int[] columns, String ref) {
        List<Variable> variables = BookVariables.ALL;
        List<Object> values = new ArrayList<>(variables.size());
        for (int i = 0; i < variables.size(); i++) {
            int column = columns[i + 2];
            if (group.getFieldRepetitionCount(column) == 0) {
                values.add(null);
                continue;
            }
            Variable.Type type = variables.get(i).type();
            values.add(switch (type) {
                case MONEY, AVERAGE -> BigDecimal.valueOf(group.getLong(column, 0), type.scale());
                case COUNT -> group.getLong(column, 0);
                case INTEGER -> group.getInteger(column, 0);
            });
        }
        return new BookRecord(group.getLong(columns[0], 0), ref, group.getString(columns[1], 0), values);
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // scratch space only: a leftover is harmless
        }
    }
}
