package com.podcartoes.lake.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.testing.RecordedOperations;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs after the whole pipeline-core suite (its own Surefire execution, see the pom): the S3 and EMR operations the
 * suites really sent, as {@link RecordedOperations} saw them on the wire, are exactly those the IAM policy is built
 * from: none missing (the tool would be denied), none beyond (the policy would grant what nothing uses).
 */
class IamPolicyCoverageTest {
    @Test
    void thePolicyCoversExactlyTheOperationsTheSuitesSent() throws Exception {
        Set<String> sent = RecordedOperations.all(Path.of(System.getProperty(RecordedOperations.DIR_PROPERTY)));
        Set<String> s3 = new TreeSet<>();
        Set<String> emr = new TreeSet<>();
        Set<String> glue = new TreeSet<>();
        for (String operation : sent) {
            String[] parts = operation.split(" ");
            if (parts[0].equals("S3")) {
                s3.add(parts[1]);
            } else if (parts[0].equals("Emr")) { // the SDK's service name for EMR
                emr.add(parts[1]);
            } else if (parts[0].equals("Glue")) {
                glue.add(parts[1]);
            }
        }
        assertThat(s3).as("S3 operations sent by the suites (run the whole suite, or -DskipIamCoverage)")
                .containsExactlyInAnyOrderElementsOf(IamPolicies.S3_OPERATIONS.keySet());
        assertThat(emr).as("EMR operations sent by the suites (run the whole suite, or -DskipIamCoverage)")
                .containsExactlyInAnyOrderElementsOf(IamPolicies.EMR_OPERATIONS);
        // The user's Glue operations (reading the tables, lake maintain, lake setup --rebuild-tables), through a stub
        // Glue endpoint; the EMR nodes' (creating the database and the tables) are sent by the jobs, not this suite.
        assertThat(glue).as("Glue operations sent by the suites (run the whole suite, or -DskipIamCoverage)")
                .containsExactlyInAnyOrderElementsOf(IamPolicies.GLUE_USER_OPERATIONS);
    }
}
