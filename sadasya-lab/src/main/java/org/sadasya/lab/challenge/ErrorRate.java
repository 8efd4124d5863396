package org.sadasya.lab.challenge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One figure of the challenge evaluation (ISO/IEC 30107-3 vocabulary).
 *
 * @param set              {@code real} or {@code synthesised}
 * @param metric           {@code APCER} (attack bursts in which a face followed the ticket, over the
 *                         attack bursts the analysis decided on), {@code BPCER} (live bursts following
 *                         their own steps that were rejected, over those decided on) or {@code REVIEW}
 *                         (genuine bursts the analysis could not read, over all of them)
 * @param type             the attack type or the kind of genuine burst
 * @param sources          clips or photos behind the figure
 * @param ticketsPerSource tickets each source was judged against
 * @param presentations    bursts judged: sources × tickets (fewer where some tickets are left out)
 * @param unusable         bursts the analysis could not read (sent to review, neither accepted nor rejected)
 * @param denominator      what the rate is a share of
 * @param errors           the errors counted
 */
public record ErrorRate(String set, String metric, String type, int sources, int ticketsPerSource, int presentations,
        int unusable, int denominator, int errors) {

    public ErrorRate {
        if (errors < 0 || errors > denominator || denominator > presentations || unusable > presentations) {
            throw new IllegalArgumentException("inconsistent counts for " + metric + " " + type);
        }
    }

    public double rate() {
        return denominator == 0 ? Double.NaN : errors / (double) denominator;
    }

    public ClopperPearson interval() {
        return ClopperPearson.of95(errors, denominator);
    }

    /** A JSON-ready line. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", set);
        m.put("metric", metric);
        m.put("type", type);
        m.put("sources", sources);
        m.put("ticketsPerSource", ticketsPerSource);
        m.put("presentations", presentations);
        m.put("unusable", unusable);
        m.put("denominator", denominator);
        m.put("errors", errors);
        m.put("rate", denominator == 0 ? null : round(rate()));
        ClopperPearson ci = interval();
        m.put("ci95", new double[] {round(ci.lower()), round(ci.upper())});
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
