package com.podcartoes.lake.cli;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.embedded.EmbeddedS3;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lake serve}: keeps the local lake's S3 server up until interrupted, so other processes (other lake
 * commands, the AWS CLI, DuckDB) can use it.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the embedded S3 server of the local lake in the foreground until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    LakeCli root;

    @picocli.CommandLine.Option(names = "--show-credentials",
            description = "Also print the server's access and secret keys (random per lake home, kept owner-only in"
                    + " it), for another program such as the AWS CLI or DuckDB.")
    boolean showCredentials;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = root.spec.commandLine().getOut();
        LakeContext lake = root.openLake();
        EmbeddedS3 server = lake.embedded().orElse(null);
        if (server == null) {
            lake.close();
            throw new IllegalArgumentException("profile '" + lake.config().profile() + "' does not use the embedded"
                    + " S3 server");
        }
        if (!server.isOwner()) {
            lake.close();
            out.printf("Another process already serves this lake on %s%n", server.endpoint());
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            lake.close();
            stopped.countDown();
        }, "lake-serve-shutdown"));
        out.printf("Serving s3://%s and s3://%s on %s; Ctrl-C stops.%n", lake.source().name(), lake.lake().name(),
                server.endpoint());
        if (showCredentials) {
            out.printf("access key %s%nsecret key %s%n", server.credentials().accessKey(),
                    server.credentials().secretKey());
        }
        out.flush();
        stopped.await();
        return 0;
    }
}
