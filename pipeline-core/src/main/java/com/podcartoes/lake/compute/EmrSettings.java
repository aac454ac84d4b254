package com.podcartoes.lake.compute;

import java.util.Map;

/**
 * How the EMR backend starts clusters ({@code emr.*} settings).
 *
 * @param logUri    where EMR writes logs, e.g. {@code s3://pod-lake/0004_logs/}
 * @param subnetId  empty: the account's default VPC
 * @param clusterId empty: start a cluster per flow run; else submit steps to this running cluster
 */
public record EmrSettings(String releaseLabel, String masterInstanceType, String coreInstanceType,
                          int coreInstanceCount, String serviceRole, String jobFlowRole, String logUri,
                          String subnetId, long idleTimeoutSeconds, double pricePerInstanceHour, String clusterId,
                          Map<String, String> tags) {
    public EmrSettings {
        tags = Map.copyOf(tags);
    }
}
