package com.podcartoes.lake.run;

/** Where a running stage is: files and bytes done of total, and the file at hand (null between files). */
public record StageProgress(String runId, String stage, String subject, int filesDone, int filesTotal,
                            long bytesDone, long bytesTotal, String currentFile) {

    /** Fraction done, by bytes when known, else by files; 0 when nothing is known yet. */
    public double fraction() {
        if (bytesTotal > 0) {
            return Math.min(1.0, (double) bytesDone / bytesTotal);
        }
        return filesTotal > 0 ? (double) filesDone / filesTotal : 0;
    }
}
