package com.podcartoes.lake.layout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the lake's Iceberg tables are catalogued: the AWS Glue Data Catalog on AWS (so Athena sees each commit at
 * once), or Iceberg's JDBC catalog on an SQLite file in the lake home for the embedded lake (no server). One code
 * path for both: the jobs and pipeline-core build their Iceberg catalog from {@link #properties}, and the runners
 * pass it to a job as {@link #arguments}.
 *
 * @param database the catalog's database (Iceberg namespace) of the tables
 * @param uri      the JDBC URL of the SQLite file; null for Glue
 * @param kmsKeyId the KMS key of the lake's SSE-KMS, for the tables' files Iceberg writes itself on S3; null: none
 */
public record LakeCatalog(Kind kind, String database, String uri, String kmsKeyId) {
    public enum Kind { JDBC, GLUE }

    public static final String DEFAULT_DATABASE = "pod_lake";

    public LakeCatalog {
        if (database == null || !database.matches("[a-z][a-z0-9_]{0,254}")) {
            throw new IllegalArgumentException("the catalog database must be lower-case letters, digits and '_',"
                    + " starting with a letter (Glue's and Athena's rule), got '" + database + "'");
        }
        if (kind == Kind.JDBC && (uri == null || !uri.startsWith("jdbc:"))) {
            throw new IllegalArgumentException("a JDBC catalog needs a jdbc: URL, got '" + uri + "'");
        }
    }

    /** The embedded lake's catalog: an SQLite file, created on first use. */
    public static LakeCatalog sqlite(Path file, String database) {
        return new LakeCatalog(Kind.JDBC, database, "jdbc:sqlite:" + file.toAbsolutePath(), null);
    }

    public static LakeCatalog glue(String database) {
        return new LakeCatalog(Kind.GLUE, database, null, null);
    }

    /** This catalog, with Iceberg's own writes to S3 under SSE-KMS with {@code key} (null or empty: none). */
    public LakeCatalog withKmsKey(String key) {
        return new LakeCatalog(kind, database, uri, key == null || key.isEmpty() ? null : key);
    }

    /** What a runner passes to a job. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>(List.of(JobArguments.CATALOG, kind.name().toLowerCase(Locale.ROOT),
                JobArguments.DATABASE, database));
        if (uri != null) {
            args.addAll(List.of(JobArguments.CATALOG_URI, uri));
        }
        if (kmsKeyId != null) {
            args.addAll(List.of(JobArguments.KMS_KEY_ID, kmsKeyId));
        }
        return args;
    }

    /** The catalog a job was given ({@link #arguments}). */
    public static LakeCatalog fromArguments(JobArguments args) {
        String kind = args.required(JobArguments.CATALOG);
        String database = args.optional(JobArguments.DATABASE).orElse(DEFAULT_DATABASE);
        String key = args.optional(JobArguments.KMS_KEY_ID).orElse(null);
        return switch (kind) {
            case "jdbc" -> new LakeCatalog(Kind.JDBC, database, args.required(JobArguments.CATALOG_URI), key);
            case "glue" -> glue(database).withKmsKey(key);
            default -> throw new IllegalArgumentException(JobArguments.CATALOG + " must be jdbc or glue, got '"
                    + kind + "'");
        };
    }

    /**
     * Iceberg's catalog properties ({@code CatalogUtil.buildIcebergCatalog}) for a lake at {@code lakeUri}
     * ({@code s3://bucket/} or {@code file:///dir/}); the caller adds its file IO's credentials and endpoint.
     */
    public Map<String, String> properties(String lakeUri) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("warehouse", lakeUri);
        // s3:// is S3 itself (EMR, Glue, Athena): Iceberg's own S3 client. file:// and s3a:// (the embedded lake)
        // go through Hadoop's file systems, configured as the job's Spark configures them.
        boolean s3 = lakeUri.startsWith("s3://");
        properties.put("io-impl", s3 ? "org.apache.iceberg.aws.s3.S3FileIO" : "org.apache.iceberg.hadoop.HadoopFileIO");
        if (s3 && kmsKeyId != null) {
            // The metadata and manifests Iceberg writes, under the key the jobs' data files are written with.
            properties.put("s3.sse.type", "kms");
            properties.put("s3.sse.key", kmsKeyId);
        }
        switch (kind) {
            case GLUE -> properties.put("catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
            case JDBC -> {
                properties.put("catalog-impl", LakeJdbcCatalog.class.getName());
                properties.put("uri", uri);
                properties.put("jdbc.schema-version", "V1");
                // One writer at a time (the flow's lock) and readers beside it: WAL lets them read during a commit,
                // and a busy connection waits instead of failing (sqlite-jdbc's default gives up after 3 s).
                properties.put("jdbc.journal_mode", "WAL");
                properties.put("jdbc.busy_timeout", "60000");
                properties.put("clients", "1");
            }
        }
        return properties;
    }

    /** The table's identifier in this catalog: {@code <database>.<table>}. */
    public String qualified(LakeTable table) {
        return database + "." + table.tableName();
    }
}
