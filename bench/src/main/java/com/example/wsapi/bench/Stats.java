package com.example.wsapi.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Order statistics of a sample (nearest-rank percentiles: no interpolation between samples). */
record Stats(double[] sorted) {

    static Stats of(List<? extends Number> values) {
        double[] array = values.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(array);
        return new Stats(array);
    }

    static Stats ofNanos(long[] nanos, int count) {
        double[] array = new double[count];
        for (int i = 0; i < count; i++) {
            array[i] = nanos[i] / 1_000_000.0;
        }
        Arrays.sort(array);
        return new Stats(array);
    }

    int count() {
        return sorted.length;
    }

    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double median() {
        return percentile(50);
    }

    double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** Median and the range of the middle half, e.g. {@code 812 (790-845)}. */
    String medianWithSpread(String format) {
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median(), percentile(25),
                percentile(75));
    }

    static String ratio(double value, double floor) {
        return String.format(Locale.ROOT, "%.2fx", value / floor);
    }
}
