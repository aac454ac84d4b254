package com.podcartoes.lake.compute;

import java.util.Map;

/**
 * How the EMR backend starts clusters ({@code emr.*} settings).
 *
 * @param logUri    where EMR writes logs, e.g. {@code s3://pod-lake/0004_logs/}
 * @param subnetId  empty: the account's default VPC
 * @param clusterId empty: start a cluster per flow run; else submit steps to this running cluster
 * @param securityConfiguration empty: none
 * @param ebsRootVolumeSizeGb   0: EMR's default
 */
public record EmrSettings(String releaseLabel, String masterInstanceType, String coreInstanceType,
                          int coreInstanceCount, String serviceRole, String jobFlowRole, String logUri,
                          String subnetId, long idleTimeoutSeconds, EmrPrices prices, String clusterId,
                          Map<String, String> tags, String securityConfiguration, int ebsRootVolumeSizeGb,
                          boolean visibleToAllUsers) {
    /** The tag EMR's managed-policy roles ({@code EMR_DefaultRole_V2}) require on the clusters they manage. */
    public static final String MANAGED_POLICY_TAG = "for-use-with-amazon-emr-managed-policies";

    public EmrSettings {
        java.util.Map<String, String> all = new java.util.TreeMap<>(tags);
        if (serviceRole.endsWith("_V2")) {
            all.putIfAbsent(MANAGED_POLICY_TAG, "true");
        }
        tags = Map.copyOf(all);
    }

    /** {@code key=value,key=value}, as {@code emr.tags} holds them. */
    public static Map<String, String> parseTags(String text) {
        java.util.Map<String, String> tags = new java.util.TreeMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("emr.tags: '" + entry.trim() + "' is not key=value");
            }
            tags.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return tags;
    }
}
