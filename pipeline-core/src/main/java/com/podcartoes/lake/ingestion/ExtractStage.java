package com.podcartoes.lake.ingestion;

import com.podcartoes.lake.json.Json;
import com.podcartoes.lake.layout.ControlFile;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.SourceFileName;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.run.RetryPolicy;
import com.podcartoes.lake.run.Stage;
import com.podcartoes.lake.run.StageContext;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import com.podcartoes.lake.s3.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Extract: lists {@code ingestion/<subject>/} in the source bucket and downloads every file that raw does not hold
 * yet (same name and ETag) into the staging area, streaming with constant memory, fingerprinting on the way
 * (SHA-256, records, header) and checking the size against the listing. Keys that do not follow the naming
 * convention are skipped and reported, never written.
 */
public final class ExtractStage implements Stage<ExtractStage.Result> {
    private final Subject subject;
    private final S3Bucket source;
    private final S3Bucket lake;
    private final StagingArea staging;
    private final RetryPolicy retry;
    private final Clock clock;

    public ExtractStage(Subject subject, S3Bucket source, S3Bucket lake, StagingArea staging, RetryPolicy retry,
                        Clock clock) {
        this.subject = subject;
        this.source = source;
        this.lake = lake;
        this.staging = staging;
        this.retry = retry;
        this.clock = clock;
    }

    /**
     * @param staged        files downloaded by this execution
     * @param alreadyStaged files a previous execution had downloaded and load has not taken yet
     * @param skipped       keys not taken, with the reason
     */
    public record Result(List<String> staged, List<String> alreadyStaged, List<SkippedFile> skipped, long bytes,
                         long records) implements Stage.Outcome {
        @Override
        public int files() {
            return staged.size();
        }

        @Override
        public String summary() {
            long inRaw = skipped.stream().filter(s -> s.reason() == SkippedFile.Reason.ALREADY_IN_RAW).count();
            return String.format("%d staged (%,d bytes, %,d records), %d already staged, %d already in raw,"
                    + " %d skipped", staged.size(), bytes, records, alreadyStaged.size(), inRaw,
                    skipped.size() - inRaw);
        }
    }

    @Override
    public String flow() {
        return "ingestion";
    }

    @Override
    public String name() {
        return "extract";
    }

    @Override
    public String subject() {
        return subject.id();
    }

    @Override
    public Result execute(StageContext context) {
        staging.removePartials(subject);
        String prefix = LakeLayout.sourcePrefix(subject);
        List<S3Entry> listing = retry.call(() -> source.list(prefix, true));
        List<SkippedFile> skipped = new ArrayList<>();
        Map<String, ControlFile> inRaw = rawControlFiles(skipped);

        List<String> alreadyStaged = new ArrayList<>();
        Map<SourceFileName, S3Entry> toDownload = new java.util.TreeMap<>();
        for (S3Entry entry : listing) {
            Optional<SourceFileName> name = nameOf(subject, entry.key());
            if (name.isEmpty()) {
                skipped.add(new SkippedFile(entry.key(), SkippedFile.Reason.UNSAFE_OR_UNEXPECTED_NAME,
                        "expected " + subject.id() + "_<YYYYMMDD>_<YYYYMMDDhhmmss>.csv directly under " + prefix));
                continue;
            }
            ControlFile raw = inRaw.get(name.get().fileName());
            if (raw != null) {
                boolean same = entry.eTag().equals(raw.source().eTag());
                skipped.add(new SkippedFile(entry.key(), same ? SkippedFile.Reason.ALREADY_IN_RAW
                        : SkippedFile.Reason.CHANGED_AFTER_INGESTION, same ? "ETag " + entry.eTag()
                        : "raw holds ETag " + raw.source().eTag() + ", the source now has " + entry.eTag()
                        + "; raw is immutable: send the new version under a new extraction time"));
                continue;
            }
            Optional<ControlFile> staged = staging.staged(name.get());
            if (staged.isPresent() && staged.get().source().eTag().equals(entry.eTag())
                    && staged.get().sizeBytes() == entry.size()) {
                alreadyStaged.add(entry.key());
                continue;
            }
            toDownload.put(name.get(), entry);
        }

        long totalBytes = toDownload.values().stream().mapToLong(S3Entry::size).sum();
        List<String> downloaded = new ArrayList<>();
        long bytes = 0;
        long records = 0;
        int done = 0;
        for (Map.Entry<SourceFileName, S3Entry> file : toDownload.entrySet()) {
            // Between files only: a file is staged whole or not at all, and the next run picks up the rest.
            context.cancellation().throwIfCancelled(file.getKey().fileName());
            long before = bytes;
            int filesDone = done;
            context.progress(filesDone, toDownload.size(), before, totalBytes, file.getKey().fileName(), true);
            ControlFile staged = retry.call(() -> download(file.getKey(), file.getValue(), context.runId(),
                    sent -> context.progress(filesDone, toDownload.size(), before + sent, totalBytes,
                            file.getKey().fileName(), false)));
            downloaded.add(file.getValue().key());
            bytes += staged.sizeBytes();
            records += staged.records();
            done++;
        }
        context.progress(done, toDownload.size(), bytes, totalBytes, null, true);
        return new Result(downloaded, alreadyStaged, skipped, bytes, records);
    }

    /**
     * The file a source key names, if it is a well-formed extract of the subject directly under its prefix. Keys
     * are untrusted: anything else (sub-directories, "..", other subjects, odd characters) is refused here, before
     * any path is built from it.
     */
    static Optional<SourceFileName> nameOf(Subject subject, String key) {
        String prefix = LakeLayout.sourcePrefix(subject);
        if (!key.startsWith(prefix)) {
            return Optional.empty();
        }
        String relative = key.substring(prefix.length());
        return relative.contains("/") || relative.contains("\\") ? Optional.empty()
                : SourceFileName.parse(relative).filter(n -> n.subject() == subject);
    }

    /**
     * The control files raw already has for this subject, by data file name: one listing, then the few GETs. Any
     * other object there (a console's folder marker, a stray file) is skipped and reported, never parsed.
     */
    private Map<String, ControlFile> rawControlFiles(List<SkippedFile> skipped) {
        String prefix = LakeLayout.rawControlPrefix(subject);
        Map<String, ControlFile> byName = new HashMap<>();
        for (S3Entry entry : retry.call(() -> lake.list(prefix, true))) {
            String name = entry.key().substring(prefix.length());
            Optional<SourceFileName> file = name.endsWith(".ctl") && !name.contains("/")
                    ? SourceFileName.parse(name.substring(0, name.length() - 4) + ".csv") : Optional.empty();
            if (file.isEmpty() || file.get().subject() != subject) {
                skipped.add(new SkippedFile(entry.key(), SkippedFile.Reason.NOT_A_CONTROL_FILE, "expected "
                        + subject.id() + "_<YYYYMMDD>_<YYYYMMDDhhmmss>.ctl directly under " + prefix));
                continue;
            }
            ControlFile control;
            try {
                control = Json.read(retry.call(() -> lake.getBytes(entry.key())), ControlFile.class);
            } catch (RuntimeException e) {
                if (e instanceof StorageException) {
                    throw e;
                }
                throw new IllegalStateException("The control file " + lake.uri(entry.key()) + " is unreadable ("
                        + e.getMessage() + "); the pipeline never rewrites raw: restore it or remove it with its"
                        + " data file, then run again", e);
            }
            byName.put(control.fileName(), control);
        }
        return byName;
    }

    private ControlFile download(SourceFileName name, S3Entry entry, String runId,
                                 java.util.function.LongConsumer progress) {
        Path partial = staging.newPartialFile(name);
        try {
            FileFingerprint fingerprint;
            try (InputStream in = source.open(entry.key(), entry.eTag());
                 OutputStream out = Files.newOutputStream(partial)) {
                fingerprint = FileFingerprint.copy(in, out, progress);
            } catch (IOException e) {
                throw new UncheckedIOException("Download of " + source.uri(entry.key()) + " broke off: "
                        + e.getMessage(), e);
            }
            if (fingerprint.sizeBytes() != entry.size()) {
                throw new StorageException(String.format("Download of %s is %,d bytes but the listing said %,d",
                        source.uri(entry.key()), fingerprint.sizeBytes(), entry.size()), true, null);
            }
            ControlFile staged = new ControlFile(ControlFile.FORMAT_VERSION, subject.id(), name.fileName(),
                    new ControlFile.ObjectRef(source.name(), entry.key(), entry.eTag()), null,
                    fingerprint.sizeBytes(), fingerprint.sha256(), fingerprint.md5Base64(), fingerprint.records(),
                    fingerprint.multiLineRecords(), fingerprint.header(),
                    name.dataDate(), name.extractedAt(), clock.instant(), null, runId);
            staging.publish(name, partial, staged);
            return staged;
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a hidden .part file; the next extract removes it
            }
        }
    }
}
