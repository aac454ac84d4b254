package com.podcartoes.lake.jobs.common;

import com.podcartoes.lake.layout.LakeCatalog;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.layout.SnapshotSummary;
import com.podcartoes.lake.layout.TableAttempts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMapping;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The jobs' side of the lake's Iceberg tables. A job writes an attempt's Parquet files where they will stay, under
 * {@code <table>/data/<attempt>/} (plain Spark or its own writers, no rename ever), then {@link #commit commits}
 * them in one Iceberg snapshot that replaces exactly the rows it rewrote: readers see the old snapshot or the new
 * one, never a mix, and a crash before the commit leaves the table as it was. What a crashed attempt wrote is
 * referenced by no snapshot, and {@link #removeCrashedAttempts} removes it before the next attempt.
 *
 * <p>The files carry no Iceberg field ids: each table has a name mapping, and the partition columns are identity
 * partitions, whose values readers take from the manifests (as the Iceberg spec allows), so a job may write the
 * layout Spark gives a {@code partitionBy}.
 */
public final class LakeTables {
    /** The table property that maps the files' column names to field ids. */
    private static final String NAME_MAPPING = TableProperties.DEFAULT_NAME_MAPPING;
    /** One catalog per lake and catalog in the JVM (a job's subjects run in threads and share it). */
    private static final Map<String, LakeTables> OPEN = new ConcurrentHashMap<>();
    /** Commits go one at a time: the embedded catalog is one SQLite file (the flow's lock keeps other JVMs out). */
    private static final Object COMMITS = new Object();

    private final SparkSession spark;
    private final LakeFiles lake;
    private final LakeCatalog spec;
    private final String sparkCatalog;
    private final Catalog catalog;

    private LakeTables(SparkSession spark, LakeFiles lake, LakeCatalog spec, String sparkCatalog, Catalog catalog) {
        this.spark = spark;
        this.lake = lake;
        this.spec = spec;
        this.sparkCatalog = sparkCatalog;
        this.catalog = catalog;
    }

    /** The tables of the lake at {@code lakeUri}, catalogued in {@code spec}; registered in Spark once. */
    public static LakeTables open(SparkSession spark, String lakeUri, LakeCatalog spec) {
        String key = lakeUri + " " + spec;
        return OPEN.computeIfAbsent(key, k -> {
            LakeFiles lake = new LakeFiles(lakeUri, spark.sparkContext().hadoopConfiguration());
            String name = "lake_" + Integer.toHexString(k.hashCode() & 0x7fffffff);
            String root = lake.rootUri();
            spark.conf().set("spark.sql.catalog." + name, SparkCatalog.class.getName());
            spec.properties(root).forEach((property, value) ->
                    spark.conf().set("spark.sql.catalog." + name + "." + property, value));
            // Every read sees the latest commit, whoever made it.
            spark.conf().set("spark.sql.catalog." + name + ".cache-enabled", "false");
            // Spark's catalog and the commits share one Iceberg catalog (one SQLite connection locally).
            SparkCatalog sparkCatalog = (SparkCatalog) spark.sessionState().catalogManager().catalog(name);
            Catalog catalog = sparkCatalog.icebergCatalog();
            if (catalog instanceof SupportsNamespaces namespaces
                    && !namespaces.namespaceExists(Namespace.of(spec.database()))) {
                try {
                    namespaces.createNamespace(Namespace.of(spec.database()));
                } catch (AlreadyExistsException e) {
                    // created meanwhile: what we wanted
                }
            }
            return new LakeTables(spark, lake, spec, name, catalog);
        });
    }

    public LakeFiles files() {
        return lake;
    }

    public SparkSession spark() {
        return spark;
    }

    /** The Iceberg catalog (tests look at snapshots through it). */
    public Catalog catalog() {
        return catalog;
    }

    public Table load(LakeTable table) {
        return catalog.loadTable(id(table));
    }

    /** A fresh name for one attempt's files: a retry with the same run id never meets what an earlier one left. */
    public static String attempt(String runId) {
        return runId + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private TableIdentifier id(LakeTable table) {
        return TableIdentifier.of(spec.database(), table.tableName());
    }

    /**
     * The table, created (format 2, identity partitions, a name mapping) if it does not exist yet; idempotent.
     *
     * @throws IllegalStateException when the table's location holds the plain Parquet of an earlier version
     */
    public Table ensure(LakeTable table, StructType schema, String... partitionColumns) {
        TableIdentifier id = id(table);
        if (catalog.tableExists(id)) {
            return catalog.loadTable(id);
        }
        List<String> legacy = lake.listDirectoryNames(table.prefix()).stream()
                .filter(d -> d.startsWith("ref=") || d.startsWith("source_file=")).toList();
        if (!legacy.isEmpty()) {
            throw new IllegalStateException(lake.uri(table.prefix()) + " holds plain Parquet written before the"
                    + " lake's tables became Iceberg tables (" + legacy.get(0) + "/...): rebuild them from raw, which"
                    + " is untouched: run 'lake setup --rebuild-tables' (it deletes " + lake.uri("0002_trusted/")
                    + ", " + lake.uri("0003_refined/") + " and the ledger " + lake.uri(LakeLayout.CONTROL + "ledger/")
                    + "), then run processing");
        }
        Schema iceberg = SparkSchemaUtil.convert(schema);
        PartitionSpec.Builder partitioning = PartitionSpec.builderFor(iceberg);
        for (String column : partitionColumns) {
            partitioning.identity(column);
        }
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                TableProperties.FORMAT_VERSION, "2",
                TableProperties.PARQUET_COMPRESSION, "snappy"));
        if (table.writtenByTheJobsOwnWriter()) {
            // Parquet v2 pages (delta encodings), which Iceberg's vectorized Spark reader does not read.
            properties.put(TableProperties.PARQUET_VECTORIZATION_ENABLED, "false");
        }
        String location = lake.uri(table.prefix());
        try {
            // One transaction: the name mapping is built from the schema the catalog gives the table (its fresh
            // field ids), so a table is never seen without it.
            Transaction create = catalog.buildTable(id, iceberg).withPartitionSpec(partitioning.build())
                    .withLocation(location.replaceAll("/$", "")).withProperties(properties).createTransaction();
            create.updateProperties().set(NAME_MAPPING,
                    NameMappingParser.toJson(MappingUtil.create(create.table().schema()))).commit();
            create.commitTransaction();
            return catalog.loadTable(id);
        } catch (AlreadyExistsException e) {
            return catalog.loadTable(id);
        }
    }

    /** The table's current snapshot id, or -1 before its first commit (or when it does not exist). */
    public long currentSnapshotId(LakeTable table) {
        if (!catalog.tableExists(id(table))) {
            return -1;
        }
        Snapshot current = catalog.loadTable(id(table)).currentSnapshot();
        return current == null ? -1 : current.snapshotId();
    }

    /** The table as Spark reads it, at a snapshot (-1: the current one). */
    public Dataset<Row> read(LakeTable table, long snapshotId) {
        String name = sparkCatalog + "." + spec.qualified(table);
        return snapshotId < 0 ? spark.table(name) : spark.sql("SELECT * FROM " + name + " VERSION AS OF "
                + snapshotId);
    }

    /**
     * Commits the Parquet files of {@code attempt} (under {@link LakeTable#attemptPrefix}) in one snapshot that first
     * removes the rows matching {@code replaced} (whole files: the filter names partition columns), with
     * {@code summary} and the attempt in the snapshot's summary. Fault points {@code <point>.before-commit} and
     * {@code <point>.after-commit} frame it.
     *
     * @return the new snapshot's id
     */
    public long commit(LakeTable which, Table table, String attempt, Expression replaced, Map<String, String> summary,
                       String point) {
        return commit(which, table, attempt, replaced, summary, point, OptionalLong.empty());
    }

    /**
     * The same, as the snapshot {@code snapshotId} (from {@link #newSnapshotId}) when given: an earlier commit to
     * another table can then name this one.
     */
    public long commit(LakeTable which, Table table, String attempt, Expression replaced, Map<String, String> summary,
                       String point, OptionalLong snapshotId) {
        List<DataFile> files = dataFiles(table, which.attemptPrefix(attempt));
        Table target = snapshotId.isPresent() ? ChosenSnapshotId.of(table, snapshotId.getAsLong()) : table;
        OverwriteFiles overwrite = target.newOverwrite().overwriteByRowFilter(replaced);
        files.forEach(overwrite::addFile);
        summary.forEach(overwrite::set);
        overwrite.set(SnapshotSummary.ATTEMPT, attempt);
        FaultPoints.reach(point + ".before-commit");
        synchronized (COMMITS) {
            overwrite.commit();
        }
        FaultPoints.reach(point + ".after-commit");
        return table.currentSnapshot().snapshotId();
    }

    /** A snapshot id no snapshot of {@code table} has, for a commit to come (Iceberg's own way of drawing one). */
    public long newSnapshotId(Table table) {
        long id;
        do {
            id = ((HasTableOperations) table).operations().newSnapshotId();
        } while (table.snapshot(id) != null);
        return id;
    }

    /**
     * Removes what a failed attempt wrote to {@code which}, unless a snapshot committed it (a failure after the
     * commit must not take the committed files away).
     */
    public void discardUncommitted(LakeTable which, String attempt) {
        if (catalog.tableExists(id(which))) {
            for (Snapshot snapshot : catalog.loadTable(id(which)).snapshots()) {
                if (attempt.equals(snapshot.summary().get(SnapshotSummary.ATTEMPT))) {
                    return;
                }
            }
        }
        lake.delete(which.attemptPrefix(attempt));
    }

    /** The attempt's files as Iceberg data files: partition values from their Hive-style directories, metrics from their footers. */
    private List<DataFile> dataFiles(Table table, String attemptPrefix) {
        List<DataFile> files = new ArrayList<>();
        if (!lake.exists(attemptPrefix)) {
            return files;
        }
        NameMapping mapping = NameMappingParser.fromJson(table.properties().get(NAME_MAPPING));
        MetricsConfig metrics = MetricsConfig.forTable(table);
        Path root = lake.path(attemptPrefix);
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            String rootPath = fs.makeQualified(root).toUri().getPath();
            RemoteIterator<LocatedFileStatus> listing = fs.listFiles(root, true);
            while (listing.hasNext()) {
                LocatedFileStatus status = listing.next();
                String path = status.getPath().toString();
                if (!path.endsWith(".parquet") || path.contains("/_temporary/")) {
                    continue;
                }
                String relative = status.getPath().getParent().toUri().getPath().substring(rootPath.length())
                        .replaceAll("^/", "");
                DataFiles.Builder builder = DataFiles.builder(table.spec())
                        .withPath(path)
                        .withFormat(FileFormat.PARQUET)
                        .withFileSizeInBytes(status.getLen())
                        .withMetrics(ParquetUtil.fileMetrics(table.io().newInputFile(path), metrics, mapping));
                if (table.spec().isPartitioned()) {
                    builder.withPartitionPath(relative);
                }
                files.add(builder.build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + lake.uri(attemptPrefix), e);
        }
        return files;
    }

    /**
     * Removes the attempt directories under {@code <table>/data/} that no snapshot references: what a crashed or
     * failed attempt wrote before its commit. Safe while the caller holds the flow's lock (no attempt is running).
     *
     * @return the attempts removed
     */
    public List<String> removeCrashedAttempts(LakeTable table) {
        List<String> attempts = lake.listDirectoryNames(table.prefix() + LakeTable.DATA);
        if (attempts.isEmpty()) {
            return List.of();
        }
        Set<String> referenced = catalog.tableExists(id(table))
                ? TableAttempts.referenced(catalog.loadTable(id(table))) : Set.of();
        List<String> removed = new ArrayList<>();
        for (String attempt : attempts) {
            if (!referenced.contains(attempt)) {
                lake.delete(table.prefix() + LakeTable.DATA + attempt + "/");
                removed.add(attempt);
            }
        }
        return removed;
    }
}
