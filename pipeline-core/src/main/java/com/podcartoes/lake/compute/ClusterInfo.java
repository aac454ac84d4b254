package com.podcartoes.lake.compute;

import java.time.Instant;

/**
 * A cluster as the console and {@code lake clusters} show it.
 *
 * @param normalizedInstanceHours EMR's figure (0 for the local backend)
 * @param estimatedCostUsd        normalized instance hours times the configured price
 * @param stateReason             EMR's state change message (why it terminated), or null
 */
public record ClusterInfo(String id, String name, ClusterState state, Instant createdAt, Instant readyAt,
                          Instant endedAt, int normalizedInstanceHours, double estimatedCostUsd, String stateReason) {
}
