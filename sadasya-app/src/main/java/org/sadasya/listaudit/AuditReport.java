package org.sadasya.listaudit;

import org.sadasya.common.SameSpotRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.sadasya.listaudit.ListFindings.FaceCluster;
import org.sadasya.listaudit.ListFindings.MemberFinding;
import org.sadasya.listaudit.ListFindings.ReusePair;
import org.sadasya.listaudit.ListFindings.WorkerShare;

/**
 * {@code report.html}: one self-contained page (inline CSS, inline SVG charts, face thumbnails as
 * inline base64 JPEG) that an auditor can open offline and mail. Every text that comes from the
 * list is HTML-escaped. Deterministic: the same findings give the same bytes (no clock, no timings),
 * which is what lets a resumed audit be checked against an uninterrupted one.
 */
public final class AuditReport {

    /** At most this many groups of each kind are drawn with photos; the CSV has them all. */
    public static final int MAX_GROUPS = 200;

    private final ListFindings f;
    private final IntFunction<Optional<String>> thumbnail;
    private final StringBuilder h = new StringBuilder(64 * 1024);

    /**
     * @param thumbnail base64 JPEG of a row's face (or photo), or empty
     */
    private AuditReport(ListFindings findings, IntFunction<Optional<String>> thumbnail) {
        this.f = findings;
        this.thumbnail = thumbnail;
    }

    public static byte[] of(String listName, ListFindings findings, Settings settings,
            IntFunction<Optional<String>> thumbnail) {
        return new AuditReport(findings, thumbnail).render(listName, settings).getBytes(StandardCharsets.UTF_8);
    }

    /** The operating points, printed in the report so a reader knows what the flags mean. */
    public record Settings(double matchThreshold, int reuseDistance, SameSpotRule sameSpot, String modelVersion,
            String indexKind) {}

    private String render(String listName, Settings s) {
        int members = f.members().size();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Sadasya audit: ").append(esc(listName)).append("</title><style>")
                .append("body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em;color:#222}")
                .append("h1{font-size:1.6em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}")
                .append("th{background:#f3f3f3}.num{text-align:right}.group{border:1px solid #ccc;border-radius:6px;padding:.5em;margin:.6em 0}")
                .append(".faces{display:flex;flex-wrap:wrap;gap:.6em}.face{width:120px;font-size:12px}.face img{width:112px;height:112px;object-fit:cover;border-radius:4px;background:#eee}")
                .append(".noimg{width:112px;height:112px;background:#eee;display:flex;align-items:center;justify-content:center;color:#888}")
                .append(".note{background:#fff8e1;border-left:4px solid #f0b400;padding:.5em 1em}.private{background:#fdecea;border-left:4px solid #c62828;padding:.5em 1em}")
                .append("</style></head><body>\n");
        h.append("<h1>Membership list audit: ").append(esc(listName)).append("</h1>\n");
        h.append("<p class=\"private\">This report contains members' face images. Keep it as you keep the membership list: ")
                .append("share it only with people entitled to see the list, and delete it when the audit is closed.</p>\n");

        // Summary.
        h.append("<h2>Summary</h2>\n<p><b>").append(members).append("</b> members; <b>").append(f.cleanCount())
                .append("</b> with no flag; <b>").append(members - f.cleanCount()).append("</b> flagged.</p>\n");
        h.append("<table><tr><th>flag</th><th class=\"num\">members</th><th>meaning</th></tr>\n");
        for (Flag flag : Flag.values()) {
            h.append("<tr><td>").append(flag).append("</td><td class=\"num\">").append(f.flagCounts().get(flag))
                    .append("</td><td>").append(esc(meaning(flag, s))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        barChart(f.flagCounts().entrySet().stream().map(e -> Map.entry(e.getKey().name(), (double) e.getValue())).toList(),
                members, false);
        h.append("<p class=\"note\">Presentation-attack detection is weak on real data (sadasya-face/README-pad.md): ")
                .append("a SPOOF verdict is a lead for a person to check, and many recaptured photos pass as LIVE or DOUBT. ")
                .append("<b>").append(f.doubts().size()).append("</b> photos were judged DOUBT; they are counted here, not flagged.</p>\n");

        // Duplicate clusters.
        h.append("<h2>Duplicate faces (").append(f.clusters().size()).append(" clusters)</h2>\n");
        h.append("<p>The same face under more than one member (cosine similarity ≥ ")
                .append(fmt(s.matchThreshold())).append("). Links show which pairs matched.</p>\n");
        int shown = 0;
        for (FaceCluster c : f.clusters()) {
            if (shown++ == MAX_GROUPS) {
                h.append("<p>… ").append(f.clusters().size() - MAX_GROUPS).append(" more clusters in audit.csv.</p>\n");
                break;
            }
            h.append("<div class=\"group\"><div class=\"faces\">");
            c.rows().forEach(this::face);
            h.append("</div><p>");
            for (FaceClusters.Pair p : c.pairs()) {
                h.append(esc(id(p.a()))).append(" ~ ").append(esc(id(p.b()))).append(": ").append(fmt(p.similarity())).append("; ");
            }
            h.append("</p></div>\n");
        }

        // Reused pictures.
        h.append("<h2>Reused photos (").append(f.reuse().size()).append(" pairs)</h2>\n<p>The same picture, also resized or re-encoded, ")
                .append("under two members (difference hash within ").append(s.reuseDistance()).append(" of 64 bits).</p>\n");
        shown = 0;
        for (ReusePair r : f.reuse()) {
            if (shown++ == MAX_GROUPS) {
                h.append("<p>… more in audit.csv.</p>\n");
                break;
            }
            h.append("<div class=\"group\"><div class=\"faces\">");
            face(r.a());
            face(r.b());
            h.append("</div><p>dHash distance ").append(r.distance()).append("/64</p></div>\n");
        }

        // Recaptures.
        h.append("<h2>Recaptured photos (").append(f.recaptures().size()).append(")</h2>\n")
                .append("<p>Photos the presentation-attack check judged SPOOF: a photo of a printed photo or of a screen.</p>\n<div class=\"faces\">");
        f.recaptures().stream().limit(MAX_GROUPS).forEach(this::face);
        h.append("</div>\n");

        // Same spot.
        h.append("<h2>Enrolled from one spot (").append(f.spots().size()).append(" spots)</h2>\n<p>")
                .append(esc(meaning(Flag.SAME_SPOT, s))).append("</p>\n");
        if (!f.spots().isEmpty()) {
            h.append("<table><tr><th>worker</th><th class=\"num\">members</th><th>members</th></tr>\n");
            for (SameSpotRule.Spot spot : f.spots()) {
                h.append("<tr><td>").append(esc(spot.workerId())).append("</td><td class=\"num\">").append(spot.rows().size())
                        .append("</td><td>");
                spot.rows().forEach(r -> h.append(esc(id(r))).append(' '));
                h.append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        // Workers.
        h.append("<h2>Workers by suspicious share</h2>\n<p>Share of each worker's members with at least one flag. ")
                .append("A duplicate flags both members, the genuine one too: read the clusters above before acting.</p>\n");
        List<WorkerShare> top = f.workers().stream().limit(30).toList();
        barChart(top.stream().map(w -> Map.entry(w.workerId(), w.share())).toList(), 1, true);
        h.append("<table><tr><th>worker</th><th class=\"num\">members</th><th class=\"num\">flagged</th><th class=\"num\">share</th><th>flags</th></tr>\n");
        for (WorkerShare w : f.workers()) {
            h.append("<tr><td>").append(esc(w.workerId())).append("</td><td class=\"num\">").append(w.members())
                    .append("</td><td class=\"num\">").append(w.flagged()).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.0f %%", 100 * w.share())).append("</td><td>");
            w.flags().forEach((fl, n) -> h.append(fl).append(' ').append(n).append("; "));
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>How this was made</h2>\n<p>sadasya audit; models ").append(esc(s.modelVersion()))
                .append("; face search: ").append(esc(s.indexKind())).append(". Each photo is analysed once; the primary face ")
                .append("(highest detection score) represents the member. Per-member reasons are in audit.csv.</p>\n");
        h.append("</body></html>\n");
        return h.toString();
    }

    private void face(int row) {
        MemberFinding m = f.members().get(row);
        h.append("<div class=\"face\">");
        Optional<String> jpeg = thumbnail.apply(row);
        if (jpeg.isPresent()) {
            h.append("<img alt=\"face of ").append(esc(m.row().memberId())).append("\" src=\"data:image/jpeg;base64,")
                    .append(jpeg.get()).append("\">");
        } else {
            h.append("<div class=\"noimg\">no image</div>");
        }
        h.append("<br><b>").append(esc(m.row().memberId())).append("</b><br>").append(esc(m.row().name()))
                .append("<br>worker ").append(esc(m.row().workerId())).append("<br>booth ").append(esc(m.row().boothCode()))
                .append("</div>");
    }

    /** A horizontal bar chart in inline SVG; {@code percent} labels values as shares. */
    private void barChart(List<Map.Entry<String, Double>> bars, double max, boolean percent) {
        if (bars.isEmpty()) {
            return;
        }
        int rowH = 22;
        int labelW = 160;
        int barW = 520;
        h.append("<svg role=\"img\" aria-label=\"bar chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(labelW + barW + 80).append("\" height=\"").append(bars.size() * rowH + 4).append("\">");
        for (int i = 0; i < bars.size(); i++) {
            double v = bars.get(i).getValue();
            int y = i * rowH + 2;
            double w = max <= 0 ? 0 : barW * v / max;
            h.append("<text x=\"").append(labelW - 6).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\" font-size=\"12\">").append(esc(bars.get(i).getKey())).append("</text>")
                    .append("<rect x=\"").append(labelW).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(String.format(Locale.ROOT, "%.1f", w)).append("\" height=\"").append(rowH - 6)
                    .append("\" fill=\"").append(percent && v >= 0.5 ? "#c62828" : "#1e88e5").append("\"/>")
                    .append("<text x=\"").append(String.format(Locale.ROOT, "%.1f", labelW + w + 4)).append("\" y=\"").append(y + 15)
                    .append("\" font-size=\"12\">")
                    .append(percent ? String.format(Locale.ROOT, "%.0f %%", 100 * v) : String.format(Locale.ROOT, "%.0f", v))
                    .append("</text>");
        }
        h.append("</svg>\n");
    }

    private String id(int row) {
        return f.members().get(row).row().memberId();
    }

    static String meaning(Flag flag, Settings s) {
        return switch (flag) {
            case NO_FACE -> "no usable face: no photo, an unreadable photo, or no face found in it";
            case MULTIPLE_FACES -> "more than one face of similar size (each at least "
                    + Math.round(100 * PhotoInspector.COMPARABLE_FACE_AREA) + " % of the largest face's area)";
            case DUPLICATE_FACE -> "the face matches another member's (cosine ≥ " + fmt(s.matchThreshold()) + ")";
            case DUPLICATE_EPIC -> "the EPIC is used by another member";
            case DUPLICATE_MOBILE -> "the mobile number is used by another member";
            case LIVENESS -> "the photo was judged a recapture (SPOOF) by presentation-attack detection";
            case IMAGE_REUSE -> "the same picture as another member's photo (dHash within " + s.reuseDistance() + " bits)";
            case SAME_SPOT -> String.format(Locale.ROOT,
                    "at least %d members of one worker enrolled within %.0f m of one spot (a camp looks the same: review, not proof)",
                    s.sameSpot().minMembers(), s.sameSpot().radiusMeters());
            case INVALID_EPIC -> "EPIC not of the form ABC1234567";
            case INVALID_MOBILE -> "not a ten-digit Indian mobile number starting 6–9";
            case UNDERAGE -> "age under " + RowChecks.MINIMUM_AGE;
            case BAD_ROW -> "the CSV row could not be read (wrong number of fields or no member_id)";
        };
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** HTML-escapes text from the list (element content and quoted attribute values). */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
