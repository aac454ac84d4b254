package com.podcartoes.lake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS API operation the tests send (service and operation, e.g. {@code S3 PutObject}), for the IAM
 * policy's coverage check. A global SDK interceptor (registered in {@code software/amazon/awssdk/global/handlers/}
 * on the test class path), so every client of every test records without being told; each JVM appends what it has
 * not recorded yet to {@code <pod.lake.awsOperationsDir>/<pid>.txt}.
 */
public final class RecordedOperations implements ExecutionInterceptor {
    public static final String DIR_PROPERTY = "pod.lake.awsOperationsDir";
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String dir = System.getProperty(DIR_PROPERTY);
        String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (dir == null || !SEEN.add(operation)) {
            return;
        }
        try {
            Path file = Files.createDirectories(Path.of(dir)).resolve(ProcessHandle.current().pid() + ".txt");
            synchronized (SEEN) {
                Files.writeString(file, operation + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation recorded under {@code dir}, by every JVM. */
    public static Set<String> all(Path dir) throws IOException {
        Set<String> all = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    all.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
                }
            }
        }
        return all;
    }
}
