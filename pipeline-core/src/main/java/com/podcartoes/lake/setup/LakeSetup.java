package com.podcartoes.lake.setup;

import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.StorageException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * What {@code lake setup} makes true of a lake, idempotently: the lake bucket exists, and its lifecycle moves raw
 * extracts to Glacier after {@code lifecycle.rawToGlacierDays} and aborts multipart uploads left incomplete.
 *
 * <p>Raw goes to Glacier <em>Instant Retrieval</em>: a month can still be reprocessed (a retry of refused files, a
 * forced re-run) without a restore, which Glacier Flexible Retrieval would require before any read.
 */
public final class LakeSetup {
    /** The ids of the lake's rules: set again on each setup, other rules of the bucket kept. */
    static final String RAW_RULE = "pod-lake-raw-to-glacier";
    static final String UPLOADS_RULE = "pod-lake-abort-incomplete-uploads";
    /** Days after which an incomplete multipart upload (a load that died mid-file) is aborted and its parts freed. */
    static final int INCOMPLETE_UPLOAD_DAYS = 7;

    private LakeSetup() {
    }

    /** One line per thing checked or done, for people. */
    public record Report(List<String> lines) {
    }

    /** @param rawToGlacierDays 0: raw stays in S3 Standard */
    public static Report apply(S3Bucket lake, boolean embedded, int rawToGlacierDays) {
        List<String> lines = new ArrayList<>();
        boolean existed = lake.exists();
        lake.createIfMissing();
        lines.add("lake bucket s3://" + lake.name() + (existed ? ": exists" : ": created"));
        try {
            lake.putLifecycleRules(rules(rawToGlacierDays));
            lines.add("lifecycle: " + (rawToGlacierDays > 0 ? LakeLayout.RAW + " to Glacier Instant Retrieval after "
                    + rawToGlacierDays + " days" : LakeLayout.RAW + " stays in S3 Standard (lifecycle"
                    + ".rawToGlacierDays=0)") + "; incomplete multipart uploads aborted after "
                    + INCOMPLETE_UPLOAD_DAYS + " days");
        } catch (StorageException e) {
            if (!embedded || e.statusCode() != 501) {
                throw e;
            }
            lines.add("lifecycle: not applied, the embedded S3 server has no lifecycle API (it answers 501); on AWS"
                    + " 'lake setup' moves " + LakeLayout.RAW + " to Glacier after " + rawToGlacierDays + " days");
        }
        return new Report(lines);
    }

    static List<LifecycleRule> rules(int rawToGlacierDays) {
        List<LifecycleRule> rules = new ArrayList<>();
        rules.add(LifecycleRule.builder().id(UPLOADS_RULE).status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix(""))
                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(INCOMPLETE_UPLOAD_DAYS)).build());
        rules.add(LifecycleRule.builder().id(RAW_RULE)
                .status(rawToGlacierDays > 0 ? ExpirationStatus.ENABLED : ExpirationStatus.DISABLED)
                .filter(f -> f.prefix(LakeLayout.RAW))
                .transitions(t -> t.days(Math.max(rawToGlacierDays, 1))
                        .storageClass(TransitionStorageClass.GLACIER_IR)).build());
        return rules;
    }
}
