package com.podcartoes.lake.compute;

import java.time.Instant;

/**
 * A cluster as the console and {@code lake clusters} show it.
 *
 * @param normalizedInstanceHours EMR's figure (0 for the local backend)
 * @param estimatedCostUsd        per instance group: instances x hours up x the type's price (emr.prices); NaN
 *                                when a type has no price
 * @param stateReason             EMR's state change message (why it terminated), or null
 */
public record ClusterInfo(String id, String name, ClusterState state, Instant createdAt, Instant readyAt,
                          Instant endedAt, int normalizedInstanceHours, double estimatedCostUsd, String stateReason) {
}
