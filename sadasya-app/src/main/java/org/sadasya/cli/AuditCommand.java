package org.sadasya.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sadasya.face.FaceEngine;
import org.sadasya.listaudit.AssessMemberList;
import org.sadasya.listaudit.MemberList;
import org.sadasya.listaudit.RunListAudit;
import org.sadasya.common.SameSpotRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sadasya audit DIR [--out OUTDIR]}: the fake members of an existing list (issue #6, rules
 * in sadasya-app/README-audit.md). Prints one JSON summary line on stdout; progress on stderr. Run
 * it again with the same OUTDIR to resume an interrupted audit.
 */
@Command(name = "audit", description = "Find duplicates, recaptured photos and same-spot workers in an existing membership list (DIR/members.csv).")
final class AuditCommand implements Callable<Integer> {
    /** Exit status of a run stopped by --stop-after: EX_TEMPFAIL of sysexits.h, "try again". */
    static final int EXIT_STOPPED = 75;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder holding members.csv and the photos it names.")
    Path dir;

    @Option(names = "--out", paramLabel = "OUTDIR", description = "Where audit.csv, report.html and the checkpoint go (default: DIR/audit).")
    Path out;

    @Option(names = "--threads", description = "Photos analysed at once (default: number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--index", defaultValue = "auto", description = "Face search: auto (exact up to 20000 faces, HNSW above), exact or hnsw.")
    String index;

    @Option(names = "--spot-radius-m", defaultValue = "30", description = "SAME_SPOT radius in metres (default 30).")
    double spotRadiusMeters;

    @Option(names = "--spot-min-members", defaultValue = "5", description = "SAME_SPOT: members of one worker at one spot (default 5).")
    int spotMinMembers;

    @Option(names = "--reuse-distance", defaultValue = "6", description = "IMAGE_REUSE: dHash bits of 64 (default 6, as the service).")
    int reuseDistance;

    /** Test hook: stop after N photos, as an interruption would. */
    @Option(names = "--stop-after", hidden = true, defaultValue = "-1")
    long stopAfter;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isRegularFile(dir.resolve("members.csv"))) {
            throw new CliFailure("BAD_ARGUMENT", "no members.csv in " + dir);
        }
        RunListAudit.IndexKind kind = switch (index.toLowerCase(Locale.ROOT)) {
            case "auto" -> RunListAudit.IndexKind.AUTO;
            case "exact" -> RunListAudit.IndexKind.EXACT;
            case "hnsw" -> RunListAudit.IndexKind.HNSW;
            default -> throw new CliFailure("BAD_ARGUMENT", "--index must be auto, exact or hnsw, not '" + index + "'");
        };
        AssessMemberList rules;
        try {
            rules = new AssessMemberList(reuseDistance, new SameSpotRule(spotRadiusMeters, spotMinMembers));
        } catch (IllegalArgumentException e) {
            throw new CliFailure("BAD_ARGUMENT", e.getMessage());
        }
        Path outDir = out != null ? out : dir.resolve("audit");
        RunListAudit.Result r;
        try (FaceEngine engine = engineOptions.engine()) {
            r = new RunListAudit(engine).run(new RunListAudit.Options(dir, outDir, threads, kind, rules, stopAfter, System.err));
        } catch (MemberList.NotAMemberList e) {
            throw new CliFailure("BAD_LIST", e.getMessage());
        }
        if (!r.complete()) {
            System.err.println(Json.error("STOPPED", "stopped after " + r.photosAnalysed()
                    + " photos; run the same command again to resume"));
            return EXIT_STOPPED;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("members", r.rows());
        summary.put("flagged", r.rows() - r.findings().cleanCount());
        r.findings().flagCounts().forEach((f, n) -> summary.put(f.name(), n));
        summary.put("photosAnalysed", r.photosAnalysed());
        summary.put("photosFromCheckpoint", r.photosFromCheckpoint());
        summary.put("faceSearch", r.indexKind());
        summary.put("seconds", Math.round(r.seconds() * 100) / 100.0);
        summary.put("membersPerSecond", Math.round(r.rows() / r.seconds() * 100) / 100.0);
        summary.put("auditCsv", r.auditCsv().toString());
        summary.put("report", r.report().toString());
        System.out.println(Json.write(summary));
        return 0;
    }
}
