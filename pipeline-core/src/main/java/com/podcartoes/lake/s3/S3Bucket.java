package com.podcartoes.lake.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The operations the pipeline needs on one bucket, over the AWS SDK v2 client. Every failure becomes a
 * {@link StorageException} that names the operation, the {@code s3://} address and the cause, and says whether a
 * retry can help. Uploads above {@link #multipartThreshold} use multipart; a failed multipart upload is aborted so
 * that no partial object ever appears.
 */
public final class S3Bucket {
    public static final long DEFAULT_MULTIPART_THRESHOLD = 64L * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    /** Parts in flight at once; memory is this many part buffers. */
    public static final int UPLOAD_CONCURRENCY = 4;

    private final S3Client client;
    private final String bucket;
    private final long multipartThreshold;
    private final int partSize;
    private final String kmsKeyId; // null: the bucket's default encryption

    public S3Bucket(S3Client client, String bucket) {
        this(client, bucket, DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE);
    }

    public S3Bucket(S3Client client, String bucket, long multipartThreshold, int partSize) {
        this(client, bucket, multipartThreshold, partSize, null);
    }

    private S3Bucket(S3Client client, String bucket, long multipartThreshold, int partSize, String kmsKeyId) {
        if (partSize < 5 * 1024 * 1024) {
            throw new IllegalArgumentException("S3 parts are at least 5 MiB, got " + partSize);
        }
        this.client = client;
        this.bucket = bucket;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
        this.kmsKeyId = kmsKeyId;
    }

    /**
     * The same bucket, every write of it encrypted with SSE-KMS under this key (id, ARN or alias); empty or null:
     * the bucket's default encryption.
     */
    public S3Bucket withKmsKey(String keyId) {
        return new S3Bucket(client, bucket, multipartThreshold, partSize, keyId == null || keyId.isBlank() ? null
                : keyId);
    }

    public java.util.Optional<String> kmsKeyId() {
        return java.util.Optional.ofNullable(kmsKeyId);
    }

    private PutObjectRequest.Builder encrypted(PutObjectRequest.Builder request) {
        return kmsKeyId == null ? request
                : request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
    }

    public String name() {
        return bucket;
    }

    public S3Uri uri(String key) {
        return new S3Uri(bucket, key);
    }

    public boolean exists() {
        return call("check bucket", "", () -> {
            try {
                client.headBucket(b -> b.bucket(bucket));
                return true;
            } catch (NoSuchBucketException e) {
                return false;
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** Creates the bucket unless it is there already. */
    public void createIfMissing() {
        if (!exists()) {
            call("create bucket", "", () -> client.createBucket(b -> b.bucket(bucket)));
        }
    }

    /**
     * Puts these rules into the bucket's lifecycle configuration, replacing rules of the same ids and keeping every
     * other rule (the bucket may have owners besides the lake).
     */
    public void putLifecycleRules(List<software.amazon.awssdk.services.s3.model.LifecycleRule> rules) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        rules.forEach(r -> ids.add(r.id()));
        List<software.amazon.awssdk.services.s3.model.LifecycleRule> merged = new ArrayList<>();
        call("read the lifecycle of", "", () -> {
            try {
                client.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules().stream()
                        .filter(r -> !ids.contains(r.id())).forEach(merged::add);
            } catch (S3Exception e) {
                if (e.statusCode() != 404) { // NoSuchLifecycleConfiguration: none yet
                    throw e;
                }
            }
            return null;
        });
        merged.addAll(rules);
        call("set the lifecycle of", "", () -> client.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                .lifecycleConfiguration(c -> c.rules(merged))));
    }

    /** The bucket's region as S3 reports it (HeadBucket's {@code x-amz-bucket-region}), or empty if unsaid. */
    public Optional<String> region() {
        return call("check bucket", "", () -> {
            try {
                return Optional.ofNullable(client.headBucket(b -> b.bucket(bucket)).bucketRegion());
            } catch (S3Exception e) {
                // A bucket in another region answers 301 with its region in the header.
                return e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null ? Optional.empty()
                        : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region")
                        .or(() -> { throw e; });
            }
        });
    }

    /**
     * Lists keys under a prefix, following every page. Not recursive: objects directly under the prefix plus one
     * {@link S3Entry#isPrefix() prefix} entry per sub-"directory", as {@code aws s3 ls} shows them.
     */
    public List<S3Entry> list(String prefix, boolean recursive) {
        return list(prefix, recursive, 1000);
    }

    /** As {@link #list(String, boolean)} with a page size, so tests can exercise pagination on few keys. */
    public List<S3Entry> list(String prefix, boolean recursive, int pageSize) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                .bucket(bucket).prefix(prefix).maxKeys(pageSize);
        if (!recursive) {
            request.delimiter("/");
        }
        return call("list", prefix, () -> {
            List<S3Entry> entries = new ArrayList<>();
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(request.build())) {
                page.commonPrefixes().forEach(p -> entries.add(S3Entry.prefix(p.prefix())));
                for (S3Object object : page.contents()) {
                    entries.add(new S3Entry(object.key(), object.size(), object.lastModified(),
                            unquote(object.eTag()), false));
                }
            }
            entries.sort((a, b) -> a.key().compareTo(b.key()));
            return entries;
        });
    }

    public Optional<S3Entry> head(String key) {
        return call("head", key, () -> {
            try {
                HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(key));
                return Optional.of(new S3Entry(key, head.contentLength(), head.lastModified(),
                        unquote(head.eTag()), false, head.metadata()));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    public void putBytes(String key, byte[] content, String contentType) {
        call("upload", key, () -> client.putObject(b -> encrypted(b.bucket(bucket).key(key).contentType(contentType)),
                RequestBody.fromBytes(content)));
    }

    /** Uploads a local file; multipart above the threshold. Returns the new object's ETag. */
    public String putFile(Path file, String key) {
        return putFile(file, key, Map.of(), null, done -> { });
    }

    /**
     * Uploads a local file with user metadata, multipart above the threshold, reporting bytes sent. Every request
     * carries Content-MD5, so the server refuses a body damaged on the way. Returns the new object's ETag.
     *
     * @param md5Base64 the file's MD5 if the caller already knows it (saves a pass over the file), else null
     */
    public String putFile(Path file, String key, Map<String, String> metadata, String md5Base64,
                          LongConsumer bytesSent) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (size <= multipartThreshold) {
            String md5 = md5Base64 != null ? md5Base64 : md5Base64(file);
            String eTag = call("upload", key, () -> unquote(client.putObject(b -> encrypted(b.bucket(bucket).key(key)
                    .metadata(metadata).contentMD5(md5)), RequestBody.fromFile(file)).eTag()));
            bytesSent.accept(size);
            return eTag;
        }
        return putMultipart(file, key, metadata, bytesSent);
    }

    /**
     * Multipart upload with up to {@link #UPLOAD_CONCURRENCY} parts in flight (memory: that many part buffers).
     * Progress is reported from the calling thread as parts complete, in order.
     */
    private String putMultipart(Path file, String key, Map<String, String> metadata, LongConsumer bytesSent) {
        String uploadId = call("start multipart upload", key,
                () -> client.createMultipartUpload(b -> {
                    b.bucket(bucket).key(key).metadata(metadata);
                    if (kmsKeyId != null) {
                        b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
                    }
                }).uploadId());
        ExecutorService pool = Executors.newFixedThreadPool(UPLOAD_CONCURRENCY, daemonThreads("s3-upload"));
        Semaphore inFlight = new Semaphore(UPLOAD_CONCURRENCY);
        List<Future<CompletedPart>> parts = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long sent = 0;
            int reported = 0;
            for (long offset = 0; offset < size; offset += partSize) {
                int length = (int) Math.min(partSize, size - offset);
                byte[] buffer = new byte[length];
                readFully(channel, buffer, offset);
                int number = parts.size() + 1;
                inFlight.acquire();
                parts.add(pool.submit(() -> {
                    try {
                        String md5 = md5Base64(buffer, length);
                        String eTag = call("upload part " + number, key, () -> client.uploadPart(b -> b
                                .bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentMD5(md5),
                                RequestBody.fromBytes(buffer)).eTag());
                        return CompletedPart.builder().partNumber(number).eTag(eTag).build();
                    } finally {
                        inFlight.release();
                    }
                }));
                while (reported < parts.size() && parts.get(reported).isDone()) {
                    parts.get(reported).get(); // surfaces a failed part at once
                    sent += Math.min(partSize, size - (long) reported * partSize);
                    reported++;
                    bytesSent.accept(sent);
                }
            }
            List<CompletedPart> completed = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                completed.add(parts.get(i).get());
                if (i >= reported) {
                    sent += Math.min(partSize, size - (long) i * partSize);
                    bytesSent.accept(sent);
                }
            }
            return call("complete multipart upload", key, () -> unquote(client.completeMultipartUpload(b -> b
                    .bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(completed).build())).eTag()));
        } catch (ExecutionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                    : new StorageException("Cannot upload " + uri(key) + ": " + e.getCause(), true, e.getCause());
            abortQuietly(key, uploadId, parts, cause);
            throw cause;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            IllegalStateException cause = new IllegalStateException("interrupted while uploading " + uri(key), e);
            abortQuietly(key, uploadId, parts, cause);
            throw cause;
        } catch (IOException e) {
            UncheckedIOException cause = new UncheckedIOException("cannot read " + file + " while uploading to "
                    + uri(key), e);
            abortQuietly(key, uploadId, parts, cause);
            throw cause;
        } catch (RuntimeException e) {
            abortQuietly(key, uploadId, parts, e);
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void readFully(FileChannel channel, byte[] buffer, long offset) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer);
        while (target.hasRemaining()) {
            if (channel.read(target, offset + target.position()) < 0) {
                throw new IOException("file shrank while uploading");
            }
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void abortQuietly(String key, String uploadId, List<Future<CompletedPart>> parts, Exception cause) {
        parts.forEach(part -> part.cancel(true));
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException abortFailure) {
            cause.addSuppressed(abortFailure);
        }
    }

    private static String md5Base64(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                md5.update(buffer, 0, read);
            }
            return Base64.getEncoder().encodeToString(md5.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    private static String md5Base64(byte[] content, int length) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(content, 0, length);
            return Base64.getEncoder().encodeToString(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }


    /** Opens an object for streaming; the caller closes the stream. */
    public InputStream open(String key) {
        return call("download", key, () -> client.getObject(b -> b.bucket(bucket).key(key)));
    }

    /**
     * Opens the version of an object that has this ETag; if the object changed since it was listed, fails with a
     * permanent {@link StorageException} (HTTP 412) rather than reading other bytes than the listing described.
     */
    public InputStream open(String key, String eTag) {
        return call("download", key, () -> client.getObject(b -> b.bucket(bucket).key(key)
                .ifMatch("\"" + eTag + "\"")));
    }

    public byte[] getBytes(String key) {
        return call("download", key, () -> client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    }

    /** Downloads to a temporary file beside {@code target} and renames it only when complete. */
    public void getFile(String key, Path target) {
        Path parent = target.toAbsolutePath().getParent();
        Path partial = null;
        try {
            Files.createDirectories(parent);
            partial = Files.createTempFile(parent, "." + target.getFileName(), ".part");
            try (InputStream in = open(key)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + " from " + uri(key), e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // best effort: the partial file has a hidden name and is never read
                }
            }
        }
    }

    public void delete(String key) {
        call("delete", key, () -> client.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    /** An object's bytes and the ETag of exactly those bytes. */
    public record Versioned(byte[] content, String eTag) {
    }

    /** The object with its ETag, or empty when there is none. */
    public Optional<Versioned> getVersioned(String key) {
        return call("download", key, () -> {
            try {
                var response = client.getObjectAsBytes(b -> b.bucket(bucket).key(key));
                return Optional.of(new Versioned(response.asByteArray(), unquote(response.response().eTag())));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    /** Creates the object only if there is none ({@code If-None-Match: *}); its ETag, or empty if one exists. */
    public Optional<String> putIfAbsent(String key, byte[] content, String contentType) {
        return conditionalPut(key, content, contentType, b -> b.ifNoneMatch("*"));
    }

    /** Replaces the object only if it still has this ETag ({@code If-Match}); the new ETag, or empty if not. */
    public Optional<String> putIfMatch(String key, byte[] content, String contentType, String eTag) {
        return conditionalPut(key, content, contentType, b -> b.ifMatch("\"" + eTag + "\""));
    }

    /** Deletes the object only if it still has this ETag; false when it changed or is gone. */
    public boolean deleteIfMatch(String key, String eTag) {
        return call("delete", key, () -> {
            try {
                client.deleteObject(b -> b.bucket(bucket).key(key).ifMatch("\"" + eTag + "\""));
                return true;
            } catch (S3Exception e) {
                if (isConditionFailure(e) || e.statusCode() == 404) {
                    return false;
                }
                throw e;
            }
        });
    }

    private Optional<String> conditionalPut(String key, byte[] content, String contentType,
                                            java.util.function.Consumer<PutObjectRequest.Builder> condition) {
        return call("upload", key, () -> {
            try {
                PutObjectRequest.Builder request = encrypted(PutObjectRequest.builder().bucket(bucket).key(key)
                        .contentType(contentType));
                condition.accept(request);
                return Optional.of(unquote(client.putObject(request.build(), RequestBody.fromBytes(content)).eTag()));
            } catch (S3Exception e) {
                if (isConditionFailure(e) || e.statusCode() == 404) {
                    return Optional.empty(); // 404: an If-Match on an object that is gone
                }
                throw e;
            }
        });
    }

    /** 412 PreconditionFailed, or 409 ConditionalRequestConflict (a concurrent conditional write won). */
    private static boolean isConditionFailure(S3Exception e) {
        return e.statusCode() == 412 || e.statusCode() == 409;
    }

    /** Deletes these objects, 1,000 per request (S3's DeleteObjects); an object that failed is an error. */
    public void deleteAll(List<String> keys) {
        for (int from = 0; from < keys.size(); from += 1000) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + 1000));
            var response = call("delete", batch.get(0), () -> client.deleteObjects(b -> b.bucket(bucket)
                    .delete(d -> d.quiet(true).objects(batch.stream().map(k ->
                            software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder().key(k).build())
                            .toList()))));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                var error = response.errors().get(0);
                throw new StorageException(String.format("Cannot delete %s: %s (%s), and %d more", uri(error.key()),
                        error.message(), error.code(), response.errors().size() - 1), false, null);
            }
        }
    }

    private <T> T call(String operation, String key, Supplier<T> action) {
        try {
            return action.get();
        } catch (S3Exception e) {
            int status = e.statusCode();
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            boolean retryable = status >= 500 || status == 429 || "SlowDown".equals(code)
                    || "RequestTimeout".equals(code);
            throw new StorageException(String.format("Cannot %s %s: %s (HTTP %d %s)", operation, uri(key),
                    describe(code, e), status, code == null ? "" : code).trim(), retryable, e);
        } catch (SdkClientException e) {
            throw new StorageException(String.format("Cannot %s %s: %s", operation, uri(key), e.getMessage()),
                    true, e);
        }
    }

    private String describe(String code, S3Exception e) {
        if (code == null) {
            return e.getMessage();
        }
        return switch (code) {
            case "NoSuchBucket" -> "bucket '" + bucket + "' does not exist";
            case "NoSuchKey" -> "no such object";
            case "AccessDenied" -> "access denied";
            case "InvalidAccessKeyId", "SignatureDoesNotMatch" -> "the credentials were refused (check the"
                    + " credentials profile or the AWS default chain)";
            case "PreconditionFailed" -> "the object changed since it was listed";
            default -> e.awsErrorDetails().errorMessage() == null ? code : e.awsErrorDetails().errorMessage();
        };
    }

    static String unquote(String eTag) {
        if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            return eTag.substring(1, eTag.length() - 1);
        }
        return eTag;
    }
}
