package com.podcartoes.lake.ui;

import com.podcartoes.lake.ui.dialogs.DialogService;
import com.podcartoes.lake.ui.dialogs.Notice;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The user, as tests play them: answers every confirmation with {@link #answer}, and remembers what was said. */
public final class RecordingDialogs implements DialogService {
    public final List<Notice> notices = new CopyOnWriteArrayList<>();
    public final List<String> confirmations = new CopyOnWriteArrayList<>();
    public final List<String> errors = new CopyOnWriteArrayList<>();
    public final List<List<String>> reports = new CopyOnWriteArrayList<>();
    public volatile boolean answer = true;

    @Override
    public void notify(Notice notice) {
        notices.add(notice);
    }

    @Override
    public void showError(String title, Throwable error) {
        errors.add(title + ": " + DialogService.sentence(error));
    }

    @Override
    public boolean confirm(String title, String question, String confirmLabel) {
        confirmations.add(title);
        return answer;
    }

    @Override
    public void showReport(String title, String summary, List<String> lines) {
        List<String> report = new java.util.ArrayList<>();
        report.add(title + ": " + summary);
        report.addAll(lines);
        reports.add(List.copyOf(report));
    }
}
