package com.podcartoes.lake.testing;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.layout.SnapshotSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * Commits month partitions to a lake's Iceberg table through the real catalog, without Spark: each month gets one
 * data file entry in the manifests (no file is written), which is all a reader of partitions looks at.
 */
public final class TestTables {
    private TestTables() {
    }

    /**
     * Commits one snapshot with a file for each of {@code refs} to {@code table}, created if missing, as run
     * {@code run-<refs joined by '-'>}.
     */
    public static void commitMonths(LakeContext lake, LakeTable table, String... refs) {
        Catalog catalog = CatalogUtil.buildIcebergCatalog("test", lake.catalog().properties(lake.tablesUri()),
                new Configuration());
        try {
            String database = lake.catalog().database();
            if (catalog instanceof SupportsNamespaces namespaces
                    && !namespaces.namespaceExists(Namespace.of(database))) {
                namespaces.createNamespace(Namespace.of(database));
            }
            TableIdentifier id = TableIdentifier.of(database, table.tableName());
            Table t;
            if (catalog.tableExists(id)) {
                t = catalog.loadTable(id);
            } else {
                Schema schema = new Schema(Types.NestedField.optional(1, "id_cliente", Types.LongType.get()),
                        Types.NestedField.optional(2, "ref", Types.StringType.get()));
                t = catalog.createTable(id, schema, PartitionSpec.builderFor(schema).identity("ref").build(),
                        lake.tablesUri() + table.prefix().replaceAll("/$", ""), java.util.Map.of());
            }
            AppendFiles append = t.newAppend();
            for (String ref : refs) {
                append.appendFile(DataFiles.builder(t.spec()).withPath(t.location() + "/data/test/ref=" + ref
                        + "/part-0.parquet").withFormat(FileFormat.PARQUET).withFileSizeInBytes(1)
                        .withRecordCount(1).withPartitionPath("ref=" + ref).build());
            }
            // As a job's commit says it: its run and the months it wrote.
            append.set(SnapshotSummary.RUN_ID, "run-" + String.join("-", refs));
            append.set(SnapshotSummary.REFS, String.join(",", refs));
            append.commit();
        } finally {
            if (catalog instanceof java.io.Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
