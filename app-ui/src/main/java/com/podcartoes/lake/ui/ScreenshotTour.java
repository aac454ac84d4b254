package com.podcartoes.lake.ui;

import com.podcartoes.lake.compute.ClusterInfo;
import com.podcartoes.lake.compute.LogStream;
import com.podcartoes.lake.compute.StepInfo;
import com.podcartoes.lake.s3.S3Entry;
import com.podcartoes.lake.ui.dialogs.FxDialogService;
import com.podcartoes.lake.ui.pipeline.GridRow;
import com.podcartoes.lake.ui.pipeline.PipelineViewModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * {@code lake console --screenshots DIR}: runs the pipeline on the demo data if there is no book yet, then visits
 * every screen and the main dialogs in a fixed order with realistic content chosen, saves one PNG of each (a
 * JavaFX snapshot), and exits 0; or exits 1 with a sentence naming the screen that failed.
 */
final class ScreenshotTour {
    private static final long PIPELINE_TIMEOUT_SECONDS = 600;

    private final MainWindow window;
    private final Stage stage;
    private final FxDialogService dialogs;
    private final Path dir;
    private String at = "opening";

    ScreenshotTour(MainWindow window, Stage stage, FxDialogService dialogs, Path dir) {
        this.window = window;
        this.stage = stage;
        this.dialogs = dialogs;
        this.dir = dir;
    }

    void start() {
        Thread tour = new Thread(() -> {
            int code = 0;
            try {
                Files.createDirectories(dir);
                run();
                System.out.println("screenshots: saved in " + dir.toAbsolutePath());
            } catch (Exception | AssertionError e) {
                System.err.println("screenshots: the " + at + " screen failed: " + e.getMessage());
                code = 1;
            }
            // Platform.exit runs ConsoleApp.stop (flows stopped, lake closed); the launcher then exits with the code.
            ConsoleApp.exitCode = code;
            Platform.runLater(Platform::exit);
        }, "screenshot-tour");
        tour.setDaemon(true);
        tour.start();
    }

    private void run() throws Exception {
        PipelineViewModel pipeline = window.pipeline();
        at = "Pipeline";
        fx(() -> window.show("Pipeline"));
        waitFor("the lake's runs", () -> !pipeline.statusProperty().get().isEmpty(), 60);
        if (fx(() -> window.book().months().isEmpty())) {
            System.out.println("screenshots: no book yet, running the pipeline on the demo data...");
            fx(pipeline::runPipeline);
            waitFor("the pipeline to start", pipeline::runsAFlow, 30);
            // The Trusted step as it runs: its Spark tasks done of total, reported by the job through the lake.
            waitFor("the Trusted step's task progress", () -> pipeline.processingBoxes().get(0).running()
                    && pipeline.processingBoxes().get(0).detail().contains("tasks"), PIPELINE_TIMEOUT_SECONDS);
            save("00-pipeline-running", window);
            waitFor("the pipeline to end", () -> !pipeline.runsAFlow(), PIPELINE_TIMEOUT_SECONDS);
            waitFor("the book", () -> !window.book().months().isEmpty(), 30);
        }
        fx(() -> {
            GridRow latest = pipeline.grid().stream().filter(r -> r.run().flow().equals("processing")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no processing run to show"));
            // The job's own report, or, when its book failed, the reason in its stderr (a halted job printed none).
            var book = latest.stage("book");
            boolean failed = book != null && book.state() == com.podcartoes.lake.run.RunState.FAILED;
            pipeline.logStreamProperty().set(failed ? LogStream.STDERR : LogStream.STDOUT);
            pipeline.select(latest.run().runId(), "book");
        });
        waitFor("the book step's log", () -> pipeline.logProperty().get().length() > 40, 30);
        save("01-pipeline", window);

        fx(() -> window.themeProperty().set(Theme.DARK));
        save("02-pipeline-dark", window);
        fx(() -> window.themeProperty().set(Theme.LIGHT));

        at = "Clusters";
        fx(() -> window.show("Clusters"));
        waitFor("the clusters", () -> !window.clusters().clusters().isEmpty(), 30);
        fx(() -> {
            TableView<ClusterInfo> clusters = lookup("#clusters-table");
            clusters.getSelectionModel().select(0);
        });
        waitFor("the cluster's steps", () -> !window.clusters().steps().isEmpty(), 30);
        fx(() -> {
            TableView<StepInfo> steps = lookup("#steps-table");
            steps.getSelectionModel().select(0);
            window.clusters().streamProperty().set(LogStream.STDERR);
        });
        waitFor("the step's log", () -> window.clusters().logProperty().get().length() > 40, 30);
        save("03-clusters", window);

        at = "Lake";
        fx(() -> window.show("Lake"));
        waitFor("the lake's layers", () -> window.browser().entries().stream()
                .anyMatch(e -> e.key().equals("0001_raw/")), 30);
        for (String folder : new String[] {"0001_raw/", "0001_raw/tb_faturas/", "0001_raw/tb_faturas/controle/"}) {
            fx(() -> window.browser().open(S3Entry.prefix(folder)));
            waitFor(folder, () -> window.browser().prefixProperty().get().equals(folder)
                    && window.browser().entries().stream().allMatch(e -> e.key().startsWith(folder))
                    && !window.browser().entries().isEmpty(), 30);
        }
        save("04-lake-control-files", window);

        at = "Book";
        fx(() -> {
            window.show("Book");
            window.book().clientProperty().set("17");
            window.book().onlyWithValueProperty().set(true);
            window.book().preview();
        });
        waitFor("client 17's row", () -> window.book().statusProperty().get().startsWith("Client 17"), 60);
        save("05-book", window);

        at = "confirmation dialog";
        fx(() -> window.show("Pipeline"));
        String month = fx(() -> window.book().months().get(window.book().months().size() - 1));
        Alert confirm = fx(() -> dialogs.confirmDialog("Replace the book of " + month + "?", "The book and stage of "
                + month + " exist and will be replaced as a whole by this run.", "Replace"));
        saveDialog("06-dialog-confirm", confirm);

        at = "error dialog";
        Alert error = fx(() -> dialogs.errorDialog("Processing failed", new IllegalStateException(
                "book failed: no invoices in s3://pod-lake/0002_trusted/tb_0001_fatura/: run the trusted job first"
                        + " (step s-1 on local-20261203T120000Z; logs: lake logs 20261203T120000Z-0a1b2c book)",
                new java.io.UncheckedIOException(new java.io.IOException("example cause")))));
        fx(() -> error.getDialogPane().setExpanded(true));
        saveDialog("07-dialog-error", error);

        at = "Tables";
        fx(() -> {
            window.show("Tables");
            window.tables().refresh();
        });
        waitFor("the lake's tables", () -> window.tables().tables().stream()
                .anyMatch(t -> t.table() == com.podcartoes.lake.layout.LakeTable.BOOK), 30);
        fx(() -> window.tables().tableProperty().set(window.tables().tables().stream()
                .filter(t -> t.table() == com.podcartoes.lake.layout.LakeTable.TRUSTED_FATURAS).findFirst()
                .orElse(window.tables().tables().get(0))));
        waitFor("the table's commits", () -> !window.tables().commits().isEmpty(), 30);
        save("08-tables", window);
    }

    private void saveDialog(String name, Alert alert) throws Exception {
        fx(alert::show);
        sleep(800);
        save(name, alert.getDialogPane());
        fx(alert::close);
    }

    @SuppressWarnings("unchecked")
    private <T extends Node> T lookup(String selector) {
        Node node = stage.getScene().lookup(selector);
        if (node == null) {
            throw new IllegalStateException("nothing matches " + selector);
        }
        return (T) node;
    }

    private void save(String name, Node node) throws Exception {
        sleep(700); // let layout, CSS and the last bindings settle
        WritableImage image = fx(() -> node.snapshot(null, null));
        PixelReader pixels = image.getPixelReader();
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path file = dir.resolve(name + ".png");
        try {
            ImageIO.write(png, "png", file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        System.out.println("screenshots: " + file.getFileName() + " (" + width + "x" + height + ")");
    }

    private void waitFor(String what, BooleanSupplier ready, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!fx(ready::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + seconds + " s for " + what);
            }
            sleep(250);
        }
    }

    private static void fx(Runnable action) throws Exception {
        fx(() -> {
            action.run();
            return null;
        });
    }

    private static <T> T fx(Supplier<T> action) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result.set(action.get());
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the UI thread did not answer in 60 s");
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get().getMessage(), failure.get());
        }
        return result.get();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
