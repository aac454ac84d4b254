package com.podcartoes.lake.ui;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.SparkRunners;
import com.podcartoes.lake.refined.BookReader;
import com.podcartoes.lake.ui.book.BookView;
import com.podcartoes.lake.ui.book.BookViewModel;
import com.podcartoes.lake.ui.browser.LakeBrowserView;
import com.podcartoes.lake.ui.browser.LakeBrowserViewModel;
import com.podcartoes.lake.ui.clusters.ClustersView;
import com.podcartoes.lake.ui.clusters.ClustersViewModel;
import com.podcartoes.lake.ui.runs.RunsView;
import com.podcartoes.lake.ui.runs.RunsViewModel;
import com.podcartoes.lake.ui.tasks.BackgroundTasks;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** The console's window content: one tab per feature, each a view over its view model. */
public final class MainView extends TabPane {
    private final RunsViewModel runs;
    private final BookViewModel book;
    private final ClustersViewModel clusters;
    private final LakeBrowserViewModel browser;

    public MainView(LakeContext lake, BackgroundTasks tasks) {
        runs = new RunsViewModel(lake, tasks);
        book = new BookViewModel(new BookReader(lake.lake(), lake.scratchDir()), tasks);
        Tab runsTab = new Tab("Runs", new RunsView(runs));
        Tab bookTab = new Tab("Book", new BookView(book));
        clusters = new ClustersViewModel(SparkRunners.create(lake, null), tasks);
        Tab clustersTab = new Tab("Clusters", new ClustersView(clusters));
        browser = new LakeBrowserViewModel(java.util.List.of(lake.lake(), lake.source()), tasks);
        Tab browserTab = new Tab("Lake", new LakeBrowserView(browser));
        getTabs().addAll(runsTab, clustersTab, browserTab, bookTab);
        getTabs().forEach(t -> t.setClosable(false));
        runs.refresh();
        book.refreshMonths();
        clusters.refresh();
        browser.bucketProperty().set(lake.lake());
    }

    public LakeBrowserViewModel browser() {
        return browser;
    }

    public ClustersViewModel clusters() {
        return clusters;
    }

    public RunsViewModel runs() {
        return runs;
    }

    public BookViewModel book() {
        return book;
    }
}
