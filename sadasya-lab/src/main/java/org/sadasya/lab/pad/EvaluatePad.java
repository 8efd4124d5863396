package org.sadasya.lab.pad;

import org.sadasya.face.pad.PadFeatures;
import org.sadasya.face.pad.PresentationAttackDetector;
import org.sadasya.face.pad.PadModel;
import org.sadasya.face.pad.DecisionLadder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.sadasya.face.LivenessVerdict;

/**
 * ISO/IEC 30107-3 style evaluation with leave-one-source-out cross-validation: for each source of
 * {@code shared/data/pad}, a model is trained on all the other sources (with its own inner
 * cross-validation for cost, calibration and ladder) and judges the held-out source. Then the
 * model trained on all sources judges the genuine photos of {@code shared/data/faces}.
 *
 * <p>{@code ./lab evaluate liveness [--live-below 0.5 | --trained-ladder]} prints Markdown tables (README-pad.md quotes them). Images without a face are counted apart and
 * are neither a caught attack nor a passed genuine face.
 */
public final class EvaluatePad {

    /** A judged image. */
    record Judged(PadDataset.Sample sample, double faceScore, List<LivenessVerdict> faceVerdicts, double imageScore,
            double finalScore, LivenessVerdict verdict) {}

    private EvaluatePad() {}

    /**
     * Prints the figures (Markdown): each source held out once and judged by a model trained
     * without it; with {@code trainedLadder} by the fold model's own ladder, else by the shipped
     * policy ('live' below {@code liveBelow}).
     */
    public static void run(Path shared, Path cache, boolean trainedLadder, double liveBelow) throws IOException {
        List<PadDataset.Sample> all = PadDataset.load(PadDataset.sharedFolder(shared), cache);
        List<PadDataset.Sample> pad = all.stream().filter(s -> s.set().equals("pad")).toList();
        List<PadDataset.Sample> faces = all.stream().filter(s -> s.set().equals("faces")).toList();
        List<String> sources = new ArrayList<>(new TreeSet<>(pad.stream().map(PadDataset.Sample::source).toList()));
        List<String> allSources = new ArrayList<>(new TreeSet<>(all.stream().map(PadDataset.Sample::source).toList()));

        // every source is held out once, the genuine-only folders of data/faces included
        List<Judged> judged = new ArrayList<>();
        List<Judged> facesJudged = new ArrayList<>();
        StringBuilder ladders = new StringBuilder();
        for (String held : allSources) {
            List<PadDataset.Sample> train = all.stream().filter(s -> !s.source().equals(held)).toList();
            PadModel model = PadTraining.trainModel("without-" + held, train, Map.of());
            if (!trainedLadder) {
                // The shipped policy: 'live' below the given calibrated score, 'spoof' as trained.
                model = PresentationAttackDetector.withLiveBelow(model, liveBelow);
            }
            ladders.append(String.format(Locale.ROOT, "| %s | %.3f–%.3f | %s | %s | %s |%n", held,
                    model.faceLadder().liveBelow(), model.faceLadder().spoofFrom(),
                    model.imageLadder().fires() ? String.format(Locale.ROOT, "%.3f–%.3f",
                            model.imageLadder().liveBelow(), model.imageLadder().spoofFrom()) : "not used",
                    ((Map<?, ?>) model.provenance().get("face")).get("chosenCost"),
                    ((Map<?, ?>) model.provenance().get("face")).get("outOfFoldAuc")));
            for (PadDataset.Sample s : all) {
                if (s.source().equals(held)) {
                    (s.set().equals("pad") ? judged : facesJudged).add(judge(model, s));
                }
            }
        }

        System.out.println("## Leave-one-source-out, per held-out source (pipeline verdict: worst face and whole image)\n");
        System.out.println("| held-out source | attack type | genuine | attacks | no face (g/a) | BPCER (genuine→spoof) | genuine→doubt | APCER (attack→live) | attack→doubt | attack→spoof |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (String src : sources) {
            List<Judged> js = judged.stream().filter(j -> j.sample().source().equals(src)).toList();
            String types = String.join(", ", new TreeSet<>(js.stream().filter(j -> j.sample().attack())
                    .map(j -> j.sample().attackType()).toList()));
            System.out.println(row(src, types, js));
        }
        System.out.println();
        System.out.println("## Pooled over all held-out folds\n");
        System.out.println("| subset | attack type | genuine | attacks | no face (g/a) | BPCER (genuine→spoof) | genuine→doubt | APCER (attack→live) | attack→doubt | attack→spoof |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        List<Judged> genuine = judged.stream().filter(j -> !j.sample().attack()).toList();
        for (String family : List.of("print", "screen")) {
            List<Judged> subset = new ArrayList<>(genuine);
            judged.stream().filter(j -> j.sample().attack() && j.sample().attackFamily().equals(family)).forEach(subset::add);
            System.out.println(row("all sources", family, subset));
        }
        System.out.println(row("all sources", "all", judged));
        List<Judged> unseenPrint = judged.stream().filter(j -> j.sample().source().equals("nuaa")).toList();
        System.out.println(row("nuaa held out (only print source: unseen attack type)", "print", unseenPrint));
        List<Judged> screens = judged.stream().filter(j -> !j.sample().source().equals("nuaa")
                && !j.sample().source().equals("silent-face")).toList();
        System.out.println(row("the 12 webcam screen-replay sources", "screen", screens));
        System.out.println();

        System.out.println("## Single-threshold view of the final calibrated score (pooled out-of-fold)\n");
        System.out.println("| score | AUC | APCER at BPCER ≤ 5 % | APCER at BPCER ≤ 10 % | EER |");
        System.out.println("|---|---|---|---|---|");
        List<Judged> withFace = judged.stream().filter(j -> j.sample().hasFace()).toList();
        boolean[] y = new boolean[withFace.size()];
        double[] fin = new double[y.length], face = new double[y.length], img = new double[y.length];
        double[] anti = new double[y.length], live0 = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            Judged j = withFace.get(i);
            y[i] = j.sample().attack();
            fin[i] = j.finalScore();
            face[i] = j.faceScore();
            img[i] = j.imageScore();
            anti[i] = 1 - j.sample().primary().antispoofReal();
            live0[i] = 1 - j.sample().primary().livenessLive();
        }
        System.out.println(thresholdRow("final (worst face, plus whole image where its scorer is used)", fin, y));
        System.out.println(thresholdRow("per-face scorer only", face, y));
        System.out.println(thresholdRow("whole-image cues only", img, y));
        System.out.println(thresholdRow("packaged antispoof alone (1 − real)", anti, y));
        System.out.println(thresholdRow("packaged liveness alone (1 − column 0)", live0, y));
        System.out.println();
        System.out.printf(Locale.ROOT, "Packaged antispoof at its usual 0.5: APCER %s, BPCER %s (primary faces, %d genuine, %d attacks).%n%n",
                pct(PadTraining.share(anti, y, true, v -> v <= 0.5)), pct(PadTraining.share(anti, y, false, v -> v > 0.5)),
                PadTraining.count(y, false), PadTraining.count(y, true));

        System.out.println("## Which liveness column means \"live\"\n");
        double[] col0 = Arrays.stream(live0).map(v -> 1 - v).toArray();
        System.out.printf(Locale.ROOT, "Column 0, genuine: median %.3f; attacks: median %.3f. AUC of column 0 for \"genuine\" = %.3f "
                + "(1.0 would be perfect, 0.5 chance, below 0.5 the column would mean \"fake\").%n",
                median(PadTraining.select(col0, y, false)), median(PadTraining.select(col0, y, true)),
                1 - PadTraining.auc(col0, y));
        for (String src : sources) {
            List<Judged> js = withFace.stream().filter(j -> j.sample().source().equals(src)).toList();
            boolean[] ys = new boolean[js.size()];
            double[] c0 = new double[js.size()];
            for (int i = 0; i < ys.length; i++) {
                ys[i] = js.get(i).sample().attack();
                c0[i] = js.get(i).sample().primary().livenessLive();
            }
            System.out.printf(Locale.ROOT, "%s: AUC(column 0 = genuine) %.3f; ", src, 1 - PadTraining.auc(c0, ys));
        }
        System.out.println("\n");

        System.out.println("## Ladders of the fold models (chosen by inner cross-validation on the training sources)\n");
        System.out.println("| held-out source | face live below – spoof from | image live below – spoof from | face cost C | face inner AUC |");
        System.out.println("|---|---|---|---|---|");
        System.out.print(ladders);
        System.out.println();

        System.out.println("## Genuine photos of shared/data/faces, each folder judged by a model trained without it\n");
        System.out.println("| folder | images | no face | faces | faces spoof | faces doubt | images spoof | images doubt | images live |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String folder : new TreeSet<>(faces.stream().map(PadDataset.Sample::source).toList())) {
            System.out.println(facesRow(facesJudged.stream().filter(j -> j.sample().source().equals(folder)).toList(), folder));
        }
        System.out.println(facesRow(facesJudged, "all"));
        List<Judged> multi = facesJudged.stream()
                .filter(j -> j.sample().source().startsWith("faces/multi") && j.sample().faces().size() >= 2).toList();
        System.out.printf(Locale.ROOT, "%nPhotos in data/faces/multi with two or more faces: %d; judged spoof: %d; doubt: %d.%n",
                multi.size(), multi.stream().filter(j -> j.verdict() == LivenessVerdict.SPOOF).count(),
                multi.stream().filter(j -> j.verdict() == LivenessVerdict.DOUBT).count());
        for (Judged j : facesJudged) {
            if (j.verdict() == LivenessVerdict.SPOOF) {
                System.out.printf(Locale.ROOT, "  %s: %s (worst face %.3f)%n", j.sample().file(), j.verdict().label(), j.faceScore());
            }
        }
    }
    static Judged judge(PadModel model, PadDataset.Sample s) {
        if (!s.hasFace()) {
            return new Judged(s, Double.NaN, List.of(), Double.NaN, Double.NaN, null);
        }
        double worstFace = Double.NEGATIVE_INFINITY;
        LivenessVerdict verdict = LivenessVerdict.LIVE;
        List<LivenessVerdict> perFace = new ArrayList<>();
        for (PadDataset.Face f : s.faces()) {
            double p = model.face().spoofProbability(f.features());
            worstFace = Math.max(worstFace, p);
            perFace.add(PadFeatures.capForSize(model.faceLadder().verdict(p), f.box()[2]));
            verdict = DecisionLadder.worst(verdict, perFace.get(perFace.size() - 1));
        }
        double image = model.image().spoofProbability(s.image());
        verdict = DecisionLadder.worst(verdict, model.imageLadder().verdict(image));
        double combined = model.imageLadder().fires() ? Math.max(worstFace, image) : worstFace;
        return new Judged(s, worstFace, perFace, image, combined, verdict);
    }

    static String row(String name, String type, List<Judged> js) {
        List<Judged> g = js.stream().filter(j -> !j.sample().attack()).toList();
        List<Judged> a = js.stream().filter(j -> j.sample().attack()).toList();
        long gNo = g.stream().filter(j -> j.verdict() == null).count();
        long aNo = a.stream().filter(j -> j.verdict() == null).count();
        return String.format(Locale.ROOT, "| %s | %s | %d | %d | %d / %d | %s | %s | %s | %s | %s |", name, type,
                g.size() - gNo, a.size() - aNo, gNo, aNo,
                rate(g, LivenessVerdict.SPOOF), rate(g, LivenessVerdict.DOUBT),
                rate(a, LivenessVerdict.LIVE), rate(a, LivenessVerdict.DOUBT), rate(a, LivenessVerdict.SPOOF));
    }

    static String rate(List<Judged> js, LivenessVerdict v) {
        List<Judged> usable = js.stream().filter(j -> j.verdict() != null).toList();
        if (usable.isEmpty()) {
            return "–";
        }
        long k = usable.stream().filter(j -> j.verdict() == v).count();
        return String.format(Locale.ROOT, "%d (%s)", k, pct((double) k / usable.size()));
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    static String thresholdRow(String name, double[] score, boolean[] y) {
        return String.format(Locale.ROOT, "| %s | %.3f | %s | %s | %s |", name, PadTraining.auc(score, y),
                pct(apcerAt(score, y, 0.05)), pct(apcerAt(score, y, 0.10)), pct(eer(score, y)));
    }

    /** APCER at the lowest threshold whose BPCER (genuine at or above it) is at most {@code bpcer}. */
    static double apcerAt(double[] score, boolean[] y, double bpcer) {
        double[] g = PadTraining.select(score, y, false);
        Arrays.sort(g);
        int allowed = (int) Math.floor(bpcer * g.length);
        double t = Math.nextUp(g[g.length - 1 - allowed]);
        return PadTraining.share(score, y, true, v -> v < t);
    }

    static double eer(double[] score, boolean[] y) {
        double best = 1;
        for (double t : score) {
            double apcer = PadTraining.share(score, y, true, v -> v < t);
            double bpcer = PadTraining.share(score, y, false, v -> v >= t);
            best = Math.min(best, Math.max(apcer, bpcer));
        }
        return best;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }

    static String facesRow(List<Judged> js, String name) {
        int noFace = 0, faces = 0, faceSpoof = 0, faceDoubt = 0;
        Map<LivenessVerdict, Integer> images = new LinkedHashMap<>();
        for (Judged j : js) {
            if (j.verdict() == null) {
                noFace++;
                continue;
            }
            faces += j.faceVerdicts().size();
            faceSpoof += (int) j.faceVerdicts().stream().filter(v -> v == LivenessVerdict.SPOOF).count();
            faceDoubt += (int) j.faceVerdicts().stream().filter(v -> v == LivenessVerdict.DOUBT).count();
            images.merge(j.verdict(), 1, Integer::sum);
        }
        int judged = js.size() - noFace;
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d (%s) | %d (%s) | %s | %s | %s |", name, js.size(), noFace,
                faces, faceSpoof, pct(faces == 0 ? Double.NaN : (double) faceSpoof / faces), faceDoubt,
                pct(faces == 0 ? Double.NaN : (double) faceDoubt / faces),
                count(images, LivenessVerdict.SPOOF, judged), count(images, LivenessVerdict.DOUBT, judged),
                count(images, LivenessVerdict.LIVE, judged));
    }

    private static String count(Map<LivenessVerdict, Integer> m, LivenessVerdict v, int n) {
        int k = m.getOrDefault(v, 0);
        return String.format(Locale.ROOT, "%d (%s)", k, pct(n == 0 ? Double.NaN : (double) k / n));
    }
}
