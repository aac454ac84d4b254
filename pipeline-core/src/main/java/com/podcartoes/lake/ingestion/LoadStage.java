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
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Load: uploads each staged file unchanged to {@code 0001_raw/<subject>/dados/}, verifies the object, and only then
 * writes its control file to {@code 0001_raw/<subject>/controle/}. Raw is immutable: an object already there is
 * never overwritten; if it is the same file the stage just completes the control file, if not it fails.
 */
public final class LoadStage implements Stage<LoadStage.Result> {
    static final String SHA256_METADATA = "sha256";

    private final Subject subject;
    private final S3Bucket lake;
    private final StagingArea staging;
    private final RetryPolicy retry;
    private final Clock clock;

    public LoadStage(Subject subject, S3Bucket lake, StagingArea staging, RetryPolicy retry, Clock clock) {
        this.subject = subject;
        this.lake = lake;
        this.staging = staging;
        this.retry = retry;
        this.clock = clock;
    }

    /**
     * @param loaded        raw keys written by this execution
     * @param alreadyLoaded staged files raw already held completely (an earlier load finished them)
     */
    public record Result(List<String> loaded, List<String> alreadyLoaded, long bytes, long records)
            implements Stage.Outcome {
        @Override
        public int files() {
            return loaded.size();
        }

        @Override
        public String summary() {
            return String.format("%d loaded (%,d bytes, %,d records), %d already in raw", loaded.size(), bytes,
                    records, alreadyLoaded.size());
        }
    }

    @Override
    public String flow() {
        return "ingestion";
    }

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String subject() {
        return subject.id();
    }

    @Override
    public Result execute(StageContext context) {
        List<SourceFileName> names = staging.list(subject);
        List<ControlFile> files = names.stream().map(n -> staging.staged(n).orElseThrow()).toList();
        long totalBytes = files.stream().mapToLong(ControlFile::sizeBytes).sum();
        List<String> loaded = new ArrayList<>();
        List<String> alreadyLoaded = new ArrayList<>();
        long bytes = 0;
        long records = 0;
        for (int i = 0; i < names.size(); i++) {
            SourceFileName name = names.get(i);
            // Between files only: a file is loaded with its control file or not at all.
            context.cancellation().throwIfCancelled(name.fileName());
            ControlFile staged = files.get(i);
            long before = bytes;
            int done = i;
            context.progress(done, names.size(), before, totalBytes, name.fileName(), true);
            if (loadOne(name, staged, context.runId(),
                    sent -> context.progress(done, names.size(), before + sent, totalBytes, name.fileName(), false))) {
                loaded.add(LakeLayout.rawDataKey(name));
                bytes += staged.sizeBytes();
                records += staged.records();
            } else {
                alreadyLoaded.add(LakeLayout.rawDataKey(name));
            }
            staging.remove(name);
        }
        context.progress(names.size(), names.size(), bytes, totalBytes, null, true);
        return new Result(loaded, alreadyLoaded, bytes, records);
    }

    /** Returns true when this call wrote the raw object or its control file, false when both were already there. */
    private boolean loadOne(SourceFileName name, ControlFile staged, String runId,
                            java.util.function.LongConsumer progress) {
        String dataKey = LakeLayout.rawDataKey(name);
        String controlKey = LakeLayout.rawControlKey(name);
        Optional<S3Entry> control = retry.call(() -> lake.head(controlKey));
        if (control.isPresent()) {
            ControlFile existing = Json.read(retry.call(() -> lake.getBytes(controlKey)), ControlFile.class);
            requireSameFile(name, staged, existing.sha256(), lake.uri(controlKey).toString());
            return false;
        }
        Optional<S3Entry> data = retry.call(() -> lake.head(dataKey));
        if (data.isPresent()) {
            // A previous load stopped between the data object and its control file: finish it if it is our file.
            requireSameFile(name, staged, sha256Of(data.get()), lake.uri(dataKey).toString());
        } else {
            Path file = staging.dataFile(name);
            retry.call(() -> lake.putFile(file, dataKey, Map.of(SHA256_METADATA, staged.sha256()),
                    staged.md5Base64(), progress));
            S3Entry written = retry.call(() -> lake.head(dataKey)).orElseThrow(() -> new StorageException(
                    "Uploaded " + lake.uri(dataKey) + " but it is not there", true, null));
            if (written.size() != staged.sizeBytes() || !staged.sha256().equals(sha256Of(written))) {
                throw new StorageException(String.format("Verification of %s failed: %,d bytes, SHA-256 %s;"
                        + " staged %,d bytes, SHA-256 %s", lake.uri(dataKey), written.size(), sha256Of(written),
                        staged.sizeBytes(), staged.sha256()), false, null);
            }
        }
        ControlFile loaded = staged.loaded(new ControlFile.ObjectRef(lake.name(), dataKey, null), clock.instant(),
                runId);
        retry.call(() -> {
            lake.putBytes(controlKey, Json.write(loaded), "application/json");
            return null;
        });
        return true;
    }

    private void requireSameFile(SourceFileName name, ControlFile staged, String rawSha256, String where) {
        if (!staged.sha256().equals(rawSha256)) {
            throw new IllegalStateException(String.format("%s already holds %s with SHA-256 %s, but the staged file"
                    + " has %s; raw is immutable, so it is not overwritten: send the new version under a new"
                    + " extraction time", where, name.fileName(), rawSha256, staged.sha256()));
        }
    }

    /** The object's SHA-256: from its metadata, or by reading it when the server kept no metadata. */
    private String sha256Of(S3Entry object) {
        String fromMetadata = object.metadata().get(SHA256_METADATA);
        if (fromMetadata != null) {
            return fromMetadata;
        }
        return retry.call(() -> {
            try (InputStream in = lake.open(object.key())) {
                return FileFingerprint.copy(in, OutputStream.nullOutputStream(), done -> { }).sha256();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + lake.uri(object.key()), e);
            }
        });
    }
}
