package com.podcartoes.lake.compute;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an instance costs per hour on EMR, by EC2 instance type (EC2 on-demand plus the EMR charge), from the
 * {@code emr.prices} setting: {@code type=usd,type=usd}. A cluster's cost is, per instance group, the instances
 * times the hours it has been up times its type's price. EMR's normalized instance hours are no price: an xlarge
 * counts 8 units an hour.
 */
public final class EmrPrices {
    /**
     * Defaults for the usual types, USD per hour in us-east-1 (EC2 on-demand + EMR, late 2026): check your region's
     * price list and set {@code emr.prices} to match.
     */
    public static final String DEFAULTS = "m5.xlarge=0.240,m5.2xlarge=0.480,m5.4xlarge=0.960,m6i.xlarge=0.240,"
            + "m6i.2xlarge=0.480,m6g.xlarge=0.193,m6g.2xlarge=0.385,m7g.xlarge=0.204,m7g.2xlarge=0.408,"
            + "r5.xlarge=0.315,r5.2xlarge=0.630,r6g.xlarge=0.252,c5.xlarge=0.213,c5.2xlarge=0.425";

    private final Map<String, Double> perHour;

    private EmrPrices(Map<String, Double> perHour) {
        this.perHour = Map.copyOf(perHour);
    }

    /** @throws IllegalArgumentException naming the entry that is not {@code type=price} */
    public static EmrPrices parse(String table) {
        Map<String, Double> prices = new TreeMap<>();
        for (String entry : table.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=");
            try {
                double price = Double.parseDouble(parts[1].trim());
                if (parts.length != 2 || price < 0) {
                    throw new NumberFormatException();
                }
                prices.put(parts[0].trim().toLowerCase(Locale.ROOT), price);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("emr.prices: '" + entry.trim() + "' is not type=USD per hour"
                        + " (e.g. m5.xlarge=0.240)");
            }
        }
        return new EmrPrices(prices);
    }

    public Optional<Double> perHour(String instanceType) {
        return Optional.ofNullable(perHour.get(instanceType.toLowerCase(Locale.ROOT)));
    }
}
