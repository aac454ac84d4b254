package com.podcartoes.lake.jobs.common;

import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

/**
 * A table whose next snapshot takes an id chosen in advance. Iceberg draws a snapshot's id from its table
 * operations when the commit is prepared and keeps it through the commit's retries; these operations hand out the
 * chosen id once, then draw as usual (Iceberg draws again only if the id were taken, which {@link
 * LakeTables#newSnapshotId} rules out). Everything else is the table's own operations.
 */
final class ChosenSnapshotId implements TableOperations {
    private final TableOperations ops;
    private final long chosen;
    private boolean handedOut;

    private ChosenSnapshotId(TableOperations ops, long chosen) {
        this.ops = ops;
        this.chosen = chosen;
    }

    static Table of(Table table, long snapshotId) {
        return new BaseTable(new ChosenSnapshotId(((HasTableOperations) table).operations(), snapshotId),
                table.name());
    }

    @Override
    public synchronized long newSnapshotId() {
        if (handedOut) {
            return ops.newSnapshotId();
        }
        handedOut = true;
        return chosen;
    }

    @Override
    public TableMetadata current() {
        return ops.current();
    }

    @Override
    public TableMetadata refresh() {
        return ops.refresh();
    }

    @Override
    public void commit(TableMetadata base, TableMetadata metadata) {
        ops.commit(base, metadata);
    }

    @Override
    public FileIO io() {
        return ops.io();
    }

    @Override
    public EncryptionManager encryption() {
        return ops.encryption();
    }

    @Override
    public String metadataFileLocation(String fileName) {
        return ops.metadataFileLocation(fileName);
    }

    @Override
    public LocationProvider locationProvider() {
        return ops.locationProvider();
    }

    @Override
    public TableOperations temp(TableMetadata uncommittedMetadata) {
        return ops.temp(uncommittedMetadata);
    }

    @Override
    public boolean requireStrictCleanup() {
        return ops.requireStrictCleanup();
    }
}
