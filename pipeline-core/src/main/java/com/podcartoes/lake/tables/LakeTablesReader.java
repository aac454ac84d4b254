package com.podcartoes.lake.tables;

import com.podcartoes.lake.config.Setting;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.layout.LakeCatalog;
import com.podcartoes.lake.layout.LakeTable;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The lake's Iceberg tables as pipeline-core reads them, without Spark: through the catalog the jobs commit to
 * ({@link LakeContext#catalog()}), so a reader only ever sees committed snapshots, never an attempt's files.
 */
public final class LakeTablesReader implements AutoCloseable {
    private final LakeCatalog spec;
    private final Catalog catalog;

    public LakeTablesReader(LakeCatalog spec, String warehouseUri) {
        this(spec, spec.properties(warehouseUri));
    }

    /** A reader with these Iceberg catalog properties ({@link LakeCatalog#properties} plus the caller's). */
    public LakeTablesReader(LakeCatalog spec, Map<String, String> properties) {
        this.spec = spec;
        this.catalog = CatalogUtil.buildIcebergCatalog("lake", properties, new Configuration());
    }

    /** The tables of the profile's lake, where its jobs write them. */
    public static LakeTablesReader open(LakeContext lake) {
        Map<String, String> properties = new HashMap<>(lake.catalog().properties(lake.tablesUri()));
        lake.embedded().ifPresent(server -> {
            // The tables' files are file:// or s3a:// (spark.lakeAccess): each read with its own IO, s3a:// through
            // the embedded server's S3 API.
            properties.put("io-impl", "org.apache.iceberg.io.ResolvingFileIO");
            properties.put("s3.endpoint", server.endpoint().toString());
            properties.put("s3.path-style-access", "true");
            properties.put("s3.access-key-id", server.credentials().accessKey());
            properties.put("s3.secret-access-key", server.credentials().secretKey());
            properties.put("client.region", "us-east-1");
        });
        if (lake.catalog().kind() == LakeCatalog.Kind.GLUE) {
            // Glue and S3 in the lake's region (the default chain's credentials: AWS_PROFILE picks a profile).
            properties.put("client.region", lake.config().get(Setting.LAKE_REGION));
        }
        return new LakeTablesReader(lake.catalog(), properties);
    }

    /** The table as of its latest commit, or empty before the job that creates it has run. */
    public Optional<Table> table(LakeTable table) {
        try {
            return Optional.of(catalog.loadTable(TableIdentifier.of(spec.database(), table.tableName())));
        } catch (NoSuchTableException e) {
            return Optional.empty();
        }
    }

    /**
     * Forgets a table in the catalog, leaving its files (for {@link TablesRebuild}, which removes them itself).
     *
     * @return whether the catalog had it
     */
    boolean drop(LakeTable table) {
        return catalog.dropTable(TableIdentifier.of(spec.database(), table.tableName()), false);
    }

    /**
     * The values an identity partition column has in the table's current snapshot, sorted: read from the manifests
     * (no data file is opened).
     */
    public SortedSet<String> partitionValues(LakeTable table, String column) {
        SortedSet<String> values = new TreeSet<>();
        Optional<Table> loaded = table(table);
        if (loaded.isEmpty() || loaded.get().currentSnapshot() == null) {
            return values;
        }
        Table t = loaded.get();
        int position = -1;
        for (int i = 0; i < t.spec().fields().size(); i++) {
            PartitionField field = t.spec().fields().get(i);
            if (field.name().equals(column) && field.transform().isIdentity()) {
                position = i;
            }
        }
        if (position < 0) {
            throw new IllegalArgumentException(table.tableName() + " is not partitioned by " + column);
        }
        TableScan scan = t.newScan();
        try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
            for (FileScanTask task : tasks) {
                Object value = task.file().partition().get(position, Object.class);
                if (value != null) {
                    values.add(value.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifests of " + table.tableName(), e);
        }
        return values;
    }

    /** Where the tables are catalogued, in one line (for messages). */
    public String describe() {
        return spec.kind() == LakeCatalog.Kind.GLUE ? "the Glue database " + spec.database()
                : "the catalog " + spec.uri() + " (database " + spec.database() + ")";
    }

    @Override
    public void close() {
        if (catalog instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                // closing a connection pool: nothing left to lose
            }
        }
    }
}
