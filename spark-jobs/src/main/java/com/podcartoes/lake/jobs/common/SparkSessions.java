package com.podcartoes.lake.jobs.common;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The session a job's entry point uses. Settings come from spark-submit (EMR) or {@code spark.*} system properties
 * (the local runner); a local master is made loopback-only and quiet.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession forJob(String appName) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (conf.get("spark.master", "local").startsWith("local")) {
            conf.setIfMissing("spark.master", "local[2]");
            local(conf);
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** Local-mode settings: bound to 127.0.0.1, no UI, no _SUCCESS side files in the lake. */
    public static SparkConf local(SparkConf conf) {
        return conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1")
                .setIfMissing("spark.driver.host", "127.0.0.1")
                .setIfMissing("spark.ui.enabled", "false")
                .setIfMissing("spark.sql.shuffle.partitions", "8")
                .setIfMissing("spark.sql.session.timeZone", "UTC")
                .setIfMissing("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
                .setIfMissing("spark.sql.parquet.compression.codec", "snappy")
                // Listing a few hundred local partition directories is faster than a Spark job doing it.
                .setIfMissing("spark.sql.sources.parallelPartitionDiscovery.threshold", "10000");
    }
}
