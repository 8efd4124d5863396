package org.sadasya.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.enrollment.ImageKeys;
import org.sadasya.enrollment.ImageStore;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.face.pad.PresentationAttackDetector;
import org.sadasya.member.JdbcMemberRepository;
import org.sadasya.reembed.FaceCoverage;
import org.sadasya.reembed.Reembedder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sadasya reembed}: describes every stored member and worker face with another embedding
 * model, from the encrypted photos, beside the embeddings they have. Safe beside a running service
 * (which does the same in the background when configured with the new model, and switches once
 * nothing lacks it) and safe to stop: the next run goes on where this one stopped.
 */
@Command(name = "reembed", mixinStandardHelpOptions = true,
        description = "Re-embed the stored member and worker faces with a model (resumable); prints a JSON line"
                + " {\"model\", \"done\", \"failed\", \"remaining\"} after each batch, and the totals last.")
public final class ReembedCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Data directory (default: SADASYA_DATA_DIR, else ./sadasya-data)")
    Path dataDir;

    @Option(names = "--embedding", defaultValue = "mobilefacenet",
            description = "The model to describe the faces with: 'mobilefacenet' (default) or 'faceres'.")
    String embedding;

    @Override
    public Integer call() {
        Path dir = DatabaseContext.dataDir(dataDir);
        EmbeddingModel target = EngineOptions.embeddingModel(embedding);
        Map<EmbeddingModel, FaceEngine> engines = new EnumMap<>(EmbeddingModel.class);
        AtomicBoolean keepGoing = new AtomicBoolean(true);
        Thread onSignal = new Thread(() -> keepGoing.set(false)); // Ctrl-C: finish the face in hand, then stop
        Runtime.getRuntime().addShutdownHook(onSignal);
        try (ConfigurableApplicationContext ctx = DatabaseContext.open(dir)) {
            DataSource ds = ctx.getBean(DataSource.class);
            JdbcClient jdbc = JdbcClient.create(ds);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            Clock clock = Clock.systemUTC();
            ImageStore images = new ImageStore(dir.resolve("images"),
                    ImageKeysCommand.serviceKey(ctx.getEnvironment().getProperty("sadasya.image-key"), dir),
                    ImageKeys.previous(ctx.getEnvironment().getProperty("sadasya.image-previous-keys")));
            Reembedder reembedder = new Reembedder(jdbc, tx, new EnrollmentRepository(jdbc),
                    new JdbcMemberRepository(jdbc, clock, "unused"), images, clock,
                    m -> engines.computeIfAbsent(m, x -> FaceEngine.create(PipelineMode.DEFAULT,
                            PresentationAttackDetector.bundled(), x)));
            Reembedder.Progress last = reembedder.run(target, p -> System.out.println(Json.write(line(p, null))),
                    keepGoing::get);
            System.out.println(Json.write(line(last, new FaceCoverage(jdbc).lacking(target.version()))));
            return 0;
        } finally {
            engines.values().forEach(FaceEngine::close);
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    private static Map<String, Object> line(Reembedder.Progress p, FaceCoverage.Lacking totals) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", p.model());
        out.put("done", p.done());
        out.put("failed", p.failed());
        out.put("remaining", p.remaining());
        if (totals != null) {
            out.put("complete", totals.none());
            out.put("gaveUpInAll", totals.failed());
        }
        return out;
    }
}
