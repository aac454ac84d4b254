package com.podcartoes.lake.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.podcartoes.lake.jobs.trusted.TrustedJob;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.testing.RawLake;
import com.podcartoes.lake.testing.TestDirs;
import com.podcartoes.lake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Creating the lake's tables: idempotent, named and mapped as the readers expect, never over an older layout. */
class LakeTablesTest {
    private final SparkSession spark = TestSpark.session();

    @Test
    void aTableIsCreatedOnceWithItsNameMappingAndPartitions() {
        RawLake lake = new RawLake(TestDirs.newDir("tables").resolve("pod-lake"));
        LakeTables tables = lake.tables(spark);
        Table first = tables.ensure(LakeTable.TRUSTED_FATURAS, TrustedJob.tableSchema(Subject.FATURAS), "ref",
                "source_file");
        Table again = tables.ensure(LakeTable.TRUSTED_FATURAS, TrustedJob.tableSchema(Subject.FATURAS), "ref",
                "source_file");

        assertThat(again.uuid()).isEqualTo(first.uuid());
        assertThat(((org.apache.iceberg.HasTableOperations) first).operations().current().formatVersion())
                .isEqualTo(2);
        // The mapping names the ids the table's schema has (the catalog assigns them when it creates the table).
        var mapping = org.apache.iceberg.mapping.NameMappingParser.fromJson(
                first.properties().get(TableProperties.DEFAULT_NAME_MAPPING));
        for (String column : java.util.List.of("id_fatura", "id_cliente", "vlr_fatura", "ref", "source_file")) {
            assertThat(mapping.find(column).id()).as(column).isEqualTo(first.schema().findField(column).fieldId());
        }
        assertThat(first.spec().fields()).extracting(f -> f.name()).containsExactly("ref", "source_file");
        assertThat(java.net.URI.create(first.location()).getPath())
                .isEqualTo(lake.path(LakeTable.TRUSTED_FATURAS.prefix()).toString());
        assertThat(tables.currentSnapshotId(LakeTable.TRUSTED_FATURAS)).isEqualTo(-1);
    }

    @Test
    void aTableLeftInThePlainParquetLayoutIsRefusedWithWhatToDo() throws Exception {
        RawLake lake = new RawLake(TestDirs.newDir("legacy").resolve("pod-lake"));
        Path legacy = lake.path(LakeTable.BOOK.prefix() + "ref=202402/part-00000.parquet");
        Files.createDirectories(legacy.getParent());
        Files.write(legacy, new byte[] {1});

        assertThatThrownBy(() -> lake.tables(spark).ensure(LakeTable.BOOK,
                com.podcartoes.lake.jobs.book.BookJob.bookSchema(), "ref"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds plain Parquet written before the lake's tables became Iceberg tables"
                        + " (ref=202402/...)")
                .hasMessageContaining("run 'lake setup --rebuild-tables' (it deletes ")
                .hasMessageContaining("/pod-lake/0002_trusted, ")
                .hasMessageContaining("/pod-lake/0000_control/ledger), then run processing");
        assertThat(legacy).exists(); // nothing of it is touched
    }
}
