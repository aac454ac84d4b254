package com.podcartoes.lake.jobs.common;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet layout Spark gives a flat schema of the types our tables use, built with Parquet's public schema
 * builder. Spark's own converter ({@code SparkToParquetSchemaConverter}) is internal API that may change between
 * patch releases (EMR runs 4.0.2); a test checks this one against it, type for type.
 */
public final class ParquetSchemas {
    /** The name Spark gives the message of the files it writes. */
    static final String MESSAGE = "spark_schema";

    private ParquetSchemas() {
    }

    public static MessageType of(StructType schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (StructField field : schema.fields()) {
            Repetition repetition = field.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
            DataType type = field.dataType();
            if (type.equals(DataTypes.LongType)) {
                message.primitive(PrimitiveTypeName.INT64, repetition).named(field.name());
            } else if (type.equals(DataTypes.IntegerType)) {
                message.primitive(PrimitiveTypeName.INT32, repetition).named(field.name());
            } else if (type.equals(DataTypes.StringType)) {
                message.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType()).named(field.name());
            } else if (type.equals(DataTypes.DateType)) {
                message.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.dateType()).named(field.name());
            } else if (type instanceof DecimalType decimal && decimal.precision() <= 18) {
                // Spark writes a decimal that fits a long as INT64 (INT32 up to precision 9).
                PrimitiveTypeName physical = decimal.precision() <= 9 ? PrimitiveTypeName.INT32
                        : PrimitiveTypeName.INT64;
                message.primitive(physical, repetition)
                        .as(LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision()))
                        .named(field.name());
            } else {
                throw new IllegalArgumentException("no Parquet layout for column " + field.name() + " of type "
                        + type.simpleString());
            }
        }
        return message.named(MESSAGE);
    }
}
