package com.podcartoes.lake.tables;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.testing.TestLakes;
import com.podcartoes.lake.testing.TestTables;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TableHistoryTest {
    private final LakeContext lake = TestLakes.open("table-history");

    @AfterEach
    void close() {
        lake.close();
    }

    @Test
    void eachTableListsItsCommitsNewestFirstWithTheirRunsAndCounts() {
        TestTables.commitMonths(lake, LakeTable.BOOK, "202401");
        TestTables.commitMonths(lake, LakeTable.BOOK, "202402", "202403");
        TestTables.commitMonths(lake, LakeTable.TRUSTED_FATURAS, "202401");

        List<TableHistory> tables = TableHistory.of(lake.tables());

        // Only the tables the catalog has, in the lake's order (Trusted before the book).
        assertThat(tables).extracting(TableHistory::table)
                .containsExactly(LakeTable.TRUSTED_FATURAS, LakeTable.BOOK);
        TableHistory book = tables.get(1);
        assertThat(book.location()).endsWith("/pod-lake/0003_refined/book_fatura");
        assertThat(book.commits()).extracting(TableHistory.Commit::runId)
                .containsExactly("run-202402-202403", "run-202401");
        TableHistory.Commit latest = book.commits().get(0);
        assertThat(latest.current()).isTrue();
        assertThat(latest.operation()).isEqualTo("append");
        assertThat(latest.replaced()).isEqualTo("202402,202403");
        assertThat(latest.addedRecords()).isEqualTo(2);
        assertThat(latest.totalRecords()).isEqualTo(3);
        assertThat(latest.totalFiles()).isEqualTo(3);
        assertThat(book.commits().get(1).current()).isFalse();
        assertThat(book.current()).contains(latest);
    }
}
