package com.podcartoes.lake.cli;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.doctor.Preflight;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code lake doctor}: the preflight, one line per check, a fix under each failure; exit 1 if any failed. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the active profile: the identity its credentials resolve to, the source bucket"
                + " (listing, region), the lake bucket (a probe written, read and deleted), and on EMR the API,"
                + " the roles and the jobs jar upload. One line each, with a fix when a check fails."})
final class DoctorCommand implements Callable<Integer> {
    @ParentCommand
    LakeCli root;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        try (LakeContext lake = root.openLake()) {
            Preflight.Report report = Preflight.check(lake, Clock.systemUTC());
            report.lines().forEach(out::println);
            return report.passed() ? 0 : LakeCli.FAILED;
        }
    }
}
