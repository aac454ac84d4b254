package com.podcartoes.lake.jobs.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.podcartoes.lake.layout.LakeLayout;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Writes why a job failed to the lake ({@link LakeLayout#failureKey}) besides its stderr: the flow reads the sentence
 * from there on every backend. A failure to write it is said on stderr and never hides the job's own failure.
 */
public final class JobFailure {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JobFailure() {
    }

    public static void record(SparkSession spark, String lakeUri, String runId, String job, List<String> failures) {
        if (runId == null) {
            return; // a job started by hand: its stderr says it
        }
        try {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("job", job);
            failure.put("runId", runId);
            failure.put("failures", failures);
            failure.put("at", Instant.now().toString());
            new LakeFiles(lakeUri, spark.sparkContext().hadoopConfiguration())
                    .write(LakeLayout.failureKey(job, runId), JSON.writeValueAsBytes(failure));
        } catch (Exception e) {
            System.err.println("(could not write the failure to the lake: " + e.getMessage() + ")");
        }
    }
}
