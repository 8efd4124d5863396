package org.sadasya.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.sadasya.audit.AuditVerification;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sadasya audit-log …}: the service's append-only audit log. */
@Command(name = "audit-log", mixinStandardHelpOptions = true, description = "The service's audit log.",
        subcommands = AuditLogCommand.Verify.class)
public final class AuditLogCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /**
     * {@code sadasya audit-log verify}: checks the hash chain over the whole log, with the service's
     * database settings (as {@code index rebuild}). Exit 0 when intact, 1 when a row was changed,
     * deleted or added outside the service.
     */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the audit log's hash chain; prints {\"intact\", \"rows\", \"chained\", \"unchained\","
                    + " \"problemCount\", \"problems\", \"lastId\", \"lastHash\"}; exit 1 when it is broken.")
    static final class Verify implements Callable<Integer> {

        @Option(names = "--data-dir", description = "Data directory (default: SADASYA_DATA_DIR, else ./sadasya-data)")
        Path dataDir;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = DatabaseContext.open(DatabaseContext.dataDir(dataDir))) {
                AuditVerification.Report r = new AuditVerification(ctx.getBean(DataSource.class)).verify();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("intact", r.intact());
                out.put("rows", r.rows());
                out.put("chained", r.chained());
                out.put("unchained", r.unchained());
                out.put("problemCount", r.problemCount());
                out.put("problems", r.problems().stream().map(p -> Map.of("id", p.id(), "kind", p.kind())).toList());
                out.put("lastId", r.lastId());
                out.put("lastHash", r.lastHash());
                System.out.println(Json.write(out));
                return r.intact() ? 0 : 1;
            }
        }
    }
}
