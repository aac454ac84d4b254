package com.podcartoes.lake.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.podcartoes.lake.demo.DemoDataOptions;
import com.podcartoes.lake.demo.DemoDataSummary;
import com.podcartoes.lake.demo.DemoDataUpload;
import com.podcartoes.lake.json.Json;
import com.podcartoes.lake.layout.ControlFile;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.SourceFileName;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.run.RetryPolicy;
import com.podcartoes.lake.run.RunListener;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.RunState;
import com.podcartoes.lake.run.StageProgress;
import com.podcartoes.lake.run.StageRunner;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import com.podcartoes.lake.s3.StorageException;
import com.podcartoes.lake.testing.LocalS3;
import com.podcartoes.lake.testing.TestDirs;
import com.podcartoes.lake.testing.TestLakes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Extract and load against the embedded S3 server over HTTP. */
class IngestionTest {
    private static final RetryPolicy FAST_RETRY =
            new RetryPolicy(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(50));

    private final Path home = TestLakes.newLakeHome("ingestion");
    private final LocalS3 s3 = new LocalS3(home);
    private S3Bucket source = s3.bucket("pod-source");
    private S3Bucket lake = s3.bucket("pod-lake");
    private final StagingArea staging = new StagingArea(home.resolve("staging"));
    private final List<RunRecord> records = new ArrayList<>();
    private final List<StageProgress> progress = new ArrayList<>();
    private final RunListener listener = new RunListener() {
        @Override
        public void recordChanged(RunRecord record) {
            records.add(record);
        }

        @Override
        public void progress(StageProgress p) {
            progress.add(p);
        }
    };

    @AfterEach
    void close() {
        s3.close();
    }

    private StageRunner runner() {
        return new StageRunner(new RunRecordStore(lake), listener, Clock.systemUTC());
    }

    private ExtractStage extract(Subject subject) {
        return new ExtractStage(subject, source, lake, staging, FAST_RETRY, Clock.systemUTC());
    }

    private LoadStage load(Subject subject) {
        return new LoadStage(subject, lake, staging, FAST_RETRY, Clock.systemUTC());
    }

    private DemoDataSummary generate(DemoDataOptions options) {
        return DemoDataUpload.generate(options, source, home.resolve("tmp"));
    }

    private ControlFile control(String fileName) {
        SourceFileName name = SourceFileName.parse(fileName).orElseThrow();
        return Json.read(lake.getBytes(LakeLayout.rawControlKey(name)), ControlFile.class);
    }

    @Test
    void ingestsGeneratedExtractsByteForByteWithControlFiles() throws Exception {
        DemoDataSummary demo = generate(DemoDataOptions.defaults().withClients(400).withMonths(3).withAllMess());
        StageRunner runner = runner();
        String runId = runner.newRunId();

        ExtractStage.Result extracted = runner.run(runId, extract(Subject.FATURAS));
        LoadStage.Result loaded = runner.run(runId, load(Subject.FATURAS));
        runner.run(runId, extract(Subject.PAGAMENTOS));
        runner.run(runId, load(Subject.PAGAMENTOS));

        assertThat(extracted.staged()).hasSize(3);
        assertThat(loaded.loaded()).containsExactly(
                "0001_raw/tb_faturas/dados/tb_faturas_20230201_20230202000000.csv",
                "0001_raw/tb_faturas/dados/tb_faturas_20230301_20230302000000.csv",
                "0001_raw/tb_faturas/dados/tb_faturas_20230401_20230402000000.csv");
        for (DemoDataSummary.GeneratedFile file : demo.files()) {
            SourceFileName name = SourceFileName.parse(Path.of(file.key()).getFileName().toString()).orElseThrow();
            byte[] original = source.getBytes(file.key());
            assertThat(lake.getBytes(LakeLayout.rawDataKey(name))).as(file.key()).isEqualTo(original);
            ControlFile control = control(name.fileName());
            assertThat(control.sizeBytes()).isEqualTo(original.length).isEqualTo(file.bytes());
            assertThat(control.sha256()).isEqualTo(sha256(original));
            assertThat(control.records()).isEqualTo(file.records());
            assertThat(control.header()).isEqualTo(name.subject().header()); // BOM and CR stripped
            assertThat(control.source().bucket()).isEqualTo("pod-source");
            assertThat(control.source().key()).isEqualTo(file.key());
            assertThat(control.source().eTag()).isEqualTo(source.head(file.key()).orElseThrow().eTag());
            assertThat(control.raw().key()).isEqualTo(LakeLayout.rawDataKey(name));
            assertThat(control.extractedAt()).isEqualTo(name.extractedAt());
            assertThat(control.loadedAt()).isAfterOrEqualTo(control.downloadedAt());
            assertThat(control.runId()).isEqualTo(runId);
        }
        assertThat(staging.list(Subject.FATURAS)).isEmpty(); // staged files are cleaned once raw holds them

        // Four stages, each RUNNING then SUCCEEDED, saved in the lake for any console to read.
        assertThat(records).extracting(RunRecord::state).containsExactly(RunState.RUNNING, RunState.SUCCEEDED,
                RunState.RUNNING, RunState.SUCCEEDED, RunState.RUNNING, RunState.SUCCEEDED, RunState.RUNNING,
                RunState.SUCCEEDED);
        List<RunRecord> stored = new RunRecordStore(lake).latestPerStage();
        assertThat(stored).extracting(RunRecord::stageKey).containsExactly("extract-tb_faturas", "load-tb_faturas",
                "extract-tb_pagamentos", "load-tb_pagamentos");
        RunRecord loadRecord = stored.get(1);
        assertThat(loadRecord.files()).isEqualTo(3);
        assertThat(loadRecord.records()).isEqualTo(demo.records(Subject.FATURAS));
        assertThat(loadRecord.bytes()).isEqualTo(demo.files(Subject.FATURAS).stream()
                .mapToLong(DemoDataSummary.GeneratedFile::bytes).sum());
        // Progress reached every file and ended complete.
        StageProgress last = progress.stream().filter(p -> p.stage().equals("load")
                && p.subject().equals("tb_faturas")).reduce((a, b) -> b).orElseThrow();
        assertThat(last.filesDone()).isEqualTo(3);
        assertThat(last.fraction()).isEqualTo(1.0);
    }

    @Test
    void reRunsSkipWhatRawHoldsAndChangeNothing() {
        generate(DemoDataOptions.defaults().withClients(100).withMonths(2));
        StageRunner runner = runner();
        runner.run(runner.newRunId(), extract(Subject.FATURAS));
        runner.run(runner.newRunId(), load(Subject.FATURAS));
        List<S3Entry> before = lake.list(LakeLayout.RAW, true);

        ExtractStage.Result again = runner.run(runner.newRunId(), extract(Subject.FATURAS));
        LoadStage.Result loadAgain = runner.run(runner.newRunId(), load(Subject.FATURAS));

        assertThat(again.staged()).isEmpty();
        assertThat(again.skipped()).extracting(SkippedFile::reason)
                .containsExactly(SkippedFile.Reason.ALREADY_IN_RAW, SkippedFile.Reason.ALREADY_IN_RAW);
        assertThat(loadAgain.loaded()).isEmpty();
        assertThat(lake.list(LakeLayout.RAW, true)).isEqualTo(before); // same keys, sizes, ETags and dates

        // A new file in the source is the only thing the next run takes.
        DemoDataUpload.generate(DemoDataOptions.defaults().withClients(100).withMonths(3), source,
                home.resolve("tmp"));
        ExtractStage.Result third = runner.run(runner.newRunId(), extract(Subject.FATURAS));
        assertThat(third.staged()).containsExactly("ingestion/tb_faturas/tb_faturas_20230401_20230402000000.csv");
    }

    @Test
    void strayObjectsInRawsControlFolderAreReportedNotParsed() {
        generate(DemoDataOptions.defaults().withClients(20).withMonths(1));
        StageRunner runner = runner();
        runner.run(runner.newRunId(), extract(Subject.FATURAS));
        runner.run(runner.newRunId(), load(Subject.FATURAS));
        String control = LakeLayout.rawControlPrefix(Subject.FATURAS);
        lake.putBytes(control, new byte[0], "application/x-directory"); // a console's "folder"
        lake.putBytes(control + "notes.txt", "checked by Ana".getBytes(StandardCharsets.UTF_8), "text/plain");
        lake.putBytes(control + "tb_pagamentos_20230101_20230102000000.ctl", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json");

        ExtractStage.Result again = runner.run(runner.newRunId(), extract(Subject.FATURAS));

        assertThat(again.staged()).isEmpty();
        assertThat(again.skipped()).filteredOn(f -> f.reason() == SkippedFile.Reason.NOT_A_CONTROL_FILE)
                .extracting(SkippedFile::key).containsExactlyInAnyOrder(control, control + "notes.txt",
                        control + "tb_pagamentos_20230101_20230102000000.ctl");
        assertThat(again.skipped()).filteredOn(f -> f.reason() == SkippedFile.Reason.ALREADY_IN_RAW).hasSize(1);

        // A control file that is no longer JSON stops the stage with a sentence naming it, and raw is untouched.
        String broken = control + "tb_faturas_20230101_20230102000000.ctl";
        lake.putBytes(broken, "{\"format".getBytes(StandardCharsets.UTF_8), "application/json");
        StageRunner.Execution<?> failed = runner.execute(runner.newRunId(), extract(Subject.FATURAS));
        assertThat(failed.record().error()).startsWith("The control file s3://pod-lake/" + broken + " is unreadable")
                .contains("the pipeline never rewrites raw");
    }

    @Test
    void ingestsTheRealPaymentsExtract() throws IOException {
        Path real = TestDirs.realPayments();
        assumeThat(real).as("the real extract in ../shared/data").exists();
        source.putFile(real, "ingestion/tb_pagamentos/" + real.getFileName());

        StageRunner runner = runner();
        runner.run(runner.newRunId(), extract(Subject.PAGAMENTOS));
        LoadStage.Result loaded = runner.run(runner.newRunId(), load(Subject.PAGAMENTOS));

        assertThat(loaded.records()).isEqualTo(90_774);
        byte[] original = Files.readAllBytes(real);
        assertThat(lake.getBytes("0001_raw/tb_pagamentos/dados/" + real.getFileName())).isEqualTo(original);
        ControlFile control = control(real.getFileName().toString());
        assertThat(control.records()).isEqualTo(90_774);
        assertThat(control.sha256()).isEqualTo(sha256(original));
        assertThat(control.header()).isEqualTo("id_pagamento,id_fatura,id_cliente,data_pagamento,valor_pagamento");
    }

    @Test
    void unexpectedAndMaliciousKeysAreSkippedWithTheReasonAndNeverWritten() {
        byte[] csv = (Subject.FATURAS.header() + "\n1-1,1,2023-01-01,2023-01-10,10.0,3.0\n")
                .getBytes(StandardCharsets.UTF_8);
        // The embedded server itself refuses keys with "../" segments (real S3 does not): see nameOfRefuses...
        List<String> bad = List.of(
                "ingestion/tb_faturas/..\\..\\escaped_20230201_20230202000000.csv",
                "ingestion/tb_faturas/..tb_faturas_20230201_20230202000000.csv",
                "ingestion/tb_faturas/sub/tb_faturas_20230201_20230202000000.csv",
                "ingestion/tb_faturas/tb_faturas_2023.csv",
                "ingestion/tb_faturas/tb_pagamentos_20230201_20230202000000.csv",
                "ingestion/tb_faturas/tb_faturas_20230201_20230202000000.csv;rm -rf",
                "ingestion/tb_faturas/tb_faturas_20231301_20231302000000.csv");
        for (String key : bad) {
            source.putBytes(key, csv, "text/csv");
        }
        source.putBytes("ingestion/tb_faturas/tb_faturas_20230201_20230202000000.csv", csv, "text/csv");

        ExtractStage.Result result = runner().run("run-1", extract(Subject.FATURAS));

        assertThat(result.staged()).containsExactly("ingestion/tb_faturas/tb_faturas_20230201_20230202000000.csv");
        assertThat(result.skipped()).extracting(SkippedFile::key).containsExactlyInAnyOrderElementsOf(bad);
        assertThat(result.skipped()).allSatisfy(s -> {
            assertThat(s.reason()).isEqualTo(SkippedFile.Reason.UNSAFE_OR_UNEXPECTED_NAME);
            assertThat(s.detail()).contains("tb_faturas_<YYYYMMDD>_<YYYYMMDDhhmmss>.csv");
        });
        assertThat(home.resolve("escaped_20230201_20230202000000.csv")).doesNotExist();
        assertThat(home.getParent().resolve("escaped_20230201_20230202000000.csv")).doesNotExist();
        assertThat(staging.list(Subject.FATURAS)).extracting(SourceFileName::fileName)
                .containsExactly("tb_faturas_20230201_20230202000000.csv");
        assertThat(result.summary()).contains("1 staged").contains("7 skipped");
    }

    @Test
    void nameOfRefusesKeysThatWouldEscapeTheStagingDirectory() {
        assertThat(ExtractStage.nameOf(Subject.FATURAS,
                "ingestion/tb_faturas/../../../tb_faturas_20230201_20230202000000.csv")).isEmpty();
        assertThat(ExtractStage.nameOf(Subject.FATURAS, "ingestion/tb_faturas//tb_faturas_20230201_20230202000000.csv"))
                .isEmpty();
        assertThat(ExtractStage.nameOf(Subject.FATURAS, "/etc/tb_faturas_20230201_20230202000000.csv")).isEmpty();
        assertThat(ExtractStage.nameOf(Subject.FATURAS, "ingestion/tb_faturas/tb_faturas_20230201_20230202000000.csv"))
                .map(SourceFileName::fileName).contains("tb_faturas_20230201_20230202000000.csv");
    }

    @Test
    void missingSourceBucketFailsAtOnceNamingTheBucket() {
        S3Bucket missing = s3.uncreatedBucket("no-such-source", s3.secretKey());
        ExtractStage stage = new ExtractStage(Subject.FATURAS, missing, lake, staging, FAST_RETRY, Clock.systemUTC());

        StageRunner.Execution<ExtractStage.Result> execution = runner().execute("run-1", stage);

        assertThat(execution.succeeded()).isFalse();
        assertThat(execution.failure()).isInstanceOf(StorageException.class);
        assertThat(execution.failure().getSuppressed()).as("no retry of a permanent error").isEmpty();
        assertThat(execution.record().state()).isEqualTo(RunState.FAILED);
        assertThat(execution.record().error()).isEqualTo("Cannot list s3://no-such-source/ingestion/tb_faturas/:"
                + " bucket 'no-such-source' does not exist (HTTP 404 NoSuchBucket)");
        assertThat(new RunRecordStore(lake).latestPerStage()).extracting(RunRecord::state)
                .containsExactly(RunState.FAILED);
    }

    @Test
    void wrongCredentialsFailAtOnceSayingSo() {
        S3Bucket wrong = s3.uncreatedBucket("pod-source", "wrong-secret");
        ExtractStage stage = new ExtractStage(Subject.FATURAS, wrong, lake, staging, FAST_RETRY, Clock.systemUTC());

        StageRunner.Execution<ExtractStage.Result> execution = runner().execute("run-1", stage);

        assertThat(execution.succeeded()).isFalse();
        assertThat(execution.failure().getSuppressed()).isEmpty();
        assertThat(execution.record().error()).contains("s3://pod-source/ingestion/tb_faturas/")
                .contains("credentials were refused");
    }

    @Test
    void serverStoppedDuringUploadFailsCleanlyAndARetryCompletes() throws Exception {
        // A 23 MiB file, uploaded in 5 MiB parts: the server goes down after the first part.
        String name = "tb_faturas_20230201_20230202000000.csv";
        Path file = home.resolve(name);
        writeCsv(file, 23 * 1024 * 1024);
        source.putFile(file, "ingestion/tb_faturas/" + name);
        runner().run("run-1", extract(Subject.FATURAS));

        S3Bucket smallParts = s3.bucket("pod-lake", 6L * 1024 * 1024, 5 * 1024 * 1024);
        AtomicBoolean stopped = new AtomicBoolean();
        RunListener stopAfterFirstPart = new RunListener() {
            @Override
            public void progress(StageProgress p) {
                if (p.bytesDone() > 0 && p.bytesDone() < p.bytesTotal() && stopped.compareAndSet(false, true)) {
                    s3.stop();
                }
            }
        };
        StageRunner failing = new StageRunner(new RunRecordStore(smallParts), stopAfterFirstPart, Clock.systemUTC(),
                Duration.ZERO); // every progress report, so the stop does not depend on timing
        StageRunner.Execution<LoadStage.Result> broken = failing.execute("run-2",
                new LoadStage(Subject.FATURAS, smallParts, staging, FAST_RETRY, Clock.systemUTC()));

        assertThat(stopped).isTrue();
        assertThat(broken.succeeded()).isFalse();
        assertThat(broken.failure()).isInstanceOf(StorageException.class);
        assertThat(((StorageException) broken.failure()).isTransient()).isTrue();
        assertThat(broken.failure().getMessage()).contains("s3://pod-lake/0001_raw/tb_faturas/dados/" + name);

        s3.start(); // a new port: new clients
        lake = s3.bucket("pod-lake", 6L * 1024 * 1024, 5 * 1024 * 1024);
        assertThat(lake.list(LakeLayout.RAW, true)).as("no partial object after the failure").isEmpty();
        assertThat(staging.list(Subject.FATURAS)).as("still staged for the retry").hasSize(1);

        LoadStage.Result retried = runner().run("run-3", load(Subject.FATURAS));

        assertThat(retried.loaded()).containsExactly("0001_raw/tb_faturas/dados/" + name);
        assertThat(lake.list(LakeLayout.RAW, true)).extracting(S3Entry::key).containsExactly(
                "0001_raw/tb_faturas/controle/tb_faturas_20230201_20230202000000.ctl",
                "0001_raw/tb_faturas/dados/" + name);
        assertThat(sha256(lake.getBytes("0001_raw/tb_faturas/dados/" + name))).isEqualTo(sha256(Files.readAllBytes(file)))
                .isEqualTo(control(name).sha256());
    }

    @Test
    void loadFinishesAControlFileMissingAfterACrashAndRefusesToOverwriteRaw() throws IOException {
        String name = "tb_faturas_20230201_20230202000000.csv";
        SourceFileName parsed = SourceFileName.parse(name).orElseThrow();
        Path file = home.resolve(name);
        writeCsv(file, 10_000);
        source.putFile(file, "ingestion/tb_faturas/" + name);
        runner().run("run-1", extract(Subject.FATURAS));
        // A crash after the data object, before its control file: the data is there, the control file is not.
        lake.putFile(staging.dataFile(parsed), LakeLayout.rawDataKey(parsed));

        LoadStage.Result result = runner().run("run-2", load(Subject.FATURAS));

        assertThat(result.loaded()).containsExactly(LakeLayout.rawDataKey(parsed));
        assertThat(control(name).sha256()).isEqualTo(sha256(Files.readAllBytes(file)));

        // A different file under a name raw already holds is refused, and raw keeps the first.
        Files.writeString(file, Subject.FATURAS.header() + "\n9-9,9,2023-01-01,2023-01-10,1.0,0.3\n");
        source.putFile(file, "ingestion/tb_faturas/" + name);
        ExtractStage.Result changed = runner().run("run-3", extract(Subject.FATURAS));
        assertThat(changed.skipped()).extracting(SkippedFile::reason)
                .containsExactly(SkippedFile.Reason.CHANGED_AFTER_INGESTION);
        assertThat(changed.skipped().get(0).detail()).contains("raw is immutable");
    }

    static void writeCsv(Path file, long approximateBytes) throws IOException {
        Random random = new Random(1);
        StringBuilder csv = new StringBuilder(Subject.FATURAS.header()).append('\n');
        for (int i = 1; csv.length() < approximateBytes; i++) {
            csv.append(i).append("-1,").append(i).append(",2023-01-01,2023-01-10,")
                    .append(random.nextInt(100_000)).append(".5,1.0\n");
        }
        Files.writeString(file, csv);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
