package com.podcartoes.lake.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podcartoes.lake.jobs.common.LakeTables;
import com.podcartoes.lake.layout.LakeCatalog;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.SourceFileName;
import com.podcartoes.lake.rules.CsvRecords;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A lake bucket as a local directory, with raw files and control files laid out as the load stage writes them,
 * for the Spark jobs' tests.
 */
public final class RawLake {
    private final Path root;

    public RawLake(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public String uri() {
        return root.toUri().toString();
    }

    /** The lake's embedded catalog: an SQLite file beside the lake's directory, as in a lake home. */
    public LakeCatalog catalog() {
        return LakeCatalog.sqlite(root.resolveSibling(root.getFileName() + "-catalog.db"),
                LakeCatalog.DEFAULT_DATABASE);
    }

    /** The lake's Iceberg tables, as the jobs open them. */
    public LakeTables tables(SparkSession spark) {
        return LakeTables.open(spark, uri(), catalog());
    }

    public Path path(String key) {
        return root.resolve(key);
    }

    /** Puts a file in raw with a matching control file; returns its name. */
    public String addRaw(String fileName, byte[] content) {
        SourceFileName name = SourceFileName.parse(fileName).orElseThrow();
        try {
            Path data = path(LakeLayout.rawDataKey(name));
            Files.createDirectories(data.getParent());
            Files.write(data, content);
            writeControl(name, controlFor(name, content));
            return fileName;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String addRaw(Path file) {
        try {
            return addRaw(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The control file the load stage writes (format 3: CSV records as {@link CsvRecords} splits them, blank ones
     * left out; the fields the jobs read). Tests of odd line ends state their counts by hand besides.
     */
    public static Map<String, Object> controlFor(SourceFileName name, byte[] content) {
        long records = 0;
        long multiLine = 0;
        try (CsvRecords split = new CsvRecords(new ByteArrayInputStream(content), 0, 1024)) {
            boolean header = true;
            while (split.next()) {
                multiLine += split.record().lineBreaks() > 0 ? 1 : 0;
                records += !header && !split.record().blank() ? 1 : 0;
                header = false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> control = control(name, content, 3, records);
        control.put("multiLineRecords", multiLine);
        return control;
    }

    /** A control file of format 1, written before blank lines were left out: they count as records. */
    public static Map<String, Object> formatOneControlFor(SourceFileName name, byte[] content) {
        long lineBreaks = 0;
        for (byte b : content) {
            if (b == '\n') {
                lineBreaks++;
            }
        }
        long lines = lineBreaks + (content.length > 0 && content[content.length - 1] != '\n' ? 1 : 0);
        return control(name, content, 1, Math.max(0, lines - 1));
    }

    private static Map<String, Object> control(SourceFileName name, byte[] content, int format, long records) {
        String text = new String(content, java.nio.charset.StandardCharsets.UTF_8);
        String header = text.lines().findFirst().orElse("").replace("\uFEFF", "");
        Map<String, Object> control = new LinkedHashMap<>();
        control.put("formatVersion", format);
        control.put("subject", name.subject().id());
        control.put("fileName", name.fileName());
        control.put("sizeBytes", content.length);
        control.put("sha256", sha256(content));
        control.put("records", records);
        control.put("header", header);
        return control;
    }

    public void writeControl(SourceFileName name, Map<String, Object> control) {
        try {
            Path path = path(LakeLayout.rawControlKey(name));
            Files.createDirectories(path.getParent());
            Files.write(path, new ObjectMapper().writeValueAsBytes(control));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
