package com.podcartoes.lake.refined;

import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.layout.SnapshotSummary;
import com.podcartoes.lake.tables.LakeTablesReader;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Whether the stage and the book, as they stand, come from one run. A book run commits the stage, then the book, in
 * two snapshots that name each other ({@link SnapshotSummary#BOOK_SNAPSHOT}, {@link SnapshotSummary#STAGE_SNAPSHOT});
 * a run that died between its two commits left a stage that names a book snapshot which does not exist.
 *
 * @param state     what the current snapshots say of each other
 * @param stageRun  the run of the stage's current snapshot (null without one)
 * @param bookRun   the run of the book's current snapshot (null without one)
 * @param refs      the months the stage's current snapshot replaced (null without one)
 */
public record StageBookPairing(State state, String stageRun, String bookRun, String refs) {
    public enum State {
        /** Neither table has a commit yet. */
        EMPTY,
        /** The current stage and book snapshots name each other. */
        PAIRED,
        /** The stage's current snapshot names a book snapshot that was never committed. */
        BOOK_NOT_COMMITTED,
        /** The current snapshots do not name each other (committed before the pair named each other). */
        UNKNOWN
    }

    /** The pairing of the current snapshots in {@code tables}. */
    public static StageBookPairing of(LakeTablesReader tables) {
        Optional<Table> stageTable = tables.table(LakeTable.STAGE);
        Optional<Table> bookTable = tables.table(LakeTable.BOOK);
        Snapshot stage = stageTable.map(Table::currentSnapshot).orElse(null);
        Snapshot book = bookTable.map(Table::currentSnapshot).orElse(null);
        if (stage == null && book == null) {
            return new StageBookPairing(State.EMPTY, null, null, null);
        }
        String stageRun = stage == null ? null : stage.summary().get(SnapshotSummary.RUN_ID);
        String bookRun = book == null ? null : book.summary().get(SnapshotSummary.RUN_ID);
        String refs = stage == null ? null : stage.summary().get(SnapshotSummary.REFS);
        String promised = stage == null ? null : stage.summary().get(SnapshotSummary.BOOK_SNAPSHOT);
        if (promised != null && bookTable.map(t -> t.snapshot(Long.parseLong(promised))).isEmpty()) {
            return new StageBookPairing(State.BOOK_NOT_COMMITTED, stageRun, bookRun, refs);
        }
        boolean paired = stage != null && book != null && promised != null
                && promised.equals(Long.toString(book.snapshotId()))
                && Long.toString(stage.snapshotId()).equals(book.summary().get(SnapshotSummary.STAGE_SNAPSHOT));
        return new StageBookPairing(paired ? State.PAIRED : State.UNKNOWN, stageRun, bookRun, refs);
    }

    /** One sentence for the CLI and the console. */
    public String sentence() {
        return switch (state) {
            case EMPTY -> "no stage or book yet";
            case PAIRED -> "stage and book are one run's (" + stageRun + "): their snapshots name each other";
            case BOOK_NOT_COMMITTED -> "the stage is run " + stageRun + "'s but "
                    + (bookRun == null ? "there is no book yet" : "the book is still run " + bookRun + "'s")
                    + ": " + stageRun + " died between its stage and book commits. Run the book of " + refs
                    + " again ('lake run processing --stage book')";
            case UNKNOWN -> "the current stage (" + stageRun + ") and book (" + bookRun + ") snapshots do not name"
                    + " each other: they were committed before the book's runs recorded their pair";
        };
    }
}
