package org.ledrl.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A constant-memory histogram of positive values with a bounded relative error: each power of two
 * is split into {@code 2^subBucketBits} equal buckets, so a quantile is off by at most
 * {@code 2^-subBucketBits} of its value (under 1% with the default 7 bits). Values below the lowest
 * bound land in the first bucket, values above the highest in the last; the exact count, sum,
 * minimum and maximum are kept beside the buckets. Recording allocates nothing.
 *
 * <p>Used by {@link RunMetrics} for task latency and decision time; usable by anyone who needs
 * percentiles of a stream. Not thread-safe.
 */
public final class LogHistogram {

    private static final int DEFAULT_SUB_BUCKET_BITS = 7;

    private final int subBucketBits;
    private final int subBuckets;
    private final int minExponent;
    private final int maxExponent;
    private final long[] counts;
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** A histogram for values between {@code lowest} and {@code highest} with under 1% relative error. */
    public LogHistogram(double lowest, double highest) {
        this(lowest, highest, DEFAULT_SUB_BUCKET_BITS);
    }

    public LogHistogram(double lowest, double highest, int subBucketBits) {
        if (!(lowest > 0 && highest > lowest)) {
            throw new IllegalArgumentException("histogram bounds must satisfy 0 < lowest < highest: " + lowest + ", "
                    + highest);
        }
        if (subBucketBits < 0 || subBucketBits > 10) {
            throw new IllegalArgumentException("subBucketBits must be in 0..10: " + subBucketBits);
        }
        this.subBucketBits = subBucketBits;
        this.subBuckets = 1 << subBucketBits;
        this.minExponent = Math.getExponent(lowest);
        this.maxExponent = Math.getExponent(highest);
        // bucket 0 holds values below the range, the last one values above it
        this.counts = new long[(maxExponent - minExponent + 1) * subBuckets + 2];
    }

    /** Records one value; NaN is ignored. */
    public void record(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        counts[index(value)]++;
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    private int index(double value) {
        if (!(value >= Math.scalb(1.0, minExponent))) {
            return 0;
        }
        int exponent = Math.getExponent(value);
        if (exponent > maxExponent) {
            return counts.length - 1;
        }
        // the top mantissa bits say where in the octave the value lies
        int sub = (int) ((Double.doubleToRawLongBits(value) >>> (52 - subBucketBits)) & (subBuckets - 1));
        return 1 + (exponent - minExponent) * subBuckets + sub;
    }

    private double lowerBound(int index) {
        if (index == 0) {
            return 0.0;
        }
        int exponent = minExponent + (index - 1) / subBuckets;
        int sub = (index - 1) % subBuckets;
        return Math.scalb(1.0 + (double) sub / subBuckets, exponent);
    }

    private double upperBound(int index) {
        if (index == counts.length - 1) {
            return Double.POSITIVE_INFINITY;
        }
        return lowerBound(index + 1);
    }

    public long count() {
        return count;
    }

    /** Mean of the recorded values (exact), NaN when empty. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    public double min() {
        return count == 0 ? Double.NaN : min;
    }

    public double max() {
        return count == 0 ? Double.NaN : max;
    }

    /**
     * The nearest-rank quantile {@code q} in [0,1]: the middle of the bucket holding the value of rank
     * {@code ceil(q * count)}, clamped to the exact minimum and maximum (which the first and last
     * ranks return as they are). NaN when empty.
     */
    public double quantile(double q) {
        if (!(q >= 0.0 && q <= 1.0)) {
            throw new IllegalArgumentException("quantile must be in [0,1]: " + q);
        }
        if (count == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        if (rank == 1) {
            return min; // the extremes are known exactly
        }
        if (rank == count) {
            return max;
        }
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                double lower = Math.max(lowerBound(i), min);
                double upper = Math.min(upperBound(i), max);
                return Math.min(max, Math.max(min, (lower + upper) / 2));
            }
        }
        return max;
    }

    /** Adds every value recorded in {@code other}, which must have the same bounds and resolution. */
    public void add(LogHistogram other) {
        if (other.counts.length != counts.length || other.minExponent != minExponent
                || other.subBucketBits != subBucketBits) {
            throw new IllegalArgumentException("histograms have different bounds or resolution");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    public void reset() {
        Arrays.fill(counts, 0L);
        count = 0;
        sum = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
    }

    /**
     * The non-empty bins, merged to {@code binsPerOctave} per power of two (a power of two, at most the
     * histogram's resolution): what a distribution chart draws.
     */
    public List<HistogramBin> bins(int binsPerOctave) {
        if (Integer.bitCount(binsPerOctave) != 1 || binsPerOctave > subBuckets) {
            throw new IllegalArgumentException("binsPerOctave must be a power of two up to " + subBuckets + ": "
                    + binsPerOctave);
        }
        int merge = subBuckets / binsPerOctave;
        List<HistogramBin> bins = new ArrayList<>();
        if (counts[0] > 0) {
            bins.add(new HistogramBin(0.0, lowerBound(1), counts[0]));
        }
        for (int first = 1; first < counts.length - 1; first += merge) {
            long n = 0;
            for (int i = first; i < first + merge; i++) {
                n += counts[i];
            }
            if (n > 0) {
                bins.add(new HistogramBin(lowerBound(first), lowerBound(first + merge), n));
            }
        }
        if (counts[counts.length - 1] > 0) {
            bins.add(new HistogramBin(lowerBound(counts.length - 1), max, counts[counts.length - 1]));
        }
        return bins;
    }
}
