package org.sadasya.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.sadasya.config.SadasyaProperties;
import org.sadasya.member.HnswMemberFaceIndex;
import org.sadasya.member.MemberFaceIndexes;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sadasya index …}: the service's 1:N face index. */
@Command(name = "index", mixinStandardHelpOptions = true, description = "The members' face index (DUPLICATE_FACE).",
        subcommands = IndexCommand.Rebuild.class)
public final class IndexCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /**
     * {@code sadasya index rebuild}: deletes {@code <data-dir>/index} and builds it again from every
     * member face in the database, one index per embedding model (one JSON line each). Uses the service's database settings (application.yml: the H2 file
     * in the data directory, or {@code SPRING_DATASOURCE_URL/USERNAME/PASSWORD}) and applies its
     * migrations, as {@code serve} does. Refuses while a service has the index open.
     */
    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = "Rebuild the face index from the database; prints {\"members\", \"modelVersion\","
                    + " \"highWaterMark\", \"seconds\"}. Stop the service first.")
    static final class Rebuild implements Callable<Integer> {

        @Option(names = "--data-dir", description = "Data directory (default: SADASYA_DATA_DIR, else ./sadasya-data)")
        Path dataDir;

        @Override
        public Integer call() {
            Path dir = DatabaseContext.dataDir(dataDir);
            try (ConfigurableApplicationContext ctx = DatabaseContext.open(dir)) {
                JdbcClient jdbc = JdbcClient.create(ctx.getBean(DataSource.class));
                java.util.List<HnswMemberFaceIndex.Rebuilt> rebuilt;
                try {
                    rebuilt = MemberFaceIndexes.rebuildAll(jdbc, dir.resolve("index"),
                            SadasyaProperties.hnswOptions(ctx.getEnvironment().getProperty("sadasya.face-index-format"),
                                    ctx.getEnvironment().getProperty("sadasya.face-index-m", Integer.class, 32),
                                    ctx.getEnvironment().getProperty("sadasya.face-index-candidates", Integer.class, 250),
                                    ctx.getEnvironment().getProperty("sadasya.face-index-projection", Integer.class, 0)));
                } catch (HnswMemberFaceIndex.InUseException e) {
                    throw new CliFailure("INDEX_IN_USE", e.getMessage());
                }
                if (rebuilt.isEmpty()) { // no member faces yet: nothing to index
                    rebuilt = java.util.List.of(new HnswMemberFaceIndex.Rebuilt(0, null, -1, 0));
                }
                for (HnswMemberFaceIndex.Rebuilt r : rebuilt) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("members", r.members());
                    out.put("modelVersion", r.modelVersion());
                    out.put("highWaterMark", r.highWaterMark());
                    out.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
                    out.put("directory", dir.resolve("index").toString());
                    System.out.println(Json.write(out));
                }
                return 0;
            }
        }
    }
}
