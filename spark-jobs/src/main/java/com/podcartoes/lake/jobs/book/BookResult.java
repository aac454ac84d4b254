package com.podcartoes.lake.jobs.book;

import java.util.Map;

/**
 * What a book run built: clients and stage rows per reference month, and what deduplication found.
 *
 * @param duplicateInvoices rows of the trusted invoices dropped because a newer raw file had the same key
 * @param duplicatePayments the same for payments
 * @param orphanPayments    payments whose invoice is not in the trusted invoices
 */
public record BookResult(String runId, String dtProc, Map<String, Long> clientsPerRef,
                         Map<String, Long> stageRowsPerRef, long duplicateInvoices, long duplicatePayments,
                         long orphanPayments, long durationMillis) {
}
