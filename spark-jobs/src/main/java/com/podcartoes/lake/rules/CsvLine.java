package com.podcartoes.lake.rules;

import com.podcartoes.lake.layout.RejectReason;
import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line as RFC 4180 says: comma separated, fields optionally quoted, {@code ""} for a quote. */
public final class CsvLine {
    private CsvLine() {
    }

    /**
     * A blank line: nothing but spaces, tabs and carriage returns (an extra line break at the end of a file, an
     * empty line between records). It is neither a row nor a reject; ingestion's record count leaves it out too.
     */
    public static boolean isBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    public static List<String> split(String line) throws Rejected {
        List<String> fields = new ArrayList<>(8);
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new Rejected(RejectReason.MALFORMED_LINE, "unterminated quoted field");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new Rejected(RejectReason.MALFORMED_LINE, "text after a closing quote");
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }
}
