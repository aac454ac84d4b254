package com.podcartoes.lake.jobs.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.podcartoes.lake.jobs.common.ParquetSchemas;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The book job writes its own Parquet files; their layout must be the one Spark gives the same schema. Spark's
 * converter is internal API, so only this test uses it: on the Spark the project compiles against, the two agree.
 */
class ParquetLayoutTest {
    @Test
    void theStageAndBookLayoutsAreTheOnesSparkWrites() {
        for (StructType schema : new StructType[] {BookJob.stageSchema(), BookJob.bookSchema()}) {
            assertThat(ParquetSchemas.of(schema))
                    .isEqualTo(new SparkToParquetSchemaConverter(new SQLConf()).convert(schema));
        }
        assertThat(ParquetSchemas.of(BookJob.bookSchema()).getFieldCount()).isEqualTo(462 + 3);
    }

    @Test
    void smallDecimalsAndRequiredColumnsToo() {
        StructType schema = new StructType().add("small", DataTypes.createDecimalType(9, 2), false)
                .add("id", DataTypes.LongType, false).add("day", DataTypes.DateType, true);
        assertThat(ParquetSchemas.of(schema))
                .isEqualTo(new SparkToParquetSchemaConverter(new SQLConf()).convert(schema));
    }

    @Test
    void aTypeWithoutALayoutIsNamed() {
        assertThatThrownBy(() -> ParquetSchemas.of(new StructType().add("at", DataTypes.TimestampType)))
                .hasMessage("no Parquet layout for column at of type timestamp");
    }
}
