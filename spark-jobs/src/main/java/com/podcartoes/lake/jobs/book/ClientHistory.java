package com.podcartoes.lake.jobs.book;

import com.podcartoes.lake.book.BookCalculator;
import com.podcartoes.lake.book.BookCalculator.Invoice;
import com.podcartoes.lake.book.BookCalculator.Payment;
import com.podcartoes.lake.book.BookCalculator.StageRow;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.LongAccumulator;

/**
 * One client's deduplicated trusted invoices and payments: everything the stage and the book of any month need.
 * Small (a few dozen rows per client), so the job keeps all of them in memory and computes each output from them.
 * Primitive arrays rather than objects: a fraction of the memory, and Spark sizes the cached partitions quickly.
 */
final class ClientHistory implements Serializable {
    /** The {@code kind} column of the job's narrow input rows. */
    static final int INVOICE = 0;
    static final int PAYMENT = 1;

    private final long client;
    private final long[] invoiceIds;
    private final int[] emissionDays;
    private final int[] dueDays;
    private final long[] invoiceCents;
    private final long[] paymentInvoiceIds;
    private final long[] paymentIds;
    private final int[] paymentDays;
    private final long[] paymentCents;

    private ClientHistory(long client, int invoices, int payments) {
        this.client = client;
        invoiceIds = new long[invoices];
        emissionDays = new int[invoices];
        dueDays = new int[invoices];
        invoiceCents = new long[invoices];
        paymentInvoiceIds = new long[payments];
        paymentIds = new long[payments];
        paymentDays = new int[payments];
        paymentCents = new long[payments];
    }

    long client() {
        return client;
    }

    /** The classified in-scope invoices as of the month's D (empty when the client has none). */
    List<StageRow> stage(YearMonth ref) {
        List<Invoice> invoices = new ArrayList<>(invoiceIds.length);
        for (int i = 0; i < invoiceIds.length; i++) {
            invoices.add(new Invoice(invoiceIds[i], LocalDate.ofEpochDay(emissionDays[i]),
                    LocalDate.ofEpochDay(dueDays[i]), invoiceCents[i]));
        }
        List<Payment> payments = new ArrayList<>(paymentIds.length);
        for (int i = 0; i < paymentIds.length; i++) {
            payments.add(new Payment(paymentInvoiceIds[i], paymentIds[i], LocalDate.ofEpochDay(paymentDays[i]),
                    paymentCents[i]));
        }
        return BookCalculator.stage(client, invoices, payments, ref);
    }

    /**
     * Groups a partition's narrow rows ({@code id_cliente, kind, id_fatura, id_pagamento, date1, date2, amount
     * DECIMAL(14,2), extracted, proc, data_date}) by client in a hash map, instead of sorting the partition, and keeps
     * per key the row of the newest raw file (then the latest dt_proc, then the latest data date).
     */
    static Iterator<ClientHistory> groupAndDeduplicate(Iterator<InternalRow> rows, LongAccumulator duplicateInvoices,
                                                       LongAccumulator duplicatePayments,
                                                       LongAccumulator orphanPayments) {
        Map<Long, List<Candidate>> byClient = new HashMap<>();
        while (rows.hasNext()) {
            InternalRow row = rows.next(); // read at once: the iterator reuses the row object
            byClient.computeIfAbsent(row.getLong(0), c -> new ArrayList<>()).add(new Candidate(
                    row.getInt(1) == INVOICE, row.getLong(2), row.isNullAt(3) ? 0 : row.getLong(3),
                    row.getInt(4), row.isNullAt(5) ? 0 : row.getInt(5), row.getDecimal(6, 14, 2).toUnscaledLong(),
                    row.getLong(7), row.getLong(8), row.getLong(9)));
        }
        long[] counts = new long[3];
        List<ClientHistory> histories = new ArrayList<>(byClient.size());
        byClient.forEach((client, candidates) -> histories.add(deduplicate(client, candidates, counts)));
        // In client order: the book's files then hold narrow id ranges per row group, which a reader of one client
        // skips by their statistics.
        histories.sort(java.util.Comparator.comparingLong(ClientHistory::client));
        duplicateInvoices.add(counts[0]);
        duplicatePayments.add(counts[1]);
        orphanPayments.add(counts[2]);
        return histories.iterator();
    }

    private static ClientHistory deduplicate(long client, List<Candidate> rows, long[] counts) {
        Map<Long, Candidate> invoices = new HashMap<>();
        Map<PaymentKey, Candidate> payments = new HashMap<>();
        int invoiceRows = 0;
        for (Candidate candidate : rows) {
            if (candidate.invoice()) {
                invoiceRows++;
                invoices.merge(candidate.idFatura(), candidate, Candidate::newer);
            } else {
                payments.merge(new PaymentKey(candidate.idFatura(), candidate.idPagamento()), candidate, Candidate::newer);
            }
        }
        ClientHistory history = new ClientHistory(client, invoices.size(), payments.size());
        int i = 0;
        for (Candidate c : invoices.values()) {
            history.invoiceIds[i] = c.idFatura();
            history.emissionDays[i] = c.date1();
            history.dueDays[i] = c.date2();
            history.invoiceCents[i++] = c.cents();
        }
        i = 0;
        for (Candidate c : payments.values()) {
            if (!invoices.containsKey(c.idFatura())) {
                counts[2]++;
            }
            history.paymentInvoiceIds[i] = c.idFatura();
            history.paymentIds[i] = c.idPagamento();
            history.paymentDays[i] = c.date1();
            history.paymentCents[i++] = c.cents();
        }
        counts[0] += invoiceRows - invoices.size();
        counts[1] += rows.size() - invoiceRows - payments.size();
        return history;
    }

    private record PaymentKey(long idFatura, long idPagamento) {
    }

    /** A trusted row as the deduplication needs it: the values, and which raw file it came from. */
    private record Candidate(boolean invoice, long idFatura, long idPagamento, int date1, int date2, long cents,
                             long extracted, long dtProc, long dataDate) {
        /** The data contract's rule (section 3, and the tie in docs/data-contract-notes.md): never merge order. */
        Candidate newer(Candidate other) {
            if (extracted != other.extracted) {
                return extracted > other.extracted ? this : other;
            }
            if (dtProc != other.dtProc) {
                return dtProc > other.dtProc ? this : other;
            }
            return dataDate >= other.dataDate ? this : other;
        }
    }
}
