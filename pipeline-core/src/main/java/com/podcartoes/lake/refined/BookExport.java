package com.podcartoes.lake.refined;

import com.podcartoes.lake.book.BookVariables;
import com.podcartoes.lake.book.Variable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Exports one month of the book, or one client's row, to a single CSV or Parquet file for the data-science team:
 * columns {@code id_cliente, ref, dt_proc, VAR_1..VAR_462} in the contract's order, or with the dictionary's
 * descriptive names ({@code sum_vlr_fatura_no_prazo_u3m}) instead of {@code VAR_n}. The file is written beside the
 * target and moved into place only when complete, so a failed export leaves no partial file.
 */
public final class BookExport {
    public enum Format { CSV, PARQUET }

    /** The column names: the contract's {@code VAR_n}, or the dictionary's descriptive names. */
    public enum Names { VARIABLES, DESCRIPTIVE }

    /** What an export wrote. */
    public record Result(Path file, long rows, long bytes) {
    }

    private final BookReader reader;

    public BookExport(BookReader reader) {
        this.reader = reader;
    }

    /**
     * @param client one client's row, or null for the whole month
     * @throws IllegalArgumentException when the month has no book, or the client no row in it
     */
    public Result export(String ref, Long client, Format format, Names names, Path out) {
        return export(ref, client, BookReader.AsOf.CURRENT, format, names, out);
    }

    /** As {@link #export(String, Long, Format, Names, Path)}, from an earlier version of the book. */
    public Result export(String ref, Long client, BookReader.AsOf asOf, Format format, Names names, Path out) {
        Path target = out.toAbsolutePath();
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(partial);
            long rows = switch (format) {
                case CSV -> writeCsv(ref, client, asOf, names, partial);
                case PARQUET -> writeParquet(ref, client, asOf, names, partial);
            };
            if (client != null && rows == 0) {
                throw new IllegalArgumentException("client " + client + " has no book row for " + ref
                        + " (no in-scope invoice as of " + ref.substring(0, 4) + "-" + ref.substring(4) + "-01)");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Result(target, rows, Files.size(target));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
                Files.deleteIfExists(partial.resolveSibling("." + partial.getFileName() + ".crc"));
            } catch (IOException e) {
                // best effort: the partial file is hidden and replaced by the next export
            }
        }
    }

    /** The column names in order: id_cliente, ref, dt_proc, then one per variable. */
    public static List<String> columns(Names names) {
        List<String> columns = new ArrayList<>(List.of("id_cliente", "ref", "dt_proc"));
        for (Variable variable : BookVariables.ALL) {
            columns.add(names == Names.DESCRIPTIVE ? variable.descriptiveName() : variable.name());
        }
        return columns;
    }

    private long writeCsv(String ref, Long client, BookReader.AsOf asOf, Names names, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", columns(names)));
            out.write('\n');
            StringBuilder line = new StringBuilder(4096);
            return reader.read(ref, client, asOf, record -> {
                line.setLength(0);
                line.append(record.idCliente()).append(',').append(record.ref()).append(',').append(record.dtProc());
                for (Object value : record.values()) {
                    line.append(',');
                    if (value instanceof BigDecimal decimal) {
                        line.append(decimal.toPlainString());
                    } else if (value != null) {
                        line.append(value);
                    }
                }
                line.append('\n');
                try {
                    out.write(line.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The export's Parquet schema: the book's types, ref as a column. */
    static MessageType parquetSchema(Names names) {
        List<String> columns = columns(names);
        Types.MessageTypeBuilder builder = Types.buildMessage();
        builder.required(PrimitiveTypeName.INT64).named(columns.get(0));
        builder.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(columns.get(1));
        builder.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(columns.get(2));
        List<Variable> variables = BookVariables.ALL;
        for (int i = 0; i < variables.size(); i++) {
            Variable.Type type = variables.get(i).type();
            String name = columns.get(i + 3);
            switch (type) {
                case MONEY, AVERAGE -> builder.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.decimalType(type.scale(), 18)).named(name);
                case COUNT -> builder.optional(PrimitiveTypeName.INT64).named(name);
                case INTEGER -> builder.optional(PrimitiveTypeName.INT32).named(name);
            }
        }
        return builder.named("book_fatura");
    }

    private long writeParquet(String ref, Long client, BookReader.AsOf asOf, Names names, Path file)
            throws IOException {
        MessageType schema = parquetSchema(names);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                .withConf(new Configuration(false))
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build()) {
            return reader.read(ref, client, asOf, record -> {
                Group group = groups.newGroup();
                group.add(0, record.idCliente());
                group.add(1, record.ref());
                if (record.dtProc() != null) {
                    group.add(2, record.dtProc());
                }
                List<Object> values = record.values();
                for (int i = 0; i < values.size(); i++) {
                    Object value = values.get(i);
                    if (value instanceof BigDecimal decimal) {
                        group.add(i + 3, decimal.unscaledValue().longValueExact());
                    } else if (value instanceof Long number) {
                        group.add(i + 3, number);
                    } else if (value instanceof Integer number) {
                        group.add(i + 3, number);
                    }
                }
                try {
                    writer.write(group);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Parses {@code csv} or {@code parquet}. */
    public static Format format(String text) {
        try {
            return Format.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be csv or parquet, got '" + text + "'");
        }
    }
}
