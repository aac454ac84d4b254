package com.podcartoes.lake.testing;

import com.podcartoes.lake.jobs.common.SparkSessions;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession for the whole test JVM (UI off, 127.0.0.1 only), as Iceberg's tests share theirs. */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            SparkConf conf = SparkSessions.local(new SparkConf()
                    .setMaster("local[2]")
                    .setAppName("pod-lake-tests")
                    .set("spark.sql.shuffle.partitions", "4")
                    .set("spark.default.parallelism", "4"));
            session = SparkSession.builder().config(conf).getOrCreate();
            session.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop, "stop-test-spark"));
        }
        return session;
    }
}
