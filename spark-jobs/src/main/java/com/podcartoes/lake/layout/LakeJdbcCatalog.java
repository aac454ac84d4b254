package com.podcartoes.lake.layout;

import java.util.Map;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Iceberg's JDBC catalog under one fixed name. The JDBC catalog keys every table by the name it was given, and
 * Spark gives it the name it is registered under, which differs per lake in a JVM; pipeline-core, which reads the
 * same SQLite file without Spark, must see the same rows.
 */
public class LakeJdbcCatalog extends JdbcCatalog {
    public static final String NAME = "pod_lake";

    @Override
    public void initialize(String name, Map<String, String> properties) {
        super.initialize(NAME, properties);
    }
}
