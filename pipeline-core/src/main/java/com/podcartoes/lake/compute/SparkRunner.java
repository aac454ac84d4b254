package com.podcartoes.lake.compute;

import java.util.List;
import java.util.Optional;

/**
 * Where Spark jobs run, modelled on EMR: clusters run steps. The same calls for the local backend (child JVMs on
 * this machine) and for Amazon EMR, so that the flows, the CLI and the console do not care which one runs a job.
 */
public interface SparkRunner {
    /** "local" or "emr". */
    String backend();

    /** The lake as the jobs on this backend address it ({@code --lake}): a file URI locally, s3://bucket on EMR. */
    String lakeUri();

    /** A cluster ready to take steps: a running one chosen by configuration, or a new one named {@code name}. */
    String acquireCluster(String name);

    /** Called when a flow no longer needs the cluster it acquired: terminates it if this runner started it. */
    void releaseCluster(String clusterId);

    List<ClusterInfo> clusters();

    ClusterInfo cluster(String clusterId);

    /** Submits a step; it starts as soon as the cluster can run it. */
    StepInfo addStep(String clusterId, StepSpec spec);

    StepInfo step(String clusterId, String stepId);

    List<StepInfo> steps(String clusterId);

    void cancelStep(String clusterId, String stepId);

    void terminateCluster(String clusterId);

    /** A step's log, or empty while it is not (yet) available. */
    Optional<String> log(String clusterId, String stepId, LogStream stream);
}
