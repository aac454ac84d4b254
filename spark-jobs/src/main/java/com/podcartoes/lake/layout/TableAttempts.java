package com.podcartoes.lake.layout;

import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * The attempt directories of a table ({@code <table>/data/<attempt>/}) that its snapshots reference. A job writes an
 * attempt's files where they stay, then commits them; a directory no snapshot references is what a crashed or
 * failed attempt left, and may go once no job is writing (the flow's lock). Shared by the jobs (before each run)
 * and {@code lake maintain}.
 */
public final class TableAttempts {
    private TableAttempts() {
    }

    /** The attempts whose files any snapshot of {@code table} (current or kept for time travel) references. */
    public static Set<String> referenced(Table table) {
        Set<String> attempts = new HashSet<>();
        Set<String> manifests = new HashSet<>();
        for (Snapshot snapshot : table.snapshots()) {
            for (ManifestFile manifest : snapshot.allManifests(table.io())) {
                if (manifests.add(manifest.path())) {
                    for (String path : ManifestFiles.readPaths(manifest, table.io())) {
                        attempts.add(attemptOf(path));
                    }
                }
            }
        }
        return attempts;
    }

    /** The attempt directory a data file is in: the path segment after {@code /data/}. */
    public static String attemptOf(String path) {
        String marker = "/" + LakeTable.DATA;
        int data = path.lastIndexOf(marker);
        String rest = data < 0 ? "" : path.substring(data + marker.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
