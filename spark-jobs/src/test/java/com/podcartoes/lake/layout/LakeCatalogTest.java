package com.podcartoes.lake.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** One description of the catalog for both sides: what a runner passes a job is what the job opens. */
class LakeCatalogTest {
    @Test
    void theLocalCatalogIsAnSqliteFileAndReachesTheJobWhole() {
        LakeCatalog local = LakeCatalog.sqlite(Path.of("/home/me/.pod-lake/catalog/iceberg.db"), "pod_lake");

        assertThat(local.arguments()).containsExactly("--catalog", "jdbc", "--database", "pod_lake",
                "--catalog-uri", "jdbc:sqlite:/home/me/.pod-lake/catalog/iceberg.db");
        assertThat(LakeCatalog.fromArguments(JobArguments.parse(local.arguments().toArray(String[]::new))))
                .isEqualTo(local);
        assertThat(local.properties("file:/home/me/.pod-lake/s3/pod-lake/"))
                .containsEntry("catalog-impl", LakeJdbcCatalog.class.getName())
                .containsEntry("io-impl", "org.apache.iceberg.hadoop.HadoopFileIO")
                .containsEntry("jdbc.journal_mode", "WAL")
                .doesNotContainKey("s3.sse.type");
    }

    @Test
    void onAwsGlueAndS3FileIoWithTheLakesKmsKey() {
        LakeCatalog aws = LakeCatalog.glue("pod_lake").withKmsKey("alias/podcartoes-lake");

        assertThat(LakeCatalog.fromArguments(JobArguments.parse(aws.arguments().toArray(String[]::new))))
                .isEqualTo(aws);
        assertThat(aws.properties("s3://podcartoes-datalake/"))
                .containsEntry("catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog")
                .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                .containsEntry("warehouse", "s3://podcartoes-datalake/")
                .containsEntry("s3.sse.type", "kms")
                .containsEntry("s3.sse.key", "alias/podcartoes-lake");
        assertThat(LakeCatalog.glue("pod_lake").withKmsKey("").kmsKeyId()).isNull();
    }

    @Test
    void aDatabaseNameAthenaCannotQueryIsRefused() {
        assertThatThrownBy(() -> LakeCatalog.glue("Pod-Lake"))
                .hasMessageContaining("lower-case letters, digits and '_'");
    }
}
